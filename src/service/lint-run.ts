/**
 * A lint run, start to end: find the files, analyze them (inline, in the worker pool, or from the
 * cache), run the cross-level stage and build the report. The library's `lint` and the fix loop
 * both run through here.
 */
import { resolve } from 'node:path';
import { setup, type RunSetup, type SetupOptions } from '../config/setup.js';
import { NoFilesError, UsageError } from '../config/errors.js';
import { filterToGiven } from '../report/given.js';
import { analyzeAll, defaultThreads, INLINE_BELOW_BYTES, type Unchanged } from './pool.js';
import { finishRun, observed, type RunOptions, type RunResult } from '../engine/run.js';
import { discoverFiles, displayPath } from '../files/discover.js';
import type { ParsePath } from '../load/index.js';
import { hashBytes, loadInputSync, type FileInput } from '../load/read.js';
import { DEFAULT_CACHE_LOCATION, RunCache } from './cache.js';
import { currentSink, type OutputSink } from './output-sink.js';
import { isCacheFile, type StoredOutput } from './cache-head.js';
import type { FileRecord } from '../engine/analyze.js';
import type { Report } from '../types.js';
import { compareCodeUnits } from '../util/order.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { selectShard, withoutHidden } from '../files/shard.js';
import { checkLintOptions, type LintOptions, type LintProgress } from './lint-options.js';
import { reportOfRun } from './report-of-run.js';
import { lineageOnly, planPartial, type PartialPlan } from './partial-run.js';
import { ruleTimes } from '../config/errors.js';
import { checkWriteTarget, protectDataset, writeErrorReason } from '../util/atomic-write.js';

export interface Collected {
  setup: RunSetup;
  /** The files of the run, sorted by display path. */
  inputs: FileInput[];
  /** With `reportOnlyGiven` or `stdin`: the files whose diagnostics are reported. */
  given?: Set<string>;
  /** With `shard`: inputs of other shards loaded for the dataset-wide facts they carry, not reported. */
  hidden?: Set<string>;
}

export const byFile = (a: { file: string }, b: { file: string }) => compareCodeUnits(a.file, b.file);

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
  return { rules: s.rules, rulesFor: (f) => s.resolver.for(f), locale: s.locale, reference: s.reference, asOf: s.asOf, strictFacets: s.strictFacets, cwd: s.cwd };
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
  // Files rule options name (region/name's `table`): their contents decide findings as the data's do.
  const tables: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'table' && typeof v === 'string') {
          try {
            tables.push(readFileSync(resolve(s.cwd, v), 'utf8'));
          } catch {
            tables.push(`unreadable:${v}`);
          }
        } else visit(v);
      }
    }
  };
  visit([s.loaded.config, options.rules]);
  return hashBytes(JSON.stringify({ config: s.loaded.config, path: s.loaded.path ?? null, rules: options.rules ?? {}, preset: s.preset, reference: s.reference, parser, plugins, tables }));
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
  const cachePath = options.cache ? resolve(c.setup.cwd, (typeof options.cache === 'object' && options.cache.location) || DEFAULT_CACHE_LOCATION) : undefined;
  if (cachePath) await refuseDatasetTarget(cachePath, c.setup, options.patterns ?? []);
  const cache = cachePath ? RunCache.open(cachePath, settingsHash(c.setup, options, parser)) : undefined;
  const sink = cache && !c.setup.loaded.config.plugins?.length ? currentSink() : undefined;
  try {
    return await runWith(c, options, parser, run, setupOptions, started, cache, sink);
  } finally {
    // A run whose cache write waits for the command line's output lets go of the cache then.
    if (!sink?.pending) cache?.close();
  }
}

async function runWith(c: Collected, options: LintOptions, parser: ParsePath, run: RunOptions, setupOptions: SetupOptions, started: number, cache: RunCache | undefined, sink: OutputSink | undefined): Promise<Report> {
  const progress = { stage: 'files' as LintProgress['stage'], files: 0, total: c.inputs.length, items: 0 };
  const tell = () => {
    try {
      options.onProgress?.({ ...progress });
    } catch {
      // progress is for display only
    }
  };
  // Every file unchanged since the run that wrote the cache: that run's result is this one's (not
  // when the statistics observe the run: they need its dataset).
  const replayed = cache && !observed() ? cache.replay(c.inputs) : undefined;
  let result: RunResult;
  let threads = 0;
  let analyzed: number;
  let partial: PartialPlan | undefined;
  const inputByFile = new Map(c.inputs.map((i) => [i.file, i]));
  // A file the cross-level stage reloads parsed in the per-file stage (or it would not be placed):
  // its value is built lazily, often one item at a time.
  const reload = (file: string) => loadInputSync(inputByFile.get(file)!, parser, true);
  /** An input's path when it is read from disk (not given as text or bytes). */
  const diskPath = (input: FileInput) => (input.text === undefined && input.bytes === undefined ? input.abs : undefined);
  /** The run's files for the cache, with the records this run has (files on disk only). */
  const toSave = (records: readonly (FileRecord | undefined)[]) => c.inputs.map((input, i) => ({ file: input.file, abs: diskPath(input), record: records[i] }));
  /** The commit hook's partial run analyzes only the files that changed. */
  const analyzePending = (pending: FileInput[]) => {
    threads = threadsFor(pending, options.threads);
    return analyzeAll(pending, { parser, threads, setup: setupOptions, analyze: run, hash: true });
  };
  /**
   * The cache write of a run the command line may keep the output of (every file on disk): left to
   * the command line, which makes it once the output is printed. False when the write is this run's.
   */
  const leftToSink = (write: (output: StoredOutput | undefined) => void): boolean => {
    const onDisk = c.inputs.map(diskPath);
    if (!sink || !onDisk.every((p) => p !== undefined)) return false;
    sink.defer(onDisk as string[], (output) => {
      write(output);
      cache!.close();
    });
    return true;
  };
  if (replayed) {
    result = replayed;
    leftToSink((output) => output && cache!.addOutput(output));
    analyzed = performance.now();
    if (options.onProgress) {
      Object.assign(progress, { files: c.inputs.length, items: result.items });
      tell();
      progress.stage = 'cross-level';
      tell();
    }
  } else if ((partial = cache && c.given && !c.hidden && !observed() && lineageOnly(run.rules) ? await planPartial(c.inputs, c.given, cache, analyzePending) : undefined)) {
    analyzed = performance.now();
    if (options.onProgress) {
      Object.assign(progress, { stage: 'cross-level', files: c.inputs.length, items: partial.items });
      tell();
    }
    const part = finishRun(partial.records, reload, { ...run, allFiles: c.inputs.map((i) => i.file) }, cache!.memo);
    result = { ...part, regions: partial.regions, items: partial.items };
    cache!.save(toSave(partial.held), undefined);
  } else {
    // With a cache: files whose size and time are unchanged are not even read; the others are read
    // and hashed, and analyzed only when their content changed.
    const records = new Array<FileRecord | undefined>(c.inputs.length);
    const pending: { at: number; input: FileInput }[] = [];
    c.inputs.forEach((input, at) => {
      const hit = cache && input.abs && input.text === undefined ? cache.byMetadata(input.file, input.abs) : undefined;
      if (hit) records[at] = hit;
      else pending.push({ at, input: cache ? { ...input, knownHash: cache.known(input.file) } : input });
    });
    threads = threadsFor(pending.map((p) => p.input), options.threads);
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
    analyzed = performance.now();
    if (options.onProgress) {
      progress.stage = 'cross-level';
      tell();
    }
    const done = (result = finishRun(records as FileRecord[], reload, run, cache?.memo));
    if (!leftToSink((output) => cache!.save(toSave(records), done, output))) cache?.save(toSave(records), done);
  }
  let report = reportOfRun(result, run);
  if (c.hidden) {
    const hidden = c.hidden;
    report = withoutHidden(report, hidden, result.files.reduce((n, f, i) => n + (hidden.has(f) ? result.fileItems[i] : 0), 0));
  }
  if (process.env.QINGDAN_LINT_TIMING) {
    process.stderr.write(`qingdan-lint timing: threads=${threads} per-file=${Math.round(analyzed - started)}ms cross-level+report=${Math.round(performance.now() - analyzed)}ms${replayed ? ' (the last run replayed from the cache)' : partial ? ` (partial: ${partial.records.length} of ${c.inputs.length} files checked)` : ''}\n`);
    if (ruleTimes) {
      const top = [...ruleTimes].sort((a, b) => b[1] - a[1]).slice(0, 40);
      process.stderr.write(`qingdan-lint rule times on the main thread (ms): ${top.map(([id, ms]) => `${id}=${Math.round(ms)}`).join(' ')}\n`);
    }
  }
  return c.given ? filterToGiven(report, c.given) : report;
}

/**
 * The cache is never written over a file of the dataset, a directory or a read-only file (the
 * library's callers get the check the command line makes before it runs).
 */
async function refuseDatasetTarget(path: string, s: RunSetup, patterns: string[]): Promise<void> {
  if (!existsSync(path)) return;
  try {
    // A cache file is no file of the dataset: no need to look for it among them.
    checkWriteTarget(path, { protect: isCacheFile(path) ? undefined : await protectDataset(s, patterns) });
  } catch (error) {
    const reason = writeErrorReason(error);
    throw new UsageError(`cache location ${path}: ${reason.en}`);
  }
}
