/**
 * The library's entry points: `lint` (what the command line does, without printing) and
 * `lintDocuments` (in memory, for editors and other tools).
 */
import { resolve } from 'node:path';
import { setup, type RunSetup, type SetupOptions } from './config/setup.js';
import { NoFilesError, UsageError, didYouMean } from './config/errors.js';
import { filterToGiven } from './engine/given.js';
import { analyzeAll, defaultThreads, INLINE_BELOW_BYTES, type Unchanged } from './engine/pool.js';
import { finishRun, type RunOptions } from './engine/run.js';
import { discoverFiles, displayPath } from './files/discover.js';
import type { ParsePath } from './load/index.js';
import { hashBytes, loadInputSync, type FileInput } from './load/read.js';
import { DEFAULT_CACHE_LOCATION, RunCache } from './engine/cache.js';
import type { FileRecord } from './engine/analyze.js';
import type { Report } from './types.js';
import { compareCodeUnits } from './report/build.js';
import { protectDataset } from './util/atomic-write.js';
import { UnusedSuppressionsError, failsOnUnused, runBaseline, validateBaselineOptions, type BaselineOptions, type BaselineOutcome } from './report/baseline.js';
import { readFileSync, statSync } from 'node:fs';
import { checkShard, selectShard, withoutHidden, type ShardSpec } from './files/shard.js';

export interface LintOptions extends SetupOptions, BaselineOptions {
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
  /**
   * Lint only the provinces of shard `index` (1-based) of `count` (`--shard i/n`): provinces are
   * read from each file's region header and spread over the shards by bytes, deterministically.
   * `mergeReports` of every shard's report equals the unsharded report.
   */
  shard?: ShardSpec;
  /**
   * Called as the run advances (the command line's progress line): after each file is read and
   * analyzed, and once when the cross-level stage starts. Errors it throws are ignored.
   */
  onProgress?: (progress: LintProgress) => void;
}

/** How far a run has got: files read of the total, their items, and the stage. */
export interface LintProgress {
  stage: 'files' | 'cross-level';
  files: number;
  total: number;
  items: number;
}

/**
 * Every key of {@link LintOptions}. The library rejects any other, as the command line rejects an
 * unknown flag (a misspelt option must not be ignored silently); `satisfies` keeps the list whole.
 */
const LINT_OPTION_KEYS = {
  cwd: 1, config: 1, rules: 1, preset: 1, locale: 1, reference: 1, patterns: 1, reportOnlyGiven: 1, stdin: 1, threads: 1, cache: 1, parser: 1,
  suppressAll: 1, suppressRules: 1, suppressionsLocation: 1, pruneSuppressions: 1, passOnUnprunedSuppressions: 1,
  shard: 1, onProgress: 1,
} satisfies Record<keyof LintOptions, 1>;

/** Check a library caller's options: unknown keys and malformed values are a {@link UsageError}. */
export function checkLintOptions(options: object, allowed: readonly string[] = Object.keys(LINT_OPTION_KEYS)): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new UsageError('options: expected an object');
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new UsageError(`unknown option "${key}"${didYouMean(key, allowed)}`);
  }
  const o = options as LintOptions;
  if (o.patterns !== undefined && (!Array.isArray(o.patterns) || o.patterns.some((p) => typeof p !== 'string'))) throw new UsageError('option patterns: expected an array of paths or globs');
  if (o.threads !== undefined && !(Number.isInteger(o.threads) && o.threads >= 1)) throw new UsageError(`option threads: expected a whole number >= 1, got ${String(o.threads)}`);
  if (o.stdin !== undefined && (o.stdin === null || typeof o.stdin !== 'object' || typeof o.stdin.filename !== 'string' || !(typeof o.stdin.text === 'string' || o.stdin.text instanceof Uint8Array))) {
    throw new UsageError('option stdin: expected { text: string or bytes, filename: string }');
  }
  if (o.cache !== undefined && typeof o.cache !== 'boolean' && (o.cache === null || typeof o.cache !== 'object' || (o.cache.location !== undefined && typeof o.cache.location !== 'string'))) {
    throw new UsageError('option cache: expected true, false or { location: string }');
  }
  if (o.shard !== undefined) checkShard(o.shard);
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new UsageError('option onProgress: expected a function');
}

export interface Collected {
  setup: RunSetup;
  /** The files of the run, sorted by display path. */
  inputs: FileInput[];
  /** With `reportOnlyGiven` or `stdin`: the files whose diagnostics are reported. */
  given?: Set<string>;
  /** With `shard`: inputs of other shards loaded for the dataset-wide facts they carry, not reported. */
  hidden?: Set<string>;
}

const byFile = (a: { file: string }, b: { file: string }) => compareCodeUnits(a.file, b.file);

/** Find the files of a run. */
export async function collect(options: LintOptions = {}, prepared?: RunSetup): Promise<Collected> {
  checkLintOptions(options);
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
  // Nothing to lint is not a clean run: the command line exits 2, the library throws.
  if (inputs.length === 0) throw new NoFilesError(s.cwd);
  if (options.shard) {
    // A shard of a non-empty dataset may be empty (more shards than provinces): an empty report.
    const { inputs: mine, hidden } = await selectShard(inputs, options.shard);
    if (given) {
      const files = new Set(mine.filter((i) => !hidden.has(i.file)).map((i) => i.file));
      given = new Set([...given].filter((f) => files.has(f)));
    }
    return { setup: s, inputs: mine.sort(byFile), given, hidden: hidden.size ? hidden : undefined };
  }
  return { setup: s, inputs: inputs.sort(byFile), given };
}

/** The cross-level stage's settings for a run set up as `s`. */
export function runOptions(s: RunSetup): RunOptions {
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
  const progress = { stage: 'files' as LintProgress['stage'], files: 0, total: c.inputs.length, items: 0 };
  const tell = () => {
    try {
      options.onProgress?.({ ...progress });
    } catch {
      // progress is for display only
    }
  };
  let onRecord: ((r: FileRecord | Unchanged) => void) | undefined;
  if (options.onProgress) {
    for (const r of records) {
      if (!r) continue; // unchanged by size and time: already done
      progress.files++;
      progress.items += r.itemCount;
    }
    tell();
    onRecord = (r) => {
      progress.files++;
      progress.items += ('unchanged' in r ? cache?.byHash(r.file, r.hash)?.itemCount : r.itemCount) ?? 0;
      tell();
    };
  }
  const fresh = await analyzeAll(pending.map((p) => p.input), { parser, threads, setup: setupOptions, analyze: run, hash: !!cache, onRecord });
  fresh.forEach((r, i) => {
    records[pending[i].at] = 'unchanged' in r ? cache!.byHash(r.file, r.hash) : r;
  });
  const analyzed = performance.now();
  if (options.onProgress) {
    progress.stage = 'cross-level';
    tell();
  }
  const inputByFile = new Map(c.inputs.map((i) => [i.file, i]));
  const all = records as FileRecord[];
  // A file the cross-level stage reloads parsed in the per-file stage (or it would not be placed):
  // its value is built lazily, often one item at a time.
  let report = finishRun(all, (file) => loadInputSync(inputByFile.get(file)!, parser, true), run, cache?.memo);
  if (c.hidden) report = withoutHidden(report, c.hidden, all.reduce((n, r) => n + (c.hidden!.has(r.file) ? r.itemCount : 0), 0));
  cache?.save(all.map((record, i) => ({ record, abs: c.inputs[i].text === undefined ? c.inputs[i].abs : undefined })));
  if (process.env.QINGDAN_LINT_TIMING) {
    process.stderr.write(`qingdan-lint timing: threads=${threads} per-file=${Math.round(analyzed - started)}ms cross-level+report=${Math.round(performance.now() - analyzed)}ms\n`);
  }
  return c.given ? filterToGiven(report, c.given) : report;
}

/**
 * Lint files on disk, as the command line does. With a suppressions file (or a baseline option)
 * the recorded findings are set aside (`suppressed`); recorded findings that no longer occur throw
 * an `UnusedSuppressionsError` carrying the report, unless `passOnUnprunedSuppressions`.
 */
export async function lint(options: LintOptions = {}, prepared?: RunSetup): Promise<Report> {
  return settled(await lintRun(options, prepared), options);
}

/** A run's report, and what its baseline did (undefined without one). */
export interface LintRun {
  report: Report;
  baseline?: BaselineOutcome;
}

/** {@link lint} without failing on unused suppressions: the command line reports them itself. */
export async function lintRun(options: LintOptions = {}, prepared?: RunSetup): Promise<LintRun> {
  const c = await collect(options, prepared);
  validateBaselineOptions(options, c.setup.rules.keys());
  return withBaseline(await reportOf(c, options), options, c.setup, c.given);
}

/**
 * The baseline step, after the report is built (and filtered to the given files), before any
 * `--quiet` filtering. The scope whose entries are judged: nothing for standard input, the given
 * files (`--report-only-given`, in-memory documents), the linted files when paths were given,
 * else every file of the suppressions file.
 */
export async function withBaseline(report: Report, options: LintOptions, s: RunSetup, given?: Set<string>): Promise<LintRun> {
  validateBaselineOptions(options, s.rules.keys());
  let inScope: (file: string) => boolean;
  if (options.stdin) inScope = () => false;
  else if (given || options.reportOnlyGiven) {
    const files = given ?? new Set((await discoverFiles({ cwd: s.cwd, patterns: options.patterns ?? [], ignores: s.loaded.config.ignores, baseDir: s.loaded.baseDir })).map((f) => f.file));
    inScope = (f) => files.has(f);
  } else if (options.patterns?.length || options.shard) {
    // A shard judges only its own files' entries: the other shards judge theirs.
    const linted = new Set(report.files.map((f) => f.file));
    inScope = (f) => linted.has(f);
  } else inScope = () => true;
  if ((options.suppressAll || options.suppressRules?.length || options.pruneSuppressions) && report.files.length === 0) {
    throw new UsageError('no files were linted, so the suppressions file is left as it is');
  }
  const writes = !!(options.suppressAll || options.suppressRules?.length || options.pruneSuppressions);
  const baseline = runBaseline(report, options, { cwd: s.cwd, inScope, protect: writes ? await protectDataset(s, options.patterns ?? []) : undefined });
  return baseline ? { report: baseline.report, baseline } : { report };
}

function settled(run: LintRun, options: BaselineOptions): Report {
  if (run.baseline && failsOnUnused(run.baseline, options)) throw new UnusedSuppressionsError(run.baseline);
  return run.report;
}

/** Lint documents held in memory: `path` is used for display, config overrides and ordering. */
export async function lintDocuments(docs: { path: string; text: string }[], options: Omit<LintOptions, 'patterns' | 'stdin' | 'reportOnlyGiven' | 'shard'> = {}): Promise<Report> {
  checkLintOptions(options, Object.keys(LINT_OPTION_KEYS).filter((k) => k !== 'patterns' && k !== 'stdin' && k !== 'reportOnlyGiven' && k !== 'shard'));
  if (!Array.isArray(docs) || docs.some((d) => !d || typeof d.path !== 'string' || typeof d.text !== 'string')) throw new UsageError('lintDocuments: expected an array of { path, text } strings');
  const s = await setup(options);
  // `\` separates only on Windows; on POSIX it is part of the name and kept byte-exact.
  const inputs = docs.map((d) => ({ file: process.platform === 'win32' ? d.path.split('\\').join('/') : d.path, text: d.text })).sort(byFile);
  validateBaselineOptions(options, s.rules.keys());
  const report = await reportOf({ setup: s, inputs }, { ...options, threads: options.threads ?? 1 });
  return settled(await withBaseline(report, options, s, new Set(inputs.map((i) => i.file))), options);
}
