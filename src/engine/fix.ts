/**
 * `--fix` / `--fix-dry-run`: apply the fixes rules offer, re-lint until stable, and (with
 * `--fix`) write each changed file atomically. A fix is a text edit inside one scalar, so
 * comments, quoting elsewhere, key order and line ends are kept. Files with a `yaml-syntax`
 * problem offer no fixes and are never written. A file that changed on disk since it was read
 * is not written.
 */
import { chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { collect, reportOf, type LintOptions } from '../api.js';
import type { RunSetup } from '../config/setup.js';
import type { LoadedFile } from '../load/index.js';
import { loadInputSync } from '../load/read.js';
import type { Diagnostic, Fix, Report } from '../types.js';

export const MAX_FIX_PASSES = 10;

export interface FixResult {
  report: Report;
  /** The fixed texts, for code frames. */
  sources: Map<string, string>;
  fixedFiles: string[];
  skipped: { file: string; reason: string }[];
}

/**
 * Apply non-overlapping fixes, last first, so earlier offsets stay valid. Overlapping fixes
 * wait for the next pass.
 */
export function applyFixesToText(text: string, fixes: Fix[]): string {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const chosen: Fix[] = [];
  let end = -1;
  for (const f of sorted) {
    if (f.range[0] < end) continue;
    chosen.push(f);
    end = f.range[1];
  }
  let out = text;
  for (let i = chosen.length - 1; i >= 0; i--) {
    const f = chosen[i];
    out = out.slice(0, f.range[0]) + f.text + out.slice(f.range[1]);
  }
  return out;
}

function fixesByFile(report: Report): Map<string, Fix[]> {
  const map = new Map<string, Fix[]>();
  for (const f of report.files) {
    const fixes = f.diagnostics.filter((d): d is Diagnostic & { fix: Fix } => !!d.fix && !hasSyntaxError(f.diagnostics)).map((d) => d.fix);
    if (fixes.length) map.set(f.file, fixes);
  }
  return map;
}

function hasSyntaxError(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.ruleId === 'yaml-syntax');
}

/** Write `text` next to `path`, then rename over it: never a half-written file. Keeps the mode. */
export function writeAtomic(path: string, text: string | Buffer, mode?: number): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.qingdan-lint.tmp`);
  try {
    writeFileSync(tmp, text, mode !== undefined ? { mode } : undefined);
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (error) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw error;
  }
}

/**
 * Write the fixed text over `abs` unless the file on disk is no longer what was read.
 * Returns the reason it was not written, or undefined when it was.
 */
export function writeIfUnchanged(abs: string, before: Pick<LoadedFile, 'text' | 'bom'>, after: Pick<LoadedFile, 'text' | 'bom'>): string | undefined {
  let onDisk: Buffer;
  try {
    onDisk = readFileSync(abs);
  } catch {
    return 'the file disappeared / 文件已不存在';
  }
  const expected = Buffer.from((before.bom ? '\uFEFF' : '') + before.text, 'utf8');
  if (!onDisk.equals(expected)) return 'changed on disk since it was read / 读取后文件已被修改';
  writeAtomic(abs, (after.bom ? '\uFEFF' : '') + after.text, statSync(abs).mode & 0o7777);
  return undefined;
}

export async function applyFixes(options: LintOptions, prepared: RunSetup, { write }: { write: boolean }): Promise<FixResult> {
  const collected = await collect(options, prepared);
  const parser = options.parser ?? 'fast';
  let report = await reportOf(collected, options);
  /** What each changed file held when first read, for the write-time check. */
  const original = new Map<string, { text: string; bom: boolean }>();
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const fixes = fixesByFile(report);
    if (collected.given) for (const f of [...fixes.keys()]) if (!collected.given.has(f)) fixes.delete(f);
    if (fixes.size === 0) break;
    let progressed = false;
    collected.inputs = collected.inputs.map((input) => {
      const list = fixes.get(input.file);
      if (!list) return input;
      const current = input.text !== undefined ? { text: input.text, bom: input.bom ?? false } : loadInputSync(input, parser);
      if (!original.has(input.file) && input.abs) original.set(input.file, { text: current.text, bom: current.bom });
      const text = applyFixesToText(current.text, list);
      if (text === current.text) return input;
      progressed = true;
      return { ...input, text, bom: current.bom };
    });
    if (!progressed) break;
    report = await reportOf(collected, options);
  }
  const sources = new Map<string, string>();
  const skipped: { file: string; reason: string }[] = [];
  const fixedFiles: string[] = [];
  for (const input of collected.inputs) {
    if (input.text === undefined) continue;
    sources.set(input.file, input.text);
    const before = original.get(input.file);
    if (!before || before.text === input.text) continue; // standard input, or nothing changed
    if (write) {
      const reason = writeIfUnchanged(input.abs!, before, { text: input.text, bom: input.bom ?? false });
      if (reason) {
        skipped.push({ file: input.file, reason });
        continue;
      }
    }
    fixedFiles.push(input.file);
  }
  return { report, sources, fixedFiles, skipped };
}
