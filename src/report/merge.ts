/**
 * Merging the JSON reports of `--shard i/n` runs (reports.md, "National scale"). Shards split a
 * dataset by province and region chains never cross provinces, so each file's entry is the same
 * in its shard's report as in the unsharded one; the merge puts the files back in path order
 * (code units) and recomputes the summary: files, errors, warnings and infos (and `suppressed`,
 * with a baseline) from the files, regions and items as the sums of the shards'. The merge of
 * every shard of a run is the unsharded report, byte for byte.
 *
 * Reports that cannot come from one run are refused (a {@link UsageError}, one line): not a
 * qingdan-lint JSON report, another tool version, another shape (one with a baseline's
 * `suppressed`, one without), or the same file in two reports (overlapping shards).
 */
import { UsageError } from '../config/errors.js';
import type { FileReport, Report, ReportSummary } from '../types.js';
import { compareCodeUnits, summarize } from './build.js';

const REPORT_KEYS = ['version', 'tool', 'summary', 'files'];
const SUMMARY_KEYS = ['files', 'regions', 'items', 'errors', 'warnings', 'infos'];
const OPTIONAL_SUMMARY_KEYS = ['suppressed'];
const COUNT_KEYS = ['errors', 'warnings', 'infos'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Check that `value` is a qingdan-lint JSON report (`name` says which, in messages). */
export function checkReport(value: unknown, name: string): Report {
  const bad = (why: string) => new UsageError(`${name} is not a qingdan-lint JSON report (--format json): ${why}`);
  if (!isObject(value)) throw bad('expected a JSON object');
  for (const key of Object.keys(value)) if (!REPORT_KEYS.includes(key)) throw bad(`unexpected key "${key}"`);
  if (value.version !== 1) throw bad(`"version" is ${JSON.stringify(value.version) ?? 'missing'}, expected 1`);
  const tool = value.tool;
  if (!isObject(tool) || tool.name !== 'qingdan-lint' || typeof tool.version !== 'string' || Object.keys(tool).length !== 2) throw bad('"tool" is not { name: "qingdan-lint", version }');
  const summary = value.summary;
  if (!isObject(summary)) throw bad('"summary" is missing');
  for (const key of SUMMARY_KEYS) if (!isCount(summary[key])) throw bad(`"summary.${key}" is not a count`);
  for (const key of Object.keys(summary)) {
    if (!SUMMARY_KEYS.includes(key) && !OPTIONAL_SUMMARY_KEYS.includes(key)) throw bad(`unexpected key "summary.${key}"`);
    if (!isCount(summary[key])) throw bad(`"summary.${key}" is not a count`);
  }
  if (!Array.isArray(value.files)) throw bad('"files" is not a list');
  const baseline = summary.suppressed !== undefined;
  const totals = { errors: 0, warnings: 0, infos: 0, suppressed: 0 };
  value.files.forEach((f: unknown, i: number) => {
    if (!isObject(f) || typeof f.file !== 'string' || typeof f.region !== 'string' || !Array.isArray(f.diagnostics)) throw bad(`files[${i}] is not a file entry`);
    for (const key of COUNT_KEYS) {
      if (!isCount(f[key])) throw bad(`files[${i}].${key} is not a count`);
      totals[key] += f[key] as number;
    }
    if (f.diagnostics.some((d) => !isObject(d) || d.file !== f.file)) throw bad(`files[${i}] (${f.file}) has a diagnostic that is not of this file`);
    if (f.suppressed !== undefined && (!baseline || !Array.isArray(f.suppressed))) throw bad(`files[${i}] (${f.file}) has "suppressed" ${baseline ? 'that is not a list' : 'but the summary does not count it'}`);
    if (Array.isArray(f.suppressed)) totals.suppressed += f.suppressed.length;
  });
  // A report whose summary does not add up was cut or edited: merging it would hide that.
  if (summary.files !== value.files.length) throw bad(`"summary.files" is ${summary.files} but it lists ${value.files.length} files`);
  for (const key of COUNT_KEYS) if (summary[key] !== totals[key]) throw bad(`"summary.${key}" is ${summary[key]} but its files have ${totals[key]}`);
  if (baseline && summary.suppressed !== totals.suppressed) throw bad(`"summary.suppressed" is ${summary.suppressed} but its files have ${totals.suppressed}`);
  return value as unknown as Report;
}

/**
 * Merge the reports of the shards of one run into the report of the whole run. `names` (the
 * reports' file names, say) are used in messages; by default "report 1", "report 2", ….
 */
export function mergeReports(reports: readonly unknown[], names?: readonly string[]): Report {
  if (!Array.isArray(reports) || reports.length === 0) throw new UsageError('merge-reports: no reports to merge (give the JSON reports of every shard)');
  const nameOf = (i: number) => names?.[i] ?? `report ${i + 1}`;
  const checked = reports.map((r, i) => checkReport(r, nameOf(i)));
  const first = checked[0];
  const owner = new Map<string, number>();
  const files: FileReport[] = [];
  let regions = 0;
  let items = 0;
  checked.forEach((r, i) => {
    if (r.tool.version !== first.tool.version) {
      throw new UsageError(`${nameOf(i)} was made by qingdan-lint ${r.tool.version} and ${nameOf(0)} by ${first.tool.version}: merge reports of one version`);
    }
    if ((r.summary.suppressed === undefined) !== (first.summary.suppressed === undefined)) {
      const [withBaseline, without] = r.summary.suppressed !== undefined ? [nameOf(i), nameOf(0)] : [nameOf(0), nameOf(i)];
      throw new UsageError(`${withBaseline} was made with a baseline (it has "suppressed") and ${without} without: merge reports of one run`);
    }
    for (const f of r.files) {
      const seen = owner.get(f.file);
      if (seen !== undefined) {
        throw new UsageError(`${f.file} is in both ${nameOf(seen)} and ${nameOf(i)}: the reports overlap (merge each shard of one --shard i/n run once)`);
      }
      owner.set(f.file, i);
      files.push(f);
    }
    regions += r.summary.regions;
    items += r.summary.items;
  });
  files.sort((a, b) => compareCodeUnits(a.file, b.file));
  const summary: ReportSummary = summarize(files, { regions, items });
  if (first.summary.suppressed !== undefined) summary.suppressed = files.reduce((n, f) => n + (f.suppressed?.length ?? 0), 0);
  return { version: 1, tool: { name: 'qingdan-lint', version: first.tool.version }, summary, files };
}
