/**
 * The library's entry points: `lint` (what the command line does, without printing) and
 * `lintDocuments` (in memory, for editors and other tools).
 */
import { setup, type RunSetup } from './config/setup.js';
import { UsageError } from './config/errors.js';
import { discoverFiles } from './files/discover.js';
import type { Report } from './types.js';
import { protectDataset } from './util/atomic-write.js';
import { UnusedSuppressionsError, failsOnUnused, runBaseline, validateBaselineOptions, type BaselineOptions, type BaselineOutcome } from './report/baseline.js';
import { checkLintOptions, LINT_OPTION_KEYS, type LintOptions, type LintProgress } from './service/lint-options.js';
import { byFile, collect, reportOf } from './service/lint-run.js';

export { checkLintOptions, type LintOptions, type LintProgress };
export { collect, reportOf, runOptions, type Collected } from './service/lint-run.js';

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
