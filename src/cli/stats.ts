/**
 * `qingdan-lint stats [paths] [--group-by region|department|system|type] [--compare-to DIR]
 * [--format markdown|json|html|xlsx] [-o FILE]` (reports.md, "Statistics"): lint, then count.
 * A report, not a gate: exit 0 unless the tool could not run (2).
 *
 * Also the command line's handling of several outputs in one run (`-f sarif -o lint.sarif -f
 * github -f html -o report.html`), shared with the main command.
 */
import { resolve } from 'node:path';
import type { LintOptions } from '../api.js';
import { UsageError } from '../config/errors.js';
import { PRESET_NAMES, type PresetName, type RuleEntry } from '../config/resolve.js';
import { setup } from '../config/setup.js';
import { formatStatsHtml } from '../report/formatters/html.js';
import { isLocale } from '../report/i18n.js';
import { observedLint, statsOfRun } from '../stats/index.js';
import { formatStatsMarkdown } from '../stats/markdown.js';
import { GROUP_BY, type GroupBy, type StatsReport } from '../stats/types.js';
import type { Locale } from '../types.js';
import { checkWriteTarget, protectDataset, writeAtomic, writeErrorReason } from '../util/atomic-write.js';
import { parseOptions, type OptionSpec } from './args.js';
import type { CliIO } from './io.js';
import { parseRuleFlag } from './args.js';

const OPTIONS = {
  'group-by': { type: 'string' },
  'compare-to': { type: 'string' },
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  preset: { type: 'string' },
  locale: { type: 'string' },
  threads: { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Record<string, OptionSpec>;

export const STATS_FORMATS = ['markdown', 'json', 'html', 'xlsx'] as const;

export const STATS_HELP = `qingdan-lint stats — 清单统计 / statistics of a dataset

用法 Usage:
  qingdan-lint stats [paths ...] [options]

  先检查，再统计：事项数、五个一致率、认领率、决定落实、办理时限与即办率、环节与一审一核、
  材料与容缺后补、两单融合、前置/中介/收费、街道清单；--compare-to 与此前的清单比较。
  Lints, then counts. Exit 0 unless the tool could not run (2): a report, not a gate.

选项 Options:
      --group-by <key>       region (default) | department | system | type
      --compare-to <dir>     an earlier dataset: items kept, removed and added, by type
  -f, --format <name>        markdown (default on a terminal) | json (default otherwise) | html | xlsx
  -o, --output-file <path>   write to a file (xlsx needs it)
      --locale <zh-CN|en>    wording (default zh-CN)
  -c, --config <path>        --rule '<id>: <sev>'   --preset <name>   --threads <n>   --cache
  -h, --help                 print this help
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, OPTIONS);
  if (values.help) {
    io.stdout(STATS_HELP);
    return 0;
  }
  const cwd = io.cwd ?? process.cwd();
  const formatName = values.format ?? (io.isTTY ? 'markdown' : 'json');
  if (!(STATS_FORMATS as readonly string[]).includes(formatName)) throw new UsageError(`stats: unknown format "${formatName}"; use ${STATS_FORMATS.join(', ')}`);
  const groupBy = (values['group-by'] ?? 'region') as GroupBy;
  if (!GROUP_BY.includes(groupBy)) throw new UsageError(`stats: unknown --group-by "${groupBy}"; use ${GROUP_BY.join(', ')}`);
  if (values.locale !== undefined && !isLocale(values.locale)) throw new UsageError(`unknown locale "${values.locale}"; use zh-CN or en`);
  if (values.preset !== undefined && !(PRESET_NAMES as readonly string[]).includes(values.preset)) throw new UsageError(`unknown preset "${values.preset}"; use ${PRESET_NAMES.join(', ')}`);
  if (formatName === 'xlsx' && values['output-file'] === undefined) throw new UsageError(xlsxNeedsOutput(values.locale === 'en' ? 'en' : 'zh-CN'));
  const threads = values.threads !== undefined ? Number(values.threads) : undefined;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new UsageError(`--threads needs a whole number >= 1, got "${values.threads}"`);
  const rules: Record<string, RuleEntry> = {};
  for (const flag of values.rule ?? []) Object.assign(rules, parseRuleFlag(flag));
  const options: LintOptions = {
    cwd,
    config: values.config,
    rules,
    preset: values.preset as PresetName | undefined,
    locale: values.locale as Locale | undefined,
    patterns: positionals,
    threads,
    cache: values.cache || values['cache-location'] !== undefined ? { location: values['cache-location'] } : undefined,
  };
  const s = await setup(options);
  const output = values['output-file'];
  if (output !== undefined) checkOutput(output, resolve(cwd, output), await protectDataset(s, positionals), s.locale);
  const { report, observation } = await observedLint(options, s);
  if (report.files.length === 0) throw new UsageError(`no YAML files found to count in ${cwd}`);
  const stats = await statsOfRun(report, observation, s, { ...options, groupBy, compareTo: values['compare-to'] });
  const data = await renderStats(stats, formatName, s.locale);
  if (output !== undefined) writeOutput(output, resolve(cwd, output), data, s.locale);
  else io.stdout(data as string);
  return 0;
}

async function renderStats(stats: StatsReport, name: string, locale: Locale): Promise<string | Uint8Array> {
  switch (name) {
    case 'markdown':
      return formatStatsMarkdown(stats, locale);
    case 'html':
      return formatStatsHtml(stats, locale);
    case 'xlsx': {
      const { formatStatsXlsx } = await import('../report/formatters/xlsx.js');
      return formatStatsXlsx(stats, locale);
    }
    default:
      return JSON.stringify(stats, null, 2) + '\n';
  }
}

/** Why a workbook needs `-o`, in the locale. */
export function xlsxNeedsOutput(locale: Locale): string {
  return locale === 'en'
    ? '--format xlsx writes a workbook, not terminal output: give it --output-file FILE.xlsx'
    : '--format xlsx 生成的是工作簿，不能输出到终端：请用 --output-file 指定文件 / --format xlsx needs --output-file FILE.xlsx';
}

function refused(given: string, error: unknown, locale: Locale): UsageError {
  const r = writeErrorReason(error);
  return new UsageError(locale === 'en' ? `refusing to write --output-file ${given}: ${r.en}` : `拒绝写入 --output-file ${given}：${r.zh} / ${r.en}`);
}

function checkOutput(given: string, path: string, protect: Awaited<ReturnType<typeof protectDataset>>, locale: Locale): void {
  try {
    checkWriteTarget(path, { protect });
  } catch (error) {
    throw refused(given, error, locale);
  }
}

function writeOutput(given: string, path: string, data: string | Uint8Array, locale: Locale): void {
  try {
    writeAtomic(path, data, { createParents: true });
  } catch (error) {
    throw refused(given, error, locale);
  }
}

/** One output of a run: a format, and the file it goes to (standard output when undefined). */
export interface OutputTarget {
  format?: string;
  output?: string;
}

/**
 * The outputs asked for, in order (Spectral's convention): each `--format` takes the
 * `--output-file` that follows it before the next `--format`; a format without one goes to
 * standard output. With at most one `--format`, its `--output-file` may come anywhere.
 * At most one output goes to standard output.
 */
export function outputTargets(argv: string[], spec: Record<string, OptionSpec>): OutputTarget[] {
  const formats: { at: number; value: string }[] = [];
  const outputs: { at: number; value: string }[] = [];
  const short = new Map(Object.entries(spec).filter(([, s]) => s.short).map(([name, s]) => [`-${s.short}`, name]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    let name: string | undefined;
    let value: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = arg.slice(2, eq === -1 ? undefined : eq);
      if (eq !== -1) value = arg.slice(eq + 1);
    } else if (short.has(arg)) name = short.get(arg);
    if (name === undefined || !Object.hasOwn(spec, name) || spec[name].type !== 'string') continue;
    if (value === undefined) value = argv[++i];
    if (value === undefined) break;
    if (name === 'format') formats.push({ at: i, value });
    if (name === 'output-file') outputs.push({ at: i, value });
  }
  if (formats.length <= 1) return [{ format: formats[0]?.value, output: outputs.at(-1)?.value }];
  const targets: OutputTarget[] = formats.map((f) => ({ format: f.value }));
  for (const o of outputs) {
    let owner = -1;
    formats.forEach((f, i) => {
      if (f.at < o.at) owner = i;
    });
    if (owner === -1) throw new UsageError(`--output-file ${o.value} comes before any --format: with several formats, give each --format its own --output-file after it`);
    if (targets[owner].output !== undefined) throw new UsageError(`--format ${targets[owner].format} has two output files (${targets[owner].output}, ${o.value})`);
    targets[owner].output = o.value;
  }
  const toStdout = targets.filter((t) => t.output === undefined);
  if (toStdout.length > 1) throw new UsageError(`only one format can go to standard output, but ${toStdout.map((t) => t.format).join(', ')} have no --output-file`);
  return targets;
}
