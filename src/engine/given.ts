/**
 * `--report-only-given`: the whole dataset was linted, so cross-level checks saw every level;
 * keep the diagnostics located in the given files, and those elsewhere whose related location
 * is in a given file (an edit to a province file shows the lower-level files that now disagree).
 */
import type { FileReport, Report } from '../types.js';

export function filterToGiven(report: Report, given: Set<string>): Report {
  const files: FileReport[] = [];
  const summary = { ...report.summary, files: 0, errors: 0, warnings: 0, infos: 0 };
  for (const f of report.files) {
    const isGiven = given.has(f.file);
    const diagnostics = isGiven ? f.diagnostics : f.diagnostics.filter((d) => d.related?.some((r) => given.has(r.file)));
    if (!isGiven && diagnostics.length === 0) continue;
    const fr: FileReport = { ...f, diagnostics, errors: 0, warnings: 0, infos: 0 };
    for (const d of diagnostics) {
      if (d.severity === 'error') fr.errors++;
      else if (d.severity === 'warning') fr.warnings++;
      else fr.infos++;
    }
    summary.errors += fr.errors;
    summary.warnings += fr.warnings;
    summary.infos += fr.infos;
    files.push(fr);
  }
  summary.files = files.length;
  return { ...report, summary, files };
}
