/**
 * `qingdan-lint merge-reports <report.json ...> [--format F] [-o FILE]` (reports.md, "National
 * scale"): merge the JSON reports of the shards of one `--shard i/n` run into the report of the
 * whole run, in any format. The merged JSON equals the unsharded run's byte for byte.
 *
 * Exit codes as the lint itself: 0 no errors (and warnings within `--max-warnings`), 1 errors or
 * too many warnings, 2 could not merge (unreadable or foreign report, other tool version or shape,
 * the same file in two reports). So the merge job can be a CI pipeline's one gate.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../config/errors.js';
import { setup } from '../config/setup.js';
import { BINARY_FORMATS, FORMAT_NAMES, format, formatBinary } from '../report/format.js';
import { cliMessage, isLocale } from '../report/i18n.js';
import { mergeReports } from '../report/merge.js';
import type { Locale } from '../types.js';
import { ProtectedFiles, checkWriteTarget, writeAtomic, writeErrorReason } from '../util/atomic-write.js';
import { errorLocale, parseOptions, useColor, type OptionSpec } from './args.js';
import type { CliIO } from './io.js';
import { outputTargets, xlsxNeedsOutput } from './stats.js';

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  locale: { type: 'string' },
  'max-warnings': { type: 'string' },
  color: { type: 'boolean', negatable: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Record<string, OptionSpec>;

export const MERGE_HELP = `qingdan-lint merge-reports — 合并分片报告 / merge the reports of shards

用法 Usage:
  qingdan-lint merge-reports <report.json ...> [options]

  合并同一次 --shard i/n 检查各分片的 JSON 报告（--format json），得到与不分片检查完全相同的
  报告，可输出为任一格式。报告的工具版本或结构不同、同一文件出现在两份报告中，均为退出码 2。
  Merges the JSON reports (--format json) of the shards of one --shard i/n run into the report
  the unsharded run gives, byte for byte, in any format. Reports of another version or shape, or
  the same file in two reports, exit 2.

选项 Options:
  -f, --format <name>        stylish (default) | json | sarif | github | junit | html | xlsx
  -o, --output-file <path>   write to a file (xlsx needs it); repeat -f ... -o ... for several
      --locale <zh-CN|en>    wording of the format's own text (default: the config's, else zh-CN;
                             the findings keep the wording of the shards' runs)
  -c, --config <path>        the config whose plugins' rules SARIF lists (default: found upward)
      --max-warnings <n>     exit 1 when there are more than n warnings
      --color, --no-color    colour stylish output or not
  -h, --help                 print this help

退出码 Exit codes: 0 no errors · 1 errors, or too many warnings · 2 could not merge
`;

/** A report file's parsed content; a one-line error when it cannot be read or is not JSON. */
function readReport(path: string, given: string, locale: Locale): unknown {
  const en = locale === 'en';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    const reason = code === 'ENOENT' ? (en ? 'no such file' : '文件不存在') : code === 'EISDIR' ? (en ? 'it is a directory' : '这是一个目录') : code;
    throw new UsageError(en ? `cannot read report ${given}: ${reason} (${code})` : `无法读取报告 ${given}：${reason}（${code}）`);
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const detail = String((error as Error).message).split('\n')[0];
    throw new UsageError(en ? `${given} is not JSON (${detail}): give the reports written with --format json` : `${given} 不是 JSON（${detail}）：请给出用 --format json 生成的报告`);
  }
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, OPTIONS);
  if (values.help) {
    io.stdout(MERGE_HELP);
    return 0;
  }
  const cwd = io.cwd ?? process.cwd();
  if (values.locale !== undefined && !isLocale(values.locale)) throw new UsageError(`merge-reports: unknown locale "${values.locale}"; use zh-CN or en / 未知语言「${values.locale}」，可用 zh-CN 或 en`);
  // Errors before the config is read: --locale, else the config's locale as far as it can be seen.
  const early: Locale = isLocale(values.locale) ? values.locale : errorLocale(argv, cwd);
  const en = early === 'en';
  const maxWarnings = values['max-warnings'];
  if (maxWarnings !== undefined && !/^[0-9]+$/.test(maxWarnings)) throw new UsageError(en ? `merge-reports: --max-warnings needs a whole number, got "${maxWarnings}"` : `merge-reports：--max-warnings 须为非负整数，收到「${maxWarnings}」`);
  const targets = outputTargets(argv, OPTIONS).map((t) => ({ format: t.format ?? 'stylish', output: t.output }));
  for (const t of targets) {
    if (!(FORMAT_NAMES as readonly string[]).includes(t.format)) throw new UsageError(en ? `merge-reports: unknown format "${t.format}"; use ${FORMAT_NAMES.join(', ')}` : `merge-reports：未知格式「${t.format}」，可用 ${FORMAT_NAMES.join('、')}`);
    if (BINARY_FORMATS.includes(t.format) && t.output === undefined) throw new UsageError(xlsxNeedsOutput(early));
  }
  if (positionals.length === 0) {
    throw new UsageError(en ? 'merge-reports: give the JSON reports to merge, e.g. qingdan-lint merge-reports shard-*.json -f sarif -o lint.sarif' : 'merge-reports：请给出要合并的 JSON 报告，如 qingdan-lint merge-reports shard-*.json -f sarif -o lint.sarif');
  }

  const paths = positionals.map((p) => resolve(cwd, p));
  const report = mergeReports(
    positionals.map((p, i) => readReport(paths[i], p, early)),
    positionals,
    early,
  );
  // The config gives the rules SARIF lists (plugins too) and the default locale.
  const s = await setup({ cwd, config: values.config });
  const locale: Locale = isLocale(values.locale) ? values.locale : s.locale;

  // Never write over a report being merged, nor over a file of the dataset the reports are of.
  const reports = new ProtectedFiles(paths);
  const dataset = new ProtectedFiles(report.files.map((f) => resolve(cwd, f.file)));
  for (const t of targets) {
    if (t.output === undefined) continue;
    const target = resolve(cwd, t.output);
    if (reports.has(target)) throw new UsageError(locale === 'en' ? `refusing to write --output-file ${t.output}: it is one of the reports being merged` : `拒绝写入 --output-file ${t.output}：它是要合并的报告之一`);
    try {
      checkWriteTarget(target, { protect: dataset });
    } catch (error) {
      throw refused(t.output, error, locale);
    }
  }
  for (const t of targets) {
    const color = t.format === 'stylish' && useColor(values.color, io.env ?? process.env, !!io.isTTY, t.output !== undefined);
    const options = { locale, color, cwd, rules: [...s.rules.values()] };
    const data = BINARY_FORMATS.includes(t.format) ? await formatBinary(report, t.format, options) : format(report, t.format, options);
    if (t.output === undefined) io.stdout(data as string);
    else {
      try {
        writeAtomic(resolve(cwd, t.output), data, { createParents: true, protect: dataset });
      } catch (error) {
        throw refused(t.output, error, locale);
      }
    }
  }
  if (report.summary.errors > 0) return 1;
  if (maxWarnings !== undefined && report.summary.warnings > Number(maxWarnings)) {
    io.stderr(`qingdan-lint: ${cliMessage(locale, 'maxWarnings', { count: report.summary.warnings, max: Number(maxWarnings) })}\n`);
    return 1;
  }
  return 0;
}

function refused(given: string, error: unknown, locale: Locale): UsageError {
  const r = writeErrorReason(error);
  return new UsageError(locale === 'en' ? `refusing to write --output-file ${given}: ${r.en}` : `拒绝写入 --output-file ${given}：${r.zh} / ${r.en}`);
}
