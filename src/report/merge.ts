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
import type { FileReport, Locale, Report, ReportSummary } from '../types.js';
import { compareCodeUnits, summarize } from './build.js';

const REPORT_KEYS = ['version', 'tool', 'summary', 'files'];
const SUMMARY_KEYS = ['files', 'regions', 'items', 'errors', 'warnings', 'infos'];
const OPTIONAL_SUMMARY_KEYS = ['suppressed'];
const COUNT_KEYS = ['errors', 'warnings', 'infos'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Check that `value` is a qingdan-lint JSON report (`name` says which, in messages). */
export function checkReport(value: unknown, name: string, locale: Locale = 'en'): Report {
  const en = locale === 'en';
  const bad = (why: string, whyZh: string) => new UsageError(en ? `${name} is not a qingdan-lint JSON report (--format json): ${why}` : `${name} 不是 qingdan-lint 的 JSON 报告（--format json）：${whyZh}`);
  if (!isObject(value)) throw bad('expected a JSON object', '应为 JSON 对象');
  for (const key of Object.keys(value)) if (!REPORT_KEYS.includes(key)) throw bad(`unexpected key "${key}"`, `多出键「${key}」`);
  if (value.version !== 1) throw bad(`"version" is ${JSON.stringify(value.version) ?? 'missing'}, expected 1`, `「version」为 ${JSON.stringify(value.version) ?? '空'}，应为 1`);
  const tool = value.tool;
  if (!isObject(tool) || tool.name !== 'qingdan-lint' || typeof tool.version !== 'string' || Object.keys(tool).length !== 2) throw bad('"tool" is not { name: "qingdan-lint", version }', '「tool」不是 { name: "qingdan-lint", version }');
  const summary = value.summary;
  if (!isObject(summary)) throw bad('"summary" is missing', '缺少「summary」');
  const notCount = (key: string) => bad(`"summary.${key}" is not a count`, `「summary.${key}」不是计数`);
  for (const key of SUMMARY_KEYS) if (!isCount(summary[key])) throw notCount(key);
  for (const key of Object.keys(summary)) {
    if (!SUMMARY_KEYS.includes(key) && !OPTIONAL_SUMMARY_KEYS.includes(key)) throw bad(`unexpected key "summary.${key}"`, `多出键「summary.${key}」`);
    if (!isCount(summary[key])) throw notCount(key);
  }
  if (!Array.isArray(value.files)) throw bad('"files" is not a list', '「files」不是列表');
  const baseline = summary.suppressed !== undefined;
  const totals = { errors: 0, warnings: 0, infos: 0, suppressed: 0 };
  value.files.forEach((f: unknown, i: number) => {
    if (!isObject(f) || typeof f.file !== 'string' || typeof f.region !== 'string' || !Array.isArray(f.diagnostics)) throw bad(`files[${i}] is not a file entry`, `files[${i}] 不是文件条目`);
    for (const key of COUNT_KEYS) {
      if (!isCount(f[key])) throw bad(`files[${i}].${key} is not a count`, `files[${i}].${key} 不是计数`);
      totals[key] += f[key] as number;
    }
    if (f.diagnostics.some((d) => !isObject(d) || d.file !== f.file)) throw bad(`files[${i}] (${f.file}) has a diagnostic that is not of this file`, `files[${i}]（${f.file}）含有不属于该文件的问题`);
    if (f.suppressed !== undefined && (!baseline || !Array.isArray(f.suppressed))) {
      throw bad(`files[${i}] (${f.file}) has "suppressed" ${baseline ? 'that is not a list' : 'but the summary does not count it'}`, `files[${i}]（${f.file}）的「suppressed」${baseline ? '不是列表' : '未计入 summary'}`);
    }
    if (Array.isArray(f.suppressed)) totals.suppressed += f.suppressed.length;
  });
  // A report whose summary does not add up was cut or edited: merging it would hide that.
  if (summary.files !== value.files.length) throw bad(`"summary.files" is ${summary.files} but it lists ${value.files.length} files`, `「summary.files」为 ${summary.files}，但列出了 ${value.files.length} 个文件`);
  for (const key of [...COUNT_KEYS, ...(baseline ? (['suppressed'] as const) : [])]) {
    if (summary[key] !== totals[key]) throw bad(`"summary.${key}" is ${summary[key]} but its files have ${totals[key]}`, `「summary.${key}」为 ${summary[key]}，但各文件合计 ${totals[key]}`);
  }
  return value as unknown as Report;
}

/**
 * Merge the reports of the shards of one run into the report of the whole run. `names` (the
 * reports' file names, say) are used in messages; by default "report 1", "report 2", ….
 */
export function mergeReports(reports: readonly unknown[], names?: readonly string[], locale: Locale = 'en'): Report {
  const en = locale === 'en';
  if (!Array.isArray(reports) || reports.length === 0) throw new UsageError(en ? 'merge-reports: no reports to merge (give the JSON reports of every shard)' : 'merge-reports：没有要合并的报告（请给出每个分片的 JSON 报告）');
  const nameOf = (i: number) => names?.[i] ?? (en ? `report ${i + 1}` : `第 ${i + 1} 份报告`);
  const checked = reports.map((r, i) => checkReport(r, nameOf(i), locale));
  const first = checked[0];
  const owner = new Map<string, number>();
  const files: FileReport[] = [];
  let regions = 0;
  let items = 0;
  checked.forEach((r, i) => {
    if (r.tool.version !== first.tool.version) {
      throw new UsageError(
        en
          ? `${nameOf(i)} was made by qingdan-lint ${r.tool.version} and ${nameOf(0)} by ${first.tool.version}: merge reports of one version`
          : `${nameOf(i)} 由 qingdan-lint ${r.tool.version} 生成，${nameOf(0)} 由 ${first.tool.version} 生成：只能合并同一版本的报告`,
      );
    }
    if ((r.summary.suppressed === undefined) !== (first.summary.suppressed === undefined)) {
      const [withBaseline, without] = r.summary.suppressed !== undefined ? [nameOf(i), nameOf(0)] : [nameOf(0), nameOf(i)];
      throw new UsageError(
        en
          ? `${withBaseline} was made with a baseline (it has "suppressed") and ${without} without: merge reports of one run`
          : `${withBaseline} 使用了基线（含「suppressed」），${without} 没有：只能合并同一次检查的报告`,
      );
    }
    for (const f of r.files) {
      const seen = owner.get(f.file);
      if (seen !== undefined) {
        throw new UsageError(
          en
            ? `${f.file} is in both ${nameOf(seen)} and ${nameOf(i)}: the reports overlap (merge each shard of one --shard i/n run once)`
            : `${f.file} 同时出现在 ${nameOf(seen)} 和 ${nameOf(i)} 中：报告有重叠（同一次 --shard i/n 检查的每个分片只能合并一次）`,
        );
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
