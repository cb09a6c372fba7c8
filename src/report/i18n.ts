/**
 * Wording: turn `messageId` + `data` into text in one locale. Templates use `{name}` placeholders
 * (the value as it is; arrays joined with the locale's list separator) and `{name:table}` (the
 * locale's label of the value from a table in `labels.ts`, e.g. `{unit:unit}`, `{level:level}`,
 * `{reason:creditReason}`, `{region:region}`). Data holds facts only; all words come from here.
 */
import { UsageError } from '../config/errors.js';
import type { Locale } from '../types.js';
import { LABELS, LIST_SEPARATOR, NONE, regionLabel } from './labels.js';

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

function show(value: unknown, locale: Locale): string {
  if (value === undefined || value === null) return NONE[locale];
  if (Array.isArray(value)) return value.map((v) => show(v, locale)).join(LIST_SEPARATOR[locale]);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function showRegion(value: unknown, name: unknown, locale: Locale): string {
  if (Array.isArray(value)) return value.map((v) => showRegion(v, undefined, locale)).join(LIST_SEPARATOR[locale]);
  if (value && typeof value === 'object') {
    const r = value as { code?: unknown; name?: unknown };
    return regionLabel(String(r.code ?? ''), typeof r.name === 'string' ? r.name : undefined, locale);
  }
  if (value === undefined || value === null) return NONE[locale];
  return regionLabel(String(value), typeof name === 'string' ? name : undefined, locale);
}

/** The label of one value in `table` (an unlisted value is shown as it is). */
function label(table: string, value: unknown, data: Record<string, unknown>, locale: Locale): string {
  if (Array.isArray(value)) return value.map((v) => label(table, v, data, locale)).join(LIST_SEPARATOR[locale]);
  const labels = LABELS[table]?.[locale];
  const key = value === undefined || value === null ? '' : String(value);
  const text = labels ? (labels[key] ?? (key === '' ? undefined : labels['*'])) : undefined;
  if (text === undefined) return show(value, locale);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in data ? show(data[name], locale) : whole));
}

/** Word `template` with `data` in `locale`: `{name}` shows a value, `{name:table}` its label. */
export function interpolate(template: string, data: Record<string, unknown>, locale: Locale): string {
  return template.replace(/\{(\w+)(?::(\w+))?\}/g, (whole, name: string, table: string | undefined) => {
    if (table === 'region') return name in data ? showRegion(data[name], data[`${name}Name`], locale) : whole;
    if (table !== undefined) return label(table, data[name], data, locale);
    return name in data ? show(data[name], locale) : whole;
  });
}

/**
 * Messages the engine's stages make but never word: where a related location points. `related`
 * and `relatedSame` are the default for every rule; a rule that says more about its related
 * locations defines its own `related` message (see `coverage/missing-lower`), worded with the
 * diagnostic's data.
 */
export const ENGINE_MESSAGES: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    related: '参照：{relatedRegion:region}的对应内容',
    relatedSame: '本区划内首次出现处',
  },
  en: {
    related: 'reference: the corresponding node at {relatedRegion:region}',
    relatedSame: 'the first occurrence in this region',
  },
};

/**
 * The command line's own messages (option errors, notices on standard error), by id. `{suggestion}`
 * is the closest known name, worded as a "did you mean" by {@link cliMessage}; arrays are lists.
 */
export const CLI_MESSAGES: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    didYouMean: '（是否应为「{name}」？）',
    unknownOption: '未知选项 {option}{suggestion}，用法见 --help',
    missingValue: '选项 {option} 缺少取值，用法见 --help',
    unexpectedValue: '选项 {option} 不带取值（收到「{value}」），用法见 --help',
    badChoice: '{option} 的取值「{value}」无效，可选：{choices}{suggestion}',
    notWholeNumber: '{option} 需要不小于 0 的整数，收到「{value}」',
    threadsZero: '--threads 至少为 1',
    stdinNeedsFilename: '--stdin 需要同时给出 --stdin-filename（这段文本代表的文件路径）',
    stdinFilenameNeedsStdin: '--stdin-filename 只能与 --stdin 一起使用；要检查文件，请直接给出路径',
    fixStdin: '--fix 不能写回标准输入；请去掉 --stdin 改用 --fix-dry-run，或直接检查文件',
    ruleFlag: '--rule「{flag}」格式不对，应为「规则: 严重级别」或「规则: [严重级别, {选项}]」',
    noMatch: '没有文件与「{pattern}」匹配',
    noYamlIn: '「{pattern}」中没有 YAML 文件',
    unreadableDir: '无法读取目录「{path}」：{reasonZh}（{code}），其中的文件无法检查（如需跳过，请把它加入 ignores）',
    unreadablePath: '无法读取「{path}」：{reasonZh}（{code}），无法检查（如需跳过，请把它加入 ignores）',
    unreadableSeveral: '无法读取 {count} 个目录或路径：{paths}（第一个：{reasonZh}，{code}），其中的文件无法检查（如需跳过，请把它们加入 ignores）',
    noFiles: '在 {cwd} 中没有找到要检查的 YAML 文件（请检查给出的路径、配置中的 files 和 ignores，以及 .gitignore）',
    internal: '内部错误：{detail}',
    fixed: '已修复 {count} 个文件：{files}',
    wouldFix: '可自动修复 {count} 个文件（未写入）：{files}',
    notFixed: '未修复 {file}：{reason}',
    maxWarnings: '警告过多：{count} 个，超过 --max-warnings {max}',
  },
  en: {
    didYouMean: ' (did you mean "{name}"?)',
    unknownOption: 'unknown option {option}{suggestion}; see --help',
    missingValue: 'option {option} needs a value; see --help',
    unexpectedValue: 'option {option} takes no value (got "{value}"); see --help',
    badChoice: '{option}: unknown value "{value}"; use {choices}{suggestion}',
    notWholeNumber: '{option} needs a whole number >= 0, got "{value}"',
    threadsZero: '--threads needs at least 1',
    stdinNeedsFilename: '--stdin needs --stdin-filename (the path the text stands for)',
    stdinFilenameNeedsStdin: '--stdin-filename only works with --stdin; to lint a file, give its path',
    fixStdin: '--fix cannot write to standard input; use --fix-dry-run without --stdin, or lint a file',
    ruleFlag: '--rule "{flag}": expected "rule-id: severity" or "rule-id: [severity, {options}]"',
    noMatch: 'no files matched "{pattern}"',
    noYamlIn: 'no YAML files found in "{pattern}"',
    unreadableDir: 'cannot read directory "{path}": {reason} ({code}); its files cannot be checked (add it to ignores to skip it)',
    unreadablePath: 'cannot read "{path}": {reason} ({code}); it cannot be checked (add it to ignores to skip it)',
    unreadableSeveral: 'cannot read {count} directories or paths: {paths} (the first: {reason}, {code}); their files cannot be checked (add them to ignores to skip them)',
    noFiles: "no YAML files found to lint in {cwd} (check the paths, the config's files and ignores, and .gitignore)",
    internal: 'internal error: {detail}',
    fixed: 'fixed {count} file(s): {files}',
    wouldFix: 'would fix {count} file(s): {files}',
    notFixed: 'not fixed {file}: {reason}',
    maxWarnings: 'too many warnings: {count}, more than --max-warnings {max}',
  },
};

/** One command-line message in `locale` (without the `qingdan-lint: ` prefix). */
export function cliMessage(locale: Locale, id: string, data: Record<string, unknown> = {}): string {
  const templates = CLI_MESSAGES[locale];
  const suggestion = typeof data.suggestion === 'string' ? interpolate(templates.didYouMean, { name: data.suggestion }, locale) : '';
  const template = templates[id] ?? id;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name === 'suggestion') return suggestion;
    if (!(name in data)) return whole;
    // Paths and other data are shown as given, lists with the locale's separator.
    return Array.isArray(data[name]) ? (data[name] as unknown[]).map(String).join(locale === 'en' ? ', ' : '、') : String(data[name]);
  });
}

/**
 * A usage error (exit 2) with a message id from {@link CLI_MESSAGES}: `message` is the English
 * wording (for library callers and logs); the CLI words it again in the run's locale.
 */
export class LocalizedUsageError extends UsageError {
  constructor(
    readonly id: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(cliMessage('en', id, data));
  }
}
