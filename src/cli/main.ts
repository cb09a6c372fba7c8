/**
 * The command line: a thin layer over the library. Parses options, runs `lint`, prints the
 * chosen format, and returns the exit code (0 clean, 1 problems, 2 could not run).
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintRun, withBaseline, type LintOptions } from '../api.js';
import { NoFilesError, RunFailure, UsageError } from '../config/errors.js';
import { PRESET_NAMES, type PresetName, type RuleEntry } from '../config/resolve.js';
import { setup, type RunSetup } from '../config/setup.js';
import { applyFixes } from '../service/fix.js';
import { loadText } from '../load/index.js';
import { BINARY_FORMATS, FORMAT_NAMES, format, formatBinary, type FormatName } from '../report/format.js';
import { cliMessage, isLocale } from '../report/i18n.js';
import { summarize, tally } from '../report/build.js';
import { baselineNotices, carrySuppressed, failsOnUnused, validateBaselineOptions, type BaselineOutcome } from '../report/baseline.js';
import type { Locale, Report } from '../types.js';
import { checkWriteTarget, protectDataset, writeAtomic, writeErrorReason, type ProtectedFiles } from '../util/atomic-write.js';
import { VERSION } from '../version.js';
import { CliError, closest, errorLocale, parseOptions, parseRuleFlag, useColor, type OptionSpec } from './args.js';
import { defaultIO, type CliIO, type Subcommand } from './io.js';
import { HELP } from './help.js';
import { startProgress } from './progress.js';
import { parseShard } from '../files/shard.js';
import { observeRuns, type RunObservation } from '../engine/run.js';
import { statsOfRun } from '../stats/index.js';
import { configCandidates } from '../config/load.js';
import { SUPPRESSIONS_FILE } from '../report/baseline.js';
import { DEFAULT_CACHE_LOCATION, isCacheFile, outputKey, pathState, RACY_MS, type PathState, type StoredOutput } from '../service/cache-head.js';
import { listing } from '../files/listing.js';
import { keepOutput, OutputSink } from '../service/output-sink.js';
import { traceDiscovery, type DiscoveryTrace } from '../files/trace.js';
import { outputTargets, xlsxNeedsOutput } from './stats.js';

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  preset: { type: 'string' },
  locale: { type: 'string' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  threads: { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'report-only-given': { type: 'boolean' },
  shard: { type: 'string' },
  'suppress-all': { type: 'boolean' },
  'suppress-rule': { type: 'string', multiple: true },
  'suppressions-location': { type: 'string' },
  'prune-suppressions': { type: 'boolean' },
  'pass-on-unpruned-suppressions': { type: 'boolean' },
  color: { type: 'boolean', negatable: true },
  'print-config': { type: 'string' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
} as const satisfies Record<string, OptionSpec>;

export type { CliIO } from './io.js';

export { parseRuleFlag } from './args.js';

function nonNegativeInt(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new CliError('notWholeNumber', { option: flag, value });
  return Number(value);
}

function onlyErrors(report: Report): Report {
  const files = report.files.map((f) => tally(f.file, f.region, f.diagnostics.filter((d) => d.severity === 'error')));
  return carrySuppressed(report, { ...report, summary: summarize(files, report.summary), files }, (d) => d.severity === 'error');
}

/** What the run has learnt so far that its error messages depend on. */
interface RunState {
  /** The run's locale, once its settings are known. */
  locale?: Locale;
  /** The output is to be kept for the next identical command (cli/fast-replay.ts). */
  keep?: KeptOutput;
}

/** A run whose output the cache may keep: what it looked at besides the dataset's files. */
interface KeptOutput {
  sink: OutputSink;
  trace: DiscoveryTrace;
  /** Paths whose state decides the output besides the files and directories the run saw. */
  paths: string[];
  /** When the run started (a path modified since, or just before, may have changed under it). */
  started: number;
  /** The cache file's name, left out of directory listings (the cache's own writes change it). */
  cacheName: string;
}

/**
 * Whether this command's output may be kept for the next identical one: a plain lint with a cache,
 * printing to pipes or files (not a terminal), writing nothing else (no fix, no report file, no
 * suppressions written), not a shard (its files depend on the whole dataset's regions), without
 * rule options naming files (their contents are not tracked here).
 */
function outputKeepable(values: Record<string, unknown>, targets: { output?: string }[], io: CliIO, s: RunSetup, rules: Record<string, RuleEntry>): boolean {
  if (!(values.cache || values['cache-location'] !== undefined)) return false;
  if (values.fix || values['fix-dry-run'] || values.stdin || values.shard !== undefined || values.debug) return false;
  if (values['suppress-all'] || (values['suppress-rule'] as string[] | undefined)?.length || values['prune-suppressions']) return false;
  if (targets.some((t) => t.output !== undefined) || io.isTTY || io.stderrIsTTY) return false;
  return !JSON.stringify([s.loaded.config, rules]).includes('"table"');
}

/** The stored output of a finished run, or undefined when a path it depends on changed too recently to trust its time. */
function storedOutput(argv: string[], io: CliIO, keep: KeptOutput, printed: { stdout: string; stderr: string; code: number }): StoredOutput | undefined {
  if (keep.trace.incomplete) return undefined;
  const paths: PathState[] = [];
  for (const path of [...(keep.sink.files ?? []), ...keep.trace.paths, ...keep.paths]) {
    const state = pathState(path);
    // A file modified since, or just before, the run started may not be what the run read.
    if (!state || (state[1] !== -1 && (state[2] as number) > keep.started - RACY_MS)) return undefined;
    paths.push(state);
  }
  for (const [dir, entries] of keep.trace.dirs) paths.push([dir, -2, listing(entries, keep.cacheName)]);
  const cwd = io.cwd ?? process.cwd();
  return { key: outputKey(argv, cwd, io.env ?? process.env, !!io.isTTY, !!io.stderrIsTTY), paths, ...printed };
}

/** The config files the run's config search looked for: the one it found, and every place before it. */
function configPaths(s: RunSetup, given: string | undefined): string[] {
  if (given !== undefined) return s.loaded.path ? [s.loaded.path] : [];
  const out: string[] = [];
  for (const p of configCandidates(s.cwd)) {
    out.push(p);
    if (p === s.loaded.path) break;
  }
  return out;
}

/** A value that must be one of `choices`: a {@link CliError} naming them otherwise. */
function choice<T extends string>(option: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!choices.includes(value as T)) throw new CliError('badChoice', { option, value, choices, suggestion: closest(value, choices) });
  return value as T;
}

export async function run(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const state: RunState = {};
  try {
    // Output kept for the next identical command: everything printed, from the start.
    let stdout = '';
    let stderr = '';
    const printed: CliIO = {
      ...io,
      stdout: (t) => {
        stdout += t;
        io.stdout(t);
      },
      stderr: (t) => {
        stderr += t;
        io.stderr(t);
      },
    };
    const code = await main(argv, printed, state);
    const keep = state.keep;
    if (keep?.sink.pending) keep.sink.commit(storedOutput(argv, io, keep, { stdout, stderr, code }));
    return code;
  } catch (error) {
    // Errors are worded in the run's locale; before the settings are known, see errorLocale.
    const locale = () => state.locale ?? errorLocale(argv, io.cwd ?? process.cwd());
    if (error instanceof CliError) {
      io.stderr(`qingdan-lint: ${cliMessage(locale(), error.id, error.data)}\n`);
      return 2;
    }
    if (error instanceof NoFilesError) {
      io.stderr(`qingdan-lint: ${cliMessage(locale(), 'noFiles', { cwd: error.cwd })}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.stderr(`qingdan-lint: ${error.message}\n`);
      return 2;
    }
    // --debug: the stack of what failed (and of its cause), after the one-line reason.
    const debug = argv.includes('--debug') ? (e: unknown) => {
      for (let c: unknown = e; c instanceof Error; c = c.cause) io.stderr(`${c.stack ?? c.message}\n`);
    } : () => {};
    if (error instanceof RunFailure) {
      io.stderr(`qingdan-lint: ${error.message}\n`);
      debug(error);
      return 2;
    }
    debug(error);
    const e = error as Error;
    io.stderr(`qingdan-lint: ${cliMessage(locale(), 'internal', { detail: e && e.message ? e.message.split('\n')[0] : String(error) })}\n`);
    return 2;
  } finally {
    // A run that failed after it ran still writes its cache, without an output.
    state.keep?.sink.commit();
  }
}

/**
 * Subcommands (`qingdan-lint <name> ...`), each in its own module, loaded only when used.
 * A subcommand module exports `run(argv, io): Promise<number>` with the same exit codes.
 */
export type { Subcommand } from './io.js';
const SUBCOMMANDS: Record<string, () => Promise<{ run: Subcommand }>> = {
  // name: () => import('./<name>.js'),
  lsp: () => import('./lsp.js'),
  import: () => import('./import.js'),
  stats: () => import('./stats.js'),
  'merge-reports': () => import('./merge-reports.js'),
};

async function main(argv: string[], io: CliIO, state: RunState): Promise<number> {
  const started = Date.now();
  const sub = argv[0] !== undefined && Object.hasOwn(SUBCOMMANDS, argv[0]) ? SUBCOMMANDS[argv[0]] : undefined;
  if (sub) return (await sub()).run(argv.slice(1), io);
  const { values, positionals } = parseOptions(argv, OPTIONS);
  const cwd = io.cwd ?? process.cwd();
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const formatName: FormatName = choice('--format', values.format, FORMAT_NAMES) ?? 'stylish';
  // Every --format with its own --output-file (Spectral's convention); at most one to standard output.
  const targets = outputTargets(argv, OPTIONS).map((t) => ({ format: choice('--format', t.format, FORMAT_NAMES) ?? formatName, output: t.output }));
  for (const t of targets) if (BINARY_FORMATS.includes(t.format) && t.output === undefined) throw new UsageError(xlsxNeedsOutput(values.locale === 'en' ? 'en' : 'zh-CN'));
  choice('--locale', values.locale, ['zh-CN', 'en'] as const);
  if (isLocale(values.locale)) state.locale = values.locale;
  choice('--preset', values.preset, PRESET_NAMES);
  const maxWarnings = values['max-warnings'] !== undefined ? nonNegativeInt(values['max-warnings'], '--max-warnings') : undefined;
  const threads = values.threads !== undefined ? nonNegativeInt(values.threads, '--threads') : undefined;
  if (threads === 0) throw new CliError('threadsZero');
  if (values.stdin && !values['stdin-filename']) throw new CliError('stdinNeedsFilename');
  if (!values.stdin && values['stdin-filename'] !== undefined) throw new CliError('stdinFilenameNeedsStdin');
  if (values.stdin && (values.fix || values['fix-dry-run'])) throw new CliError('fixStdin');
  const rules: Record<string, RuleEntry> = {};
  for (const flag of values.rule ?? []) Object.assign(rules, parseRuleFlag(flag));

  const options: LintOptions = {
    cwd,
    config: values.config,
    rules,
    preset: values.preset as PresetName | undefined,
    locale: values.locale as Locale | undefined,
    patterns: positionals,
    reportOnlyGiven: values['report-only-given'],
    shard: values.shard !== undefined ? parseShard(values.shard, isLocale(values.locale) ? values.locale : errorLocale(argv, cwd)) : undefined,
    threads,
    cache: values.cache || values['cache-location'] !== undefined ? { location: values['cache-location'] } : undefined,
    suppressAll: values['suppress-all'],
    suppressRules: values['suppress-rule'],
    suppressionsLocation: values['suppressions-location'],
    pruneSuppressions: values['prune-suppressions'],
    passOnUnprunedSuppressions: values['pass-on-unpruned-suppressions'],
  };

  const s = await setup(options);
  state.locale = s.locale;
  const say = (id: string, data: Record<string, unknown>) => io.stderr(`qingdan-lint: ${cliMessage(s.locale, id, data)}\n`);
  if (values['print-config'] !== undefined) {
    const file = values['print-config'];
    const effective = Object.fromEntries([...s.resolver.for(process.platform === 'win32' ? file.split('\\').join('/') : file)].map(([id, r]) => [id, Object.keys(r.options).length ? [r.severity, r.options] : r.severity]));
    const out = { config: s.loaded.path ?? null, preset: s.preset, locale: s.locale, reference: s.reference, asOf: s.asOf ?? null, files: s.loaded.config.files ?? null, ignores: s.loaded.config.ignores ?? [], plugins: s.loaded.config.plugins ?? [], rules: effective };
    io.stdout(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const protect = await checkWriteTargets(values['output-file'], values['cache-location'], s, positionals);
  const protects = new Map<string, ProtectedFiles | undefined>();
  for (const t of targets) if (t.output !== undefined) protects.set(t.output, t.output === values['output-file'] ? protect : await checkWriteTargets(t.output, undefined, s, positionals));
  /** The run's dataset and suppressed findings, for the statistics of --format html and xlsx. */
  const observation: RunObservation = { suppressed: [], needed: targets.some((t) => t.format === 'html' || t.format === 'xlsx') };

  validateBaselineOptions({ ...options, stdin: values.stdin }, s.rules.keys());
  if (values.stdin) {
    const text = await (io.stdin ?? defaultIO().stdin!)();
    options.stdin = { text, filename: values['stdin-filename']! };
  }

  let report: Report;
  let baseline: BaselineOutcome | undefined;
  let sources: Map<string, string> | undefined;
  let fixesNotWritten = false;
  // The progress line: on standard error when it is a terminal, erased before anything is printed.
  const progress = startProgress({ write: io.stderr, isTTY: !!io.stderrIsTTY, env: io.env ?? process.env, columns: process.stderr.columns, locale: s.locale });
  if (progress) options.onProgress = progress.update;
  if (values.fix || values['fix-dry-run']) {
    const result = await observeRuns(observation, () => applyFixes(options, s, { write: !!values.fix })).finally(() => progress?.stop());
    report = result.report;
    sources = result.sources;
    if (result.fixedFiles.length) say(values.fix ? 'fixed' : 'wouldFix', { count: result.fixedFiles.length, files: result.fixedFiles });
    for (const skipped of result.skipped) say('notFixed', { file: skipped.file, reason: s.locale === 'en' ? skipped.reason : skipped.reasonZh });
    // A requested fix that could not be written is a failure of the run (exit 2), after the report.
    fixesNotWritten = result.skipped.length > 0;
    ({ report, baseline } = await withBaseline(report, options, s));
  } else {
    const keep = outputKeepable(values, targets, io, s, rules)
      ? (state.keep = {
          sink: new OutputSink(),
          trace: { dirs: new Map(), paths: new Set<string>() },
          cacheName: basename(values['cache-location'] ?? DEFAULT_CACHE_LOCATION),
          paths: [...configPaths(s, values.config), resolve(cwd, values['suppressions-location'] ?? SUPPRESSIONS_FILE), fileURLToPath(import.meta.url)],
          started,
        })
      : undefined;
    const lintOnce = () => observeRuns(observation, () => lintRun(options, s));
    ({ report, baseline } = await (keep ? traceDiscovery(keep.trace, () => keepOutput(keep.sink, lintOnce)) : lintOnce()).finally(() => progress?.stop()));
  }
  if (report.files.length === 0 && !options.reportOnlyGiven && !options.shard) {
    throw new CliError('noFiles', { cwd });
  }
  if (options.shard && report.files.length === 0 && !options.reportOnlyGiven) {
    // More shards than provinces: this one has nothing to lint; its empty report merges as nothing.
    const { index, count } = options.shard;
    io.stderr(s.locale === 'en' ? `qingdan-lint: shard ${index}/${count} has no province of this dataset; its report is empty\n` : `qingdan-lint: 第 ${index}/${count} 个分片没有分到本数据集的省份，报告为空\n`);
  }
  if (options.stdin) {
    const content = options.stdin.text;
    // For code frames only: the text as a file's would be shown (BOM dropped, bad bytes replaced).
    const text = typeof content === 'string' ? content : new TextDecoder('utf-8', { ignoreBOM: false }).decode(content);
    sources = new Map([...(sources ?? []), [report.files.find((f) => resolve(cwd, f.file) === resolve(cwd, options.stdin!.filename))?.file ?? '', text]]);
  }
  const shown = values.quiet ? onlyErrors(report) : report;
  const locale = s.locale;
  const stats = observation.dataset && targets.some((t) => t.format === 'html' || t.format === 'xlsx') ? await statsOfRun(report, observation, s) : undefined;
  for (const target of targets) {
    const color = target.format === 'stylish' && useColor(values.color, io.env ?? process.env, !!io.isTTY, target.output !== undefined);
    const formatOptions = { locale, color, sources, cwd, rules: [...s.rules.values()], stats };
    const data = BINARY_FORMATS.includes(target.format) ? await formatBinary(shown, target.format, formatOptions) : format(shown, target.format, formatOptions);
    if (target.output !== undefined) writeOutputFile(target.output, resolve(cwd, target.output), data, protects.get(target.output), s.locale);
    else io.stdout(data as string);
  }
  if (fixesNotWritten) return 2;
  if (baseline) {
    // Recording exits 0; recorded findings that no longer occur exit 2 (even with new findings).
    for (const line of baselineNotices(baseline, locale)) io.stderr(line);
    if (baseline.recorded) return 0;
    if (failsOnUnused(baseline, options)) return 2;
  }
  // The full report, not the shown one: --quiet hides warnings but does not turn --max-warnings off.
  const counts = report.summary;
  if (counts.errors > 0) return 1;
  if (maxWarnings !== undefined && counts.warnings > maxWarnings) {
    say('maxWarnings', { count: counts.warnings, max: maxWarnings });
    return 1;
  }
  return 0;
}

/** A refused or failed write of `option`'s file, as one line (English, or Chinese then English). */
function writeError(option: string, given: string, error: unknown, locale: Locale): UsageError {
  const r = writeErrorReason(error);
  return new UsageError(locale === 'en' ? `refusing to write ${option} ${given}: ${r.en}` : `拒绝写入 ${option} ${given}：${r.zh} / ${r.en}`);
}

/**
 * Before anything runs: `--output-file` and `--cache-location` must not be a directory, a
 * read-only file, or any file of the dataset (the config's files as discovered, the given files,
 * the config file; links followed). Returns the dataset's files for the write itself.
 */
async function checkWriteTargets(output: string | undefined, cache: string | undefined, s: RunSetup, patterns: string[]): Promise<ProtectedFiles | undefined> {
  // A target that does not exist yet cannot be a dataset file, nor can a cache file: no discovery needed.
  const cacheFile = cache !== undefined && isCacheFile(resolve(s.cwd, cache));
  const targets = [output, cacheFile ? undefined : cache].filter((t): t is string => t !== undefined);
  const protect = targets.some((t) => existsSync(resolve(s.cwd, t))) ? await protectDataset(s, patterns) : undefined;
  for (const [option, given] of [['--output-file', output], ['--cache-location', cache]] as const) {
    if (given === undefined || !existsSync(resolve(s.cwd, given))) continue;
    try {
      checkWriteTarget(resolve(s.cwd, given), { protect: option === '--cache-location' && cacheFile ? undefined : protect });
    } catch (error) {
      throw writeError(option, given, error, s.locale);
    }
  }
  return protect;
}

/** Write the report file atomically (missing folders created); never over a dataset file. */
function writeOutputFile(given: string, path: string, text: string | Uint8Array, protect: ProtectedFiles | undefined, locale: Locale): void {
  try {
    writeAtomic(path, text, { createParents: true, protect });
  } catch (error) {
    throw writeError('--output-file', given, error, locale);
  }
}
