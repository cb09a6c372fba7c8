/**
 * A dataset kept in memory between runs, for the language server: each file's per-file record
 * (located single-file findings, item summaries, fingerprints) is kept by content hash, and the
 * cross-level stage's memo (compare results and ranges by the contents of both files) lives on
 * between runs, exactly as `--cache` keeps them on disk. An edit re-analyzes only the edited
 * file; the cross-level stage then runs over fingerprints, loading only the items that differ.
 * Open buffers take the place of their files on disk; nothing is ever written. The dataset's
 * baseline (`qingdan-lint-suppressions.json` in its root) is applied as in CI.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SUPPRESSIONS_FILE, applySuppressions, readSuppressions } from '../report/baseline.js';
import { runOptions } from './lint-run.js';
import { setup, type RunSetup } from '../config/setup.js';
import type { FileRecord } from '../engine/analyze.js';
import { analyzeAll, defaultThreads, INLINE_BELOW_BYTES } from './pool.js';
import { finishRun, type CrossMemo } from '../engine/run.js';
import { discoverFiles, displayPath } from '../files/discover.js';
import { loadInputSync, type FileInput } from '../load/read.js';
import type { Locale, Report } from '../types.js';
import { reportOfRun } from './report-of-run.js';

interface Known {
  /** What the record was made from: the buffer's text, or the file's size and time on disk. */
  source: string;
  record: FileRecord;
}

export interface IncrementalOptions {
  /** The dataset's root: the config's directory, else the workspace folder. Paths are relative to it. */
  root: string;
  /** The config file, or false for none (every YAML file under the root). */
  config: string | false;
  /** Wording when the config sets no locale (the editor's). */
  fallbackLocale?: Locale;
}

export class IncrementalLinter {
  private setupPromise?: Promise<RunSetup>;
  private files?: Promise<string[]>;
  private readonly overlays = new Map<string, string>();
  private readonly known = new Map<string, Known>();
  private readonly memo: CrossMemo = { compare: new Map(), locate: new Map(), used: new Set() };

  constructor(readonly options: IncrementalOptions) {}

  /** The display path of an absolute path under the root. */
  displayPath(abs: string): string {
    return displayPath(this.options.root, abs);
  }

  absolute(file: string): string {
    return resolve(this.options.root, file);
  }

  /** An open buffer's text in place of the file on disk; `undefined` when it is closed. */
  setOverlay(abs: string, text: string | undefined): void {
    const file = this.displayPath(abs);
    if (text === undefined) this.overlays.delete(file);
    else this.overlays.set(file, text);
  }

  /** The files on disk changed (watched files): look again at which files there are. */
  filesChanged(): void {
    this.files = undefined;
  }

  /** The configuration changed: set everything up again. */
  reset(): void {
    this.setupPromise = undefined;
    this.files = undefined;
    this.known.clear();
    this.memo.compare.clear();
    this.memo.locate.clear();
  }

  /** Whether `abs` belongs to this dataset (is one of its files, or an open buffer under it). */
  async has(abs: string): Promise<boolean> {
    const file = this.displayPath(abs);
    return this.overlays.has(file) || (await this.fileList()).includes(file);
  }

  private ready(): Promise<RunSetup> {
    this.setupPromise ??= setup({ cwd: this.options.root, config: this.options.config });
    return this.setupPromise;
  }

  private fileList(): Promise<string[]> {
    this.files ??= this.ready().then(async (s) => {
      const found = await discoverFiles({ cwd: s.cwd, patterns: [], files: s.loaded.config.files, ignores: s.loaded.config.ignores, baseDir: s.loaded.baseDir });
      return found.map((f) => f.file);
    });
    return this.files;
  }

  /** Lint the whole dataset as it stands now (buffers over disk). */
  async lint(): Promise<Report> {
    // The buffers as they are when the run starts: edits arriving meanwhile wait for the next run.
    const overlays = new Map(this.overlays);
    const s = await this.ready();
    const onDisk = await this.fileList();
    const names = [...new Set([...onDisk, ...overlays.keys()])].sort();
    const inputs: FileInput[] = [];
    const records: FileRecord[] = [];
    /** Files whose record must be made again, with what it will be made from. */
    const pending: { at: number; input: FileInput; source: string }[] = [];
    let pendingBytes = 0;
    for (const file of names) {
      const text = overlays.get(file);
      const input: FileInput = text !== undefined ? { file, text } : { file, abs: this.absolute(file) };
      let source: string;
      let size = 0;
      if (text !== undefined) {
        source = `text:${text}`;
        size = text.length;
      } else {
        try {
          const st = statSync(input.abs!);
          source = `disk:${st.size}:${st.mtimeMs}:${st.ino}`;
          size = st.size;
        } catch {
          source = 'disk:missing';
        }
      }
      inputs.push(input);
      const known = this.known.get(file);
      if (known && known.source === source) records.push(known.record);
      else {
        pending.push({ at: records.length, input: known ? { ...input, knownHash: known.record.hash } : input, source });
        pendingBytes += size;
        records.push(undefined as unknown as FileRecord);
      }
    }
    // Opening a large dataset: the first analysis goes to the worker pool, as the command line's does.
    const threads = pending.length > 1 && pendingBytes >= INLINE_BELOW_BYTES ? defaultThreads() : 1;
    const analyzeOptions = { rules: s.rules, rulesFor: (f: string) => s.resolver.for(f), strictFacets: s.strictFacets, cwd: s.cwd };
    const fresh = await analyzeAll(
      pending.map((p) => p.input),
      { parser: 'fast', threads, setup: { cwd: this.options.root, config: this.options.config }, analyze: analyzeOptions, hash: true },
    );
    fresh.forEach((r, i) => {
      const { at, input, source } = pending[i];
      const record = 'unchanged' in r ? this.known.get(input.file)!.record : r;
      this.known.set(input.file, { source, record });
      records[at] = record;
    });
    for (const file of this.known.keys()) if (!names.includes(file)) this.known.delete(file);
    const byFile = new Map(inputs.map((i) => [i.file, i]));
    const run = runOptions(s);
    if (s.loaded.config.locale === undefined && this.options.fallbackLocale) run.locale = this.options.fallbackLocale;
    this.memo.used.clear();
    let report = reportOfRun(finishRun(records, (file) => loadInputSync(byFile.get(file)!, 'fast', true), run, this.memo), run);
    // The baseline in the dataset's root, as a lint in CI applies it: recorded findings are set
    // aside (nothing is judged unused while editing; a corrupt file is an error, not ignored).
    const baseline = readSuppressions(join(this.options.root, SUPPRESSIONS_FILE));
    if (baseline) report = applySuppressions(report, baseline.counts, () => false).report;
    // Keep only what this run used, so the memo does not grow with every keystroke.
    for (const key of this.memo.compare.keys()) if (!this.memo.used.has(key)) this.memo.compare.delete(key);
    for (const key of this.memo.locate.keys()) if (!this.memo.used.has(key)) this.memo.locate.delete(key);
    return report;
  }
}
