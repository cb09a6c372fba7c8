/**
 * From what a run found to the report: sorting, counting and wording the messages in the run's
 * locale (the engine never words; `format()` may word them again in another locale).
 */
import { buildReport } from '../report/build.js';
import type { RunOptions, RunResult } from '../engine/run.js';
import type { Report } from '../types.js';

export function reportOfRun(result: RunResult, options: RunOptions): Report {
  return buildReport(result.files, result.diagnostics, options.rules, options.locale, { regions: result.regions, items: result.items }, result.regionOf);
}
