/**
 * Baselines for legacy data (bulk suppressions; spec: reports.md), after ESLint's
 * `eslint-suppressions.json`. The file counts findings by file, item code (`-` for a finding
 * outside any item), rule id and message id — never by line, so an edit elsewhere in a file does
 * not disturb it:
 *
 * ```json
 * { "version": 1, "files": { "data/350502/市场监管.yaml": { "000122001001": { "consistency/materials": { "renamed": 1 } } } } }
 * ```
 *
 * A baseline is report post-processing: pure functions over the {@link Report} (count, record,
 * apply, prune), plus reading and writing the file. For each key, the first `count` findings in
 * report order are set aside: they leave `diagnostics` and the counts, and are listed under the
 * file's `suppressed` (with `summary.suppressed`). Recorded findings that no longer occur are
 * *unused*; a run fails on them (exit 2) until they are pruned.
 *
 * Which files' entries a run may judge (and rewrite) is its *scope*: every file for a run over
 * the whole dataset, the linted files for a run given paths, the given files with
 * `--report-only-given`. Entries of files outside the scope are kept as they are, never used up
 * and never reported unused.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError, didYouMean } from '../config/errors.js';
import type { Diagnostic, FileReport, Locale, Report } from '../types.js';
import { summarize, tally } from './build.js';
import { writeAtomic, writeErrorReason, type ProtectedFiles } from '../util/atomic-write.js';

/** The default file, in the working directory. */
export const SUPPRESSIONS_FILE = 'qingdan-lint-suppressions.json';
/** The item key of a finding that belongs to no item (file-level). */
export const FILE_LEVEL = '-';

/** The baseline options of the command line and the library. */
export interface BaselineOptions {
  /** Record every current finding (every severity) in the suppressions file, replacing its content. */
  suppressAll?: boolean;
  /** Record only these rules' findings, replacing their entries and keeping the other rules'. */
  suppressRules?: string[];
  /** The suppressions file (default `qingdan-lint-suppressions.json` in the working directory). */
  suppressionsLocation?: string;
  /** Remove the recorded counts that no longer occur from the file. */
  pruneSuppressions?: boolean;
  /** Do not fail the run (exit 2 / throw) when recorded findings no longer occur. */
  passOnUnprunedSuppressions?: boolean;
}

/** file → item code (or `-`) → rule id → message id → count. Maps: keys are data (`__proto__` too). */
export type Counts = Map<string, Map<string, Map<string, Map<string, number>>>>;

/** The key of a finding within its file. */
function keyOf(d: Diagnostic): [string, string, string] {
  return [d.itemCode ? d.itemCode : FILE_LEVEL, d.ruleId, d.messageId];
}

function child<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}

function add(counts: Counts, file: string, [item, rule, message]: [string, string, string], n: number): void {
  const byMessage = child(child(child(counts, file, () => new Map()), item, () => new Map()), rule, () => new Map());
  byMessage.set(message, (byMessage.get(message) ?? 0) + n);
}

/** Drop zero counts and the maps they leave empty. */
function compact(counts: Counts): Counts {
  for (const [file, items] of counts) {
    for (const [item, rules] of items) {
      for (const [rule, messages] of rules) {
        for (const [message, n] of messages) if (n <= 0) messages.delete(message);
        if (messages.size === 0) rules.delete(rule);
      }
      if (rules.size === 0) items.delete(item);
    }
    if (items.size === 0) counts.delete(file);
  }
  return counts;
}

function copy(counts: Counts): Counts {
  return new Map([...counts].map(([f, items]) => [f, new Map([...items].map(([i, rules]) => [i, new Map([...rules].map(([r, m]) => [r, new Map(m)]))]))]));
}

/** Total of the counts, and the number of (file, item, rule, message) entries. */
export function totals(counts: Counts): { entries: number; findings: number } {
  let entries = 0;
  let findings = 0;
  for (const items of counts.values()) for (const rules of items.values()) for (const messages of rules.values()) for (const n of messages.values()) {
    entries++;
    findings += n;
  }
  return { entries, findings };
}

/** The findings of `files`, counted (optionally only those of `rules`). */
export function countFindings(files: FileReport[], rules?: ReadonlySet<string>): Counts {
  const counts: Counts = new Map();
  for (const f of files) for (const d of f.diagnostics) if (!rules || rules.has(d.ruleId)) add(counts, f.file, keyOf(d), 1);
  return counts;
}

/**
 * The file's new content for `--suppress-all` (no `rules`) or `--suppress-rule` (`rules`): the
 * entries of the files in scope are replaced by the report's findings (all, or those rules'); the
 * other files' entries, and with `rules` the other rules' entries, are kept.
 */
export function record(existing: Counts, report: Report, inScope: (file: string) => boolean, rules?: ReadonlySet<string>): Counts {
  const out = copy(existing);
  for (const [file, items] of out) {
    if (!inScope(file)) continue;
    if (!rules) {
      out.delete(file);
      continue;
    }
    for (const ruleMap of items.values()) for (const rule of [...ruleMap.keys()]) if (rules.has(rule)) ruleMap.delete(rule);
  }
  const found = countFindings(report.files.filter((f) => inScope(f.file)), rules);
  for (const [file, items] of found) for (const [item, ruleMap] of items) for (const [rule, messages] of ruleMap) for (const [message, n] of messages) add(out, file, [item, rule, message], n);
  return compact(out);
}

export interface Applied {
  /** The report without the set-aside findings, which are listed under each file's `suppressed`. */
  report: Report;
  /** The recorded counts that no longer occur, in the files of the scope. */
  unused: Counts;
}

/**
 * Set aside the findings `counts` covers: for each key, the first `count` findings in report
 * order. Every file gets `suppressed` (possibly empty) and the summary `suppressed`.
 */
export function applySuppressions(report: Report, counts: Counts, inScope: (file: string) => boolean): Applied {
  const left = copy(counts);
  const files = report.files.map((f) => {
    const items = left.get(f.file);
    const kept: Diagnostic[] = [];
    const suppressed: Diagnostic[] = [];
    for (const d of f.diagnostics) {
      const [item, rule, message] = keyOf(d);
      const messages = items?.get(item)?.get(rule);
      const n = messages?.get(message) ?? 0;
      if (n > 0) {
        messages!.set(message, n - 1);
        suppressed.push(d);
      } else kept.push(d);
    }
    return withSuppressed(tally(f.file, f.region, kept), suppressed);
  });
  for (const file of [...left.keys()]) if (!inScope(file)) left.delete(file);
  return { report: withSummary(report, files), unused: compact(left) };
}

function withSuppressed(f: FileReport, suppressed: Diagnostic[]): FileReport {
  return { ...f, suppressed };
}

function withSummary(report: Report, files: FileReport[]): Report {
  const summary = summarize(files, report.summary);
  summary.suppressed = files.reduce((n, f) => n + (f.suppressed?.length ?? 0), 0);
  return { ...report, summary, files };
}

/**
 * After a step that rebuilt `to` from `from` (e.g. `--quiet`), bring back each remaining file's
 * set-aside findings (those `keep` accepts) and the summary count. Without a baseline, `to` as is.
 */
export function carrySuppressed(from: Report, to: Report, keep: (d: Diagnostic) => boolean = () => true): Report {
  if (from.summary.suppressed === undefined) return to;
  const byFile = new Map(from.files.map((f) => [f.file, f.suppressed ?? []]));
  return withSummary(
    to,
    to.files.map((f) => withSuppressed(f, (byFile.get(f.file) ?? []).filter(keep))),
  );
}

/** `existing` less the `unused` counts (what `--prune-suppressions` leaves). */
export function prune(existing: Counts, unused: Counts): Counts {
  const out = copy(existing);
  for (const [file, items] of unused) {
    for (const [item, rules] of items) {
      for (const [rule, messages] of rules) {
        for (const [message, n] of messages) {
          const m = out.get(file)?.get(item)?.get(rule);
          if (m?.has(message)) m.set(message, m.get(message)! - n);
        }
      }
    }
  }
  return compact(out);
}

// ---------------------------------------------------------------------------------------------
// The file: sorted keys (code-unit order), two-space indent, a final newline.

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The file's text: keys in code-unit order at every level (not object order), so it diffs well. */
export function serialize(counts: Counts): string {
  const obj = (entries: [string, string][], indent: string): string =>
    entries.length === 0 ? '{}' : `{\n${entries.map(([k, v]) => `${indent}  ${JSON.stringify(k)}: ${v}`).join(',\n')}\n${indent}}`;
  const level = (map: Map<string, unknown>, indent: string, depth: number): string =>
    obj(
      [...map.keys()].sort(byCodeUnit).map((k) => {
        const v = map.get(k);
        return [k, depth === 3 ? String(v) : level(v as Map<string, unknown>, indent + '  ', depth + 1)];
      }),
      indent,
    );
  return `{\n  "version": 1,\n  "files": ${level(counts as Map<string, unknown>, '  ', 0)}\n}\n`;
}

/** A one-line reason the file cannot be used (exit 2). */
export class SuppressionsFileError extends UsageError {
  override name = 'SuppressionsFileError';
}

function shape(location: string, where: string, what: string): SuppressionsFileError {
  return new SuppressionsFileError(`suppressions file ${location} is not a qingdan-lint suppressions file / 基线文件格式不符: ${where} ${what}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Parse and check the file's text (a leading BOM is allowed). Anything not of the shape — not
 * JSON, another version, an unknown key, a count that is not a whole number >= 1 — is an error.
 */
export function parseSuppressions(text: string, location: string): Counts {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new SuppressionsFileError(`suppressions file ${location} is not valid JSON / 基线文件不是有效的 JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!isObject(value)) throw shape(location, 'the top level', 'must be an object { "version": 1, "files": { … } }');
  for (const key of Object.keys(value)) if (key !== 'version' && key !== 'files') throw shape(location, `key ${JSON.stringify(key)}`, 'is not allowed (only "version" and "files")');
  if (value.version !== 1) throw shape(location, '"version"', `must be 1, found ${JSON.stringify(value.version) ?? 'nothing'}`);
  if (!isObject(value.files)) throw shape(location, '"files"', 'must be an object');
  const counts: Counts = new Map();
  const path = (...keys: string[]) => `files${keys.map((k) => `[${JSON.stringify(k)}]`).join('')}`;
  for (const [file, items] of Object.entries(value.files)) {
    if (!isObject(items)) throw shape(location, path(file), 'must be an object of item codes');
    for (const [item, rules] of Object.entries(items)) {
      if (item === '') throw shape(location, path(file, item), 'is not an item code (use "-" for findings outside items)');
      if (!isObject(rules)) throw shape(location, path(file, item), 'must be an object of rule ids');
      for (const [rule, messages] of Object.entries(rules)) {
        if (!isObject(messages)) throw shape(location, path(file, item, rule), 'must be an object of message ids');
        for (const [message, n] of Object.entries(messages)) {
          if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) throw shape(location, path(file, item, rule, message), `must be a whole number >= 1, found ${JSON.stringify(n)}`);
          add(counts, file, [item, rule, message], n);
        }
      }
    }
  }
  return counts;
}

/** The file's counts and text, or undefined when it does not exist. */
export function readSuppressions(location: string, label = location): { counts: Counts; text: string } | undefined {
  let text: string;
  try {
    text = readFileSync(location, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new SuppressionsFileError(`cannot read suppressions file ${label} / 无法读取基线文件: ${code ?? (error as Error).message.split('\n')[0]}`);
  }
  return { counts: parseSuppressions(text, label), text };
}

/** Write atomically (never a half-written file, never over a dataset file); a one-line reason otherwise. */
function writeAtomically(path: string, text: string, label: string, protect?: ProtectedFiles): void {
  try {
    writeAtomic(path, text, { createParents: true, protect });
  } catch (error) {
    const r = writeErrorReason(error);
    throw new SuppressionsFileError(`cannot write suppressions file ${label}: ${r.en} / 无法写入基线文件：${r.zh}`);
  }
}

// ---------------------------------------------------------------------------------------------
// A run's baseline: validate the options, read, record or prune, apply.

/** Check the options (the library's callers too): types, combinations, rule ids. */
export function validateBaselineOptions(options: BaselineOptions & { stdin?: unknown }, knownRules: Iterable<string>): void {
  for (const name of ['suppressAll', 'pruneSuppressions', 'passOnUnprunedSuppressions'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'boolean') throw new UsageError(`option ${name}: expected true or false`);
  }
  if (options.suppressionsLocation !== undefined && (typeof options.suppressionsLocation !== 'string' || options.suppressionsLocation === '')) {
    throw new UsageError('--suppressions-location (option suppressionsLocation): expected a file path');
  }
  const rules = options.suppressRules;
  if (rules !== undefined && (!Array.isArray(rules) || rules.some((r) => typeof r !== 'string'))) throw new UsageError('option suppressRules: expected an array of rule ids');
  if (options.suppressAll && rules?.length) throw new UsageError('--suppress-all and --suppress-rule cannot be used together');
  if ((options.suppressAll || rules?.length) && options.pruneSuppressions) {
    throw new UsageError(`${options.suppressAll ? '--suppress-all' : '--suppress-rule'} and --prune-suppressions cannot be used together`);
  }
  if (options.stdin && (options.suppressAll || rules?.length || options.pruneSuppressions)) {
    throw new UsageError('--suppress-all, --suppress-rule and --prune-suppressions need files on disk, not text from standard input');
  }
  const known = [...knownRules];
  for (const id of rules ?? []) if (!known.includes(id)) throw new UsageError(`--suppress-rule: unknown rule "${id}"${didYouMean(id, known)}`);
}

/** What the baseline did in a run. */
export interface BaselineOutcome {
  /** The suppressions file (absolute path). */
  location: string;
  /** The file as messages show it: relative to the working directory when inside it. */
  shown: string;
  /** The report with the recorded findings set aside. */
  report: Report;
  /** `suppressAll` / `suppressRules` wrote the file (the run exits 0). */
  recorded?: { entries: number; findings: number };
  /** `pruneSuppressions` removed these from the file. */
  pruned?: { entries: number; findings: number };
  /** Recorded findings that no longer occur, in the scope (0 after pruning). */
  unused: { entries: number; findings: number };
}

export interface BaselineContext {
  cwd: string;
  /** The files whose entries this run judges (see the module comment). */
  inScope: (file: string) => boolean;
  /** The dataset's files: the suppressions file is never written over one. */
  protect?: ProtectedFiles;
}

/**
 * The baseline step of a run: undefined when there is no suppressions file and nothing asks to
 * write one (the report is then exactly what it was). Throws {@link SuppressionsFileError} for a
 * file that cannot be read or used, and a {@link UsageError} for bad options.
 */
export function runBaseline(report: Report, options: BaselineOptions, ctx: BaselineContext): BaselineOutcome | undefined {
  const location = resolve(ctx.cwd, options.suppressionsLocation ?? SUPPRESSIONS_FILE);
  const rel = relative(ctx.cwd, location);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : location;
  const existing = readSuppressions(location, shown);
  const suppressRules = options.suppressRules?.length ? new Set(options.suppressRules) : undefined;
  const records = !!options.suppressAll || !!suppressRules;
  if (!existing && !records) {
    if (options.suppressionsLocation !== undefined) {
      throw new SuppressionsFileError(`suppressions file ${shown} does not exist; create it with --suppress-all or --suppress-rule / 基线文件不存在，请先用 --suppress-all 或 --suppress-rule 生成`);
    }
    return undefined;
  }
  let counts = existing?.counts ?? new Map();
  let recorded: BaselineOutcome['recorded'];
  if (records) {
    counts = record(counts, report, ctx.inScope, suppressRules);
    const text = serialize(counts);
    if (text !== existing?.text) writeAtomically(location, text, shown, ctx.protect);
    recorded = totals(counts);
  }
  let applied = applySuppressions(report, counts, ctx.inScope);
  let pruned: BaselineOutcome['pruned'];
  if (options.pruneSuppressions) {
    pruned = totals(applied.unused);
    if (pruned.entries > 0) {
      counts = prune(counts, applied.unused);
      writeAtomically(location, serialize(counts), shown, ctx.protect);
      applied = applySuppressions(report, counts, ctx.inScope);
    }
  }
  return { location, shown, report: applied.report, recorded, pruned, unused: totals(applied.unused) };
}

/** The run fails (exit 2) on unused entries, unless it wrote the file or was told to pass. */
export function failsOnUnused(outcome: BaselineOutcome, options: BaselineOptions): boolean {
  return outcome.unused.entries > 0 && !outcome.recorded && !options.passOnUnprunedSuppressions;
}

/** Library callers: a run whose baseline records findings that no longer occur (the CLI's exit 2). */
export class UnusedSuppressionsError extends UsageError {
  override name = 'UnusedSuppressionsError';
  constructor(readonly outcome: BaselineOutcome) {
    super(unusedNotice(outcome, 'en').replace(/^qingdan-lint: /, '').trimEnd());
  }
  /** The report of the run, with the recorded findings set aside. */
  get report(): Report {
    return this.outcome.report;
  }
}

function unusedNotice(o: BaselineOutcome, locale: Locale): string {
  const where = o.shown;
  const { entries, findings } = o.unused;
  return locale === 'en'
    ? `qingdan-lint: ${entries} ${entries === 1 ? 'entry' : 'entries'} of ${where} unused (${findings} recorded ${findings === 1 ? 'finding no longer occurs' : 'findings no longer occur'}); run with --prune-suppressions to remove them from the baseline (or --pass-on-unpruned-suppressions to ignore them)\n`
    : `qingdan-lint: 基线文件 ${where} 中有 ${entries} 条记录（${findings} 个问题）已不再出现；请用 --prune-suppressions 从基线中删除（或用 --pass-on-unpruned-suppressions 忽略）\n`;
}

/** The standard-error lines of a run's baseline, in the run's locale. */
export function baselineNotices(o: BaselineOutcome, locale: Locale): string[] {
  const en = locale === 'en';
  const out: string[] = [];
  if (o.recorded) {
    out.push(
      en
        ? `qingdan-lint: wrote ${o.shown}: ${o.recorded.findings} findings in ${o.recorded.entries} entries\n`
        : `qingdan-lint: 已写入基线文件 ${o.shown}：共 ${o.recorded.entries} 条记录、${o.recorded.findings} 个问题\n`,
    );
  }
  if (o.pruned && o.pruned.entries > 0) {
    out.push(
      en
        ? `qingdan-lint: pruned ${o.pruned.findings} findings that no longer occur from ${o.shown}\n`
        : `qingdan-lint: 已从基线文件 ${o.shown} 删除 ${o.pruned.findings} 个不再出现的问题\n`,
    );
  }
  if (o.unused.entries > 0) out.push(unusedNotice(o, locale));
  return out;
}
