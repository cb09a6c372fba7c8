/**
 * `--fix` / `--fix-dry-run`: apply the fixes rules offer, re-lint until stable, and (with
 * `--fix`) write each changed file. A fix is a text edit inside one scalar, so comments, quoting
 * elsewhere, key order and line ends are kept. Files with a `yaml-syntax` problem offer no fixes
 * and are never written.
 *
 * One snapshot: every file that may be fixed is read once, before the first lint pass; every
 * pass lints that text, and the fixes (offsets into it) are applied to it alone. Just before a
 * file is written it is read again and the write is refused ("changed on disk since it was
 * read") unless it still holds the snapshot's bytes, so an editor's save during the run is never
 * overwritten nor mixed with offsets computed on older text. Writes go through
 * {@link writeAtomic} (links, mode and owner kept, read-only files refused). A file that could
 * not be written is reported with its reason, the others are still written, and the report shows
 * the unwritten file as it was read (its problems remain).
 */
import { readFileSync } from 'node:fs';
import { collect, reportOf } from './lint-run.js';
import type { LintOptions } from './lint-options.js';
import type { RunSetup } from '../config/setup.js';
import { loadBytes } from '../load/index.js';
import type { FileInput } from '../load/read.js';
import type { Diagnostic, Fix, Report } from '../types.js';
import { WriteRefused, writeAtomic, writeErrorReason } from '../util/atomic-write.js';
import { CORE_RULES } from '../engine/core-rules.js';

export const MAX_FIX_PASSES = 10;

export interface FixNotWritten {
  file: string;
  /** `changed`, `gone`, `readOnly`, `notWritable`, `directory`, or the file system's error code. */
  code: string;
  reason: string;
  reasonZh: string;
}

export interface FixResult {
  report: Report;
  /** The texts the report describes (fixed, or as read where not written), for code frames. */
  sources: Map<string, string>;
  /** Files written (with `write`), or that would be (without). */
  fixedFiles: string[];
  /** Files whose fixes could not be written, with the reason. */
  skipped: FixNotWritten[];
}

/**
 * For tests only (not exported by the package), so a test can play the editor that saves
 * meanwhile: `afterPass` runs after each lint pass (before its fixes are applied), `beforeWrite`
 * after every fix is computed, just before each file is written.
 */
export const fixHooks: { afterPass?: (pass: number) => void; beforeWrite?: (abs: string, file: string) => void } = {};

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
    if (f.diagnostics.some((d) => d.ruleId === CORE_RULES.syntax)) continue;
    const fixes = f.diagnostics.flatMap((d) => (d.fix ? [d.fix] : []));
    if (fixes.length) map.set(f.file, fixes);
  }
  return map;
}

/** What a file held when it was read: its bytes, and the decoded text the passes work on. */
interface Snapshot {
  bytes: Buffer;
  text: string;
  bom: boolean;
}

/**
 * Read a file once for fixing. Undefined when it cannot be read or decoded: then it is linted
 * (and its problem reported) from disk as usual, and never fixed.
 */
function snapshot(input: FileInput, parser: NonNullable<LintOptions['parser']>): Snapshot | undefined {
  if (input.text !== undefined || !input.abs) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(input.abs);
  } catch {
    return undefined;
  }
  const loaded = loadBytes(input.file, bytes, parser, true);
  return loaded.ok ? { bytes, text: loaded.text, bom: loaded.bom } : undefined;
}

function holds(abs: string, bytes: Buffer): boolean {
  try {
    return readFileSync(abs).equals(bytes);
  } catch {
    return false;
  }
}

const encode = (text: string, bom: boolean) => Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8');

export async function applyFixes(options: LintOptions, prepared: RunSetup, { write }: { write: boolean }): Promise<FixResult> {
  const collected = await collect(options, prepared);
  const parser = options.parser ?? 'fast';
  const snapshots = new Map<string, Snapshot>();
  collected.inputs = collected.inputs.map((input) => {
    if (collected.given && !collected.given.has(input.file)) return input;
    const snap = snapshot(input, parser);
    if (!snap) return input;
    snapshots.set(input.file, snap);
    return { ...input, text: snap.text, bom: snap.bom };
  });
  let report = await reportOf(collected, options);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    fixHooks.afterPass?.(pass);
    const fixes = fixesByFile(report);
    for (const f of [...fixes.keys()]) if (!snapshots.has(f)) fixes.delete(f);
    if (fixes.size === 0) break;
    let progressed = false;
    collected.inputs = collected.inputs.map((input) => {
      const list = fixes.get(input.file);
      if (!list) return input;
      const text = applyFixesToText(input.text!, list);
      if (text === input.text) return input;
      progressed = true;
      return { ...input, text };
    });
    if (!progressed) break;
    report = await reportOf(collected, options);
  }
  const skipped: FixNotWritten[] = [];
  const fixedFiles: string[] = [];
  const notWritten = new Set<string>();
  for (const input of collected.inputs) {
    const snap = snapshots.get(input.file);
    if (!snap || snap.text === input.text) continue;
    if (write) {
      const bytes = encode(input.text!, snap.bom);
      try {
        fixHooks.beforeWrite?.(input.abs!, input.file);
        writeAtomic(input.abs!, bytes, { expect: snap.bytes });
      } catch (error) {
        // Another name of a file written just before (a hard link in the dataset) already shows the fix.
        if (error instanceof WriteRefused && error.code === 'changed' && holds(input.abs!, bytes)) {
          fixedFiles.push(input.file);
          continue;
        }
        const { en, zh, code } = writeErrorReason(error);
        skipped.push({ file: input.file, code, reason: en, reasonZh: zh });
        notWritten.add(input.file);
        continue;
      }
    }
    fixedFiles.push(input.file);
  }
  if (notWritten.size) {
    // Report what is on disk for the files not written: the text as read, problems and all.
    collected.inputs = collected.inputs.map((input) => (notWritten.has(input.file) ? { ...input, text: snapshots.get(input.file)!.text } : input));
    report = await reportOf(collected, options);
  }
  const sources = new Map<string, string>();
  for (const input of collected.inputs) if (input.text !== undefined) sources.set(input.file, input.text);
  return { report, sources, fixedFiles, skipped };
}
