/**
 * The library's entry points: `lint` (what the command line does, without printing) and
 * `lintDocuments` (in memory, for editors and other tools).
 */
import { resolve } from 'node:path';
import { setup, type RunSetup, type SetupOptions } from './config/setup.js';
import { filterToGiven } from './engine/given.js';
import { analyzeAll, defaultThreads, INLINE_BELOW_BYTES } from './engine/pool.js';
import { finishRun, type RunOptions } from './engine/run.js';
import { discoverFiles, displayPath } from './files/discover.js';
import type { ParsePath } from './load/index.js';
import { hashBytes, loadInputSync, type FileInput } from './load/read.js';
import { DEFAULT_CACHE_LOCATION, RunCache } from './engine/cache.js';
import type { FileRecord } from './engine/analyze.js';
import type { Report } from './types.js';
import { compareCodeUnits } from './report/build.js';
import { readFileSync, statSync } from 'node:fs';

export interface LintOptions extends SetupOptions {
  /** Paths, directories or globs; empty: the config's `files` (default every YAML file). */
  patterns?: string[];
  /**
   * Load the whole dataset (the config's `files`) but report only diagnostics located in the
   * given patterns' files, or whose related location is in one of them.
   */
  reportOnlyGiven?: boolean;
  /**
   * Content to lint in place of `filename` on disk (`--stdin`, editors). Bytes are decoded and
   * checked exactly like a file's (encoding, BOM, size limit); a string counts as decoded text.
   */
  stdin?: { text: string | Uint8Array; filename: string };
  /**
   * Worker threads for the per-file stage. Default: the number of cores for datasets over
   * 4 MB, inline below that. The report is the same for every value.
   */
  threads?: number;
  /**
   * Keep what this run learns for the next one (`--cache`): per-file results by content hash,
   * and cross-level findings by the hashes of the files involved. `location` defaults to
   * `.qingdan-lint-cache` in the working directory.
   */
  cache?: boolean | { location?: string };
  /** Internal: the parse path (`fast` by default; `exact` to check the fast one). */
  parser?: ParsePath;
}

export interface Collected {
  setup: RunSetup;
  /** The files of the run, sorted by display path. */
  inputs: FileInput[];
  /** With `reportOnlyGiven` or `stdin`: the files whose diagnostics are reported. */
  given?: Set<string>;
}

const byFile = (a: { file: string }, b: { file: string }) => compareCodeUnits(a.file, b.file);

/** Find the files of a run. */
export async function collect(options: LintOptions = {}, prepared?: RunSetup): Promise<Collected> {
  const s = prepared ?? (await setup(options));
  const patterns = options.patterns ?? [];
  const config = s.loaded.config;
  const stdinFile = options.stdin ? displayPath(s.cwd, resolve(s.cwd, options.stdin.filename)) : undefined;
  let given: Set<string> | undefined;
  let found;
  if (options.reportOnlyGiven || options.stdin) {
    // Load the whole dataset so cross-level checks see every level; report only the given files.
    const dataset = await discoverFiles({ cwd: s.cwd, patterns: [], files: config.files, ignores: config.ignores, baseDir: s.loaded.baseDir });
    const explicit = patterns.length ? await discoverFiles({ cwd: s.cwd, patterns, ignores: config.ignores, baseDir: s.loaded.baseDir }) : [];
    given = new Set(explicit.map((f) => f.file));
    if (stdinFile) given.add(stdinFile);
    const all = new Map(dataset.map((f) => [f.file, f]));
    for (const f of explicit) all.set(f.file, f);
    found = [...all.values()];
  } else {
    found = await discoverFiles({ cwd: s.cwd, patterns, files: config.files, ignores: config.ignores, baseDir: s.loaded.baseDir });
  }
  const inputs: FileInput[] = found.filter((f) => f.file !== stdinFile).map((f) => ({ file: f.file, abs: f.abs }));
  if (options.stdin && stdinFile) {
    const content = options.stdin.text;
    inputs.push(typeof content === 'string' ? { file: stdinFile, text: content } : { file: stdinFile, bytes: content });
  }
  return { setup: s, inputs: inputs.sort(byFile), given };
}

function runOptions(s: RunSetup): RunOptions {
  return { rules: s.rules, rulesFor: (f) => s.resolver.for(f), locale: s.locale, reference: s.reference, strictFacets: s.strictFacets };
}

/** Threads for a run: as asked, or by the dataset's size. */
function threadsFor(inputs: FileInput[], asked: number | undefined): number {
  if (asked !== undefined) return Math.max(1, asked);
  let bytes = 0;
  for (const i of inputs) {
    if (i.text !== undefined) bytes += i.text.length;
    else {
      try {
        bytes += statSync(i.abs!).size;
      } catch {
        // reported when read
      }
    }
    if (bytes >= INLINE_BELOW_BYTES) return defaultThreads();
  }
  return 1;
}

/** What the cache's validity depends on besides file contents: settings, plugins, the parse path. */
function settingsHash(s: RunSetup, options: LintOptions, parser: ParsePath): string {
  const plugins = (s.loaded.config.plugins ?? []).map((p) => {
    try {
      return readFileSync(resolve(s.loaded.baseDir, p), 'utf8');
    } catch {
      return p; // a package: its version is not tracked; clear the cache after upgrading it
    }
  });
  return hashBytes(JSON.stringify({ config: s.loaded.config, path: s.loaded.path ?? null, rules: options.rules ?? {}, preset: s.preset, reference: s.reference, parser, plugins }));
}

/** Analyze every input (inline or in workers), then run the cross-level stage and report. */
export async function reportOf(c: Collected, options: LintOptions = {}): Promise<Report> {
  const parser = options.parser ?? 'fast';
  const run = runOptions(c.setup);
  const setupOptions: SetupOptions = {
    cwd: c.setup.cwd,
    config: c.setup.loaded.path ?? (options.config === false || options.config === undefined ? false : options.config),
    rules: options.rules,
    preset: options.preset,
    locale: options.locale,
    reference: options.reference,
  };
  const started = performance.now();
  const cache = options.cache ? RunCache.open(resolve(c.setup.cwd, (typeof options.cache === 'object' && options.cache.location) || DEFAULT_CACHE_LOCATION), settingsHash(c.setup, options, parser)) : undefined;
  // With a cache: files whose size and time are unchanged are not even read; the others are read
  // and hashed, and analyzed only when their content changed.
  const records = new Array<FileRecord | undefined>(c.inputs.length);
  const pending: { at: number; input: FileInput }[] = [];
  c.inputs.forEach((input, at) => {
    const hit = cache && input.abs && input.text === undefined ? cache.byMetadata(input.file, input.abs) : undefined;
    if (hit) records[at] = hit;
    else pending.push({ at, input: cache ? { ...input, knownHash: cache.known(input.file) } : input });
  });
  const threads = threadsFor(pending.map((p) => p.input), options.threads);
  const fresh = await analyzeAll(pending.map((p) => p.input), { parser, threads, setup: setupOptions, analyze: run, hash: !!cache });
  fresh.forEach((r, i) => {
    records[pending[i].at] = 'unchanged' in r ? cache!.byHash(r.file, r.hash) : r;
  });
  const analyzed = performance.now();
  const inputByFile = new Map(c.inputs.map((i) => [i.file, i]));
  const all = records as FileRecord[];
  // A file the cross-level stage reloads parsed in the per-file stage (or it would not be placed):
  // its value is built lazily, often one item at a time.
  const report = finishRun(all, (file) => loadInputSync(inputByFile.get(file)!, parser, true), run, cache?.memo);
  cache?.save(all.map((record, i) => ({ record, abs: c.inputs[i].text === undefined ? c.inputs[i].abs : undefined })));
  if (process.env.QINGDAN_LINT_TIMING) {
    process.stderr.write(`qingdan-lint timing: threads=${threads} per-file=${Math.round(analyzed - started)}ms cross-level+report=${Math.round(performance.now() - analyzed)}ms\n`);
  }
  return c.given ? filterToGiven(report, c.given) : report;
}

/** Lint files on disk, as the command line does. */
export async function lint(options: LintOptions = {}, prepared?: RunSetup): Promise<Report> {
  return reportOf(await collect(options, prepared), options);
}

/** Lint documents held in memory: `path` is used for display, config overrides and ordering. */
export async function lintDocuments(docs: { path: string; text: string }[], options: Omit<LintOptions, 'patterns' | 'stdin' | 'reportOnlyGiven'> = {}): Promise<Report> {
  const s = await setup(options);
  // `\` separates only on Windows; on POSIX it is part of the name and kept byte-exact.
  const inputs = docs.map((d) => ({ file: process.platform === 'win32' ? d.path.split('\\').join('/') : d.path, text: d.text })).sort(byFile);
  return reportOf({ setup: s, inputs }, { ...options, threads: options.threads ?? 1 });
}
