/**
 * `--report-only-given`: the whole dataset was linted, so cross-level checks saw every level;
 * keep the diagnostics located in the given files, and those elsewhere whose related location
 * is in a given file (an edit to a province file shows the lower-level files that now disagree).
 */
import { summarize, tally } from './build.js';
import type { FileReport, Report } from '../types.js';

export function filterToGiven(report: Report, given: Set<string>): Report {
  const files: FileReport[] = [];
  for (const f of report.files) {
    const isGiven = given.has(f.file);
    const diagnostics = isGiven ? f.diagnostics : f.diagnostics.filter((d) => d.related?.some((r) => given.has(r.file)));
    if (isGiven || diagnostics.length > 0) files.push(tally(f.file, f.region, diagnostics));
  }
  return { ...report, summary: summarize(files, report.summary), files };
}
