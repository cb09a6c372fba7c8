/**
 * `stats(options)`: lint, then count (reports.md, "Statistics"). A report, not a gate: the
 * findings only feed the figures.
 */
import { lintRun, type LintOptions } from '../api.js';
import { setup, type RunSetup } from '../config/setup.js';
import { UsageError } from '../config/errors.js';
import { observeRuns, type RunObservation } from '../engine/run.js';
import type { Dataset } from '../engine/dataset.js';
import type { Report } from '../types.js';
import { computeStats } from './compute.js';
import { GROUP_BY, type GroupBy, type StatsReport } from './types.js';

export * from './types.js';

export interface StatsOptions extends LintOptions {
  /** Default `region`. */
  groupBy?: GroupBy;
  /** An earlier dataset (a directory) to compare with: items kept, removed, added. */
  compareTo?: string;
}

/**
 * The options of the lint behind the statistics: a report, not a gate, so the baseline is read
 * (its findings count as suppressed) but never written, and unused entries do not stop it.
 */
function lintOptions(options: StatsOptions): LintOptions {
  const { groupBy: _groupBy, compareTo: _compareTo, suppressAll: _all, suppressRules: _rules, pruneSuppressions: _prune, ...rest } = options;
  return rest;
}

/** Lint while watching the run: the report, and the dataset and suppressed findings behind it. */
export async function observedLint(options: LintOptions, prepared: RunSetup, run: () => Promise<Report> = async () => (await lintRun(options, prepared)).report): Promise<{ report: Report; observation: RunObservation }> {
  const observation: RunObservation = { suppressed: [] };
  const report = await observeRuns(observation, run);
  return { report, observation };
}

/** The figures of a run already made (the CLI's `--format html|xlsx` of a lint). */
export async function statsOfRun(report: Report, observation: RunObservation, prepared: RunSetup, options: StatsOptions = {}): Promise<StatsReport> {
  const groupBy = options.groupBy ?? 'region';
  if (!GROUP_BY.includes(groupBy)) throw new UsageError(`unknown --group-by "${String(groupBy)}"; use ${GROUP_BY.join(', ')}`);
  if (!observation.dataset) throw new UsageError('no YAML files found to count');
  let earlier: Dataset | undefined;
  if (options.compareTo !== undefined) {
    const { stdin: _stdin, reportOnlyGiven: _given, cache: _cache, ...rest } = lintOptions(options);
    const before = await observedLint({ ...rest, patterns: [options.compareTo] }, prepared);
    earlier = before.observation.dataset;
    if (!earlier) throw new UsageError(`--compare-to ${options.compareTo}: no YAML files found`);
  }
  const resolver = prepared.resolver;
  return computeStats({
    dataset: observation.dataset,
    report,
    inlineSuppressed: observation.suppressed,
    ruleOn: (file, ruleId) => {
      const s = resolver.for(file).get(ruleId);
      return !!s && s.severity !== 'off';
    },
    groupBy,
    earlier,
    compareTo: options.compareTo,
  });
}

/** Lint the dataset and count: items, the five consistencies, coverage, time limits, … */
export async function stats(options: StatsOptions = {}): Promise<StatsReport> {
  const prepared = await setup(options);
  const { report, observation } = await observedLint(lintOptions(options), prepared);
  return statsOfRun(report, observation, prepared, options);
}
