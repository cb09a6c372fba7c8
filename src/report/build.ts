/**
 * The last step of a run: word each raw diagnostic in the locale, sort files and diagnostics
 * (output.md: files by path in code-unit order; diagnostics by line, column, rule id, message id),
 * count, and give every diagnostic the same key order, so the JSON is byte-identical run to run.
 */
import type { RawDiagnostic } from '../engine/located.js';
import type { RuleDefinition } from '../rule-api/index.js';
import type { Diagnostic, FileReport, Locale, Report, ReportSummary } from '../types.js';
import { VERSION } from '../version.js';
import { ENGINE_MESSAGES, interpolate } from './i18n.js';
import { compareCodeUnits } from '../util/order.js';

/** Word, sort and count: the final report. */
export function buildReport(fileNames: string[], raw: RawDiagnostic[], rules: Map<string, RuleDefinition>, locale: Locale, counts: { regions: number; items: number }, regionOf: (file: string) => string): Report {
  const byFile = new Map<string, Diagnostic[]>();
  for (const f of fileNames) byFile.set(f, []);
  for (const r of raw) {
    const { relatedRegion, related, ...rest } = r;
    const rule = rules.get(r.ruleId);
    let data = r.data;
    // The related region's name is a fact the wording needs (its code is in `related[].region`).
    if (related?.length && relatedRegion && !ownsRelated(rule) && related[0].region !== r.region) data = { ...data, relatedRegionName: relatedRegion.name };
    const diagnostic = { ...rest, data, message: '' } as Diagnostic;
    if (related?.length) diagnostic.related = related.map((rel) => ({ ...rel, message: '' }));
    let list = byFile.get(r.file);
    if (!list) byFile.set(r.file, (list = []));
    list.push(orderKeys(word(diagnostic, rule, locale)));
  }
  const files = [...byFile.keys()].sort(compareCodeUnits).map((file) => tally(file, regionOf(file), byFile.get(file)!.sort(compareDiagnostics)));
  return { version: 1, tool: { name: 'qingdan-lint', version: VERSION }, summary: summarize(files, counts), files };
}

/** A rule that words its related locations itself: it has a message `related` (worded with the diagnostic's data). */
function ownsRelated(rule: RuleDefinition | undefined): boolean {
  return rule?.messages['zh-CN']?.related !== undefined;
}

/**
 * Word one diagnostic in `locale` from its facts: the message from the rule's template for
 * `messageId`, each related location's message from the rule's own `related` template or the
 * engine's (`relatedSame` in the diagnostic's region, `related` elsewhere). A diagnostic of a rule
 * that is not known keeps its words.
 */
export function word(d: Diagnostic, rule: RuleDefinition | undefined, locale: Locale): Diagnostic {
  const template = rule?.messages[locale]?.[d.messageId] ?? rule?.messages['zh-CN']?.[d.messageId];
  const out: Diagnostic = { ...d, message: template !== undefined ? interpolate(template, d.data, locale) : d.message || d.messageId };
  if (d.related?.length) {
    const own = rule?.messages[locale]?.related ?? rule?.messages['zh-CN']?.related;
    out.related = d.related.map((rel) => {
      if (!rule && rel.message) return rel;
      if (own !== undefined) return { ...rel, message: interpolate(own, d.data, locale) };
      if (rel.region === d.region) return { ...rel, message: ENGINE_MESSAGES[locale].relatedSame };
      return { ...rel, message: interpolate(ENGINE_MESSAGES[locale].related, { ...d.data, relatedRegion: rel.region }, locale) };
    });
  }
  return out;
}

/** The report worded again in `locale` (diagnostics of rules not in `rules` keep their words). */
export function reword(report: Report, rules: Iterable<RuleDefinition>, locale: Locale): Report {
  const byId = new Map<string, RuleDefinition>();
  for (const r of rules) byId.set(r.id, r);
  return { ...report, files: report.files.map((f) => ({ ...f, diagnostics: f.diagnostics.map((d) => orderKeys(word(d, byId.get(d.ruleId), locale))) })) };
}

/** A file's entry in the report, its counts taken from its diagnostics. */
export function tally(file: string, region: string, diagnostics: Diagnostic[]): FileReport {
  const fr: FileReport = { file, region, errors: 0, warnings: 0, infos: 0, diagnostics };
  for (const d of diagnostics) {
    if (d.severity === 'error') fr.errors++;
    else if (d.severity === 'warning') fr.warnings++;
    else fr.infos++;
  }
  return fr;
}

/** The report summary of `files` (regions and items are facts of the whole run). */
export function summarize(files: FileReport[], counts: { regions: number; items: number }): ReportSummary {
  const summary: ReportSummary = { files: files.length, regions: counts.regions, items: counts.items, errors: 0, warnings: 0, infos: 0 };
  for (const f of files) {
    summary.errors += f.errors;
    summary.warnings += f.warnings;
    summary.infos += f.infos;
  }
  return summary;
}

export { compareCodeUnits };

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    compareCodeUnits(a.ruleId, b.ruleId) ||
    compareCodeUnits(a.messageId, b.messageId) ||
    compareCodeUnits(relatedKey(a), relatedKey(b)) ||
    compareCodeUnits(a.message, b.message) ||
    compareCodeUnits(JSON.stringify(a.data), JSON.stringify(b.data))
  );
}

function relatedKey(d: Diagnostic): string {
  const r = d.related?.[0];
  return r ? `${r.file}\u0000${String(r.line).padStart(9, '0')}\u0000${String(r.column).padStart(9, '0')}` : '';
}

/** A fixed key order, so JSON output is byte-identical whatever built the object. */
function orderKeys(d: Diagnostic): Diagnostic {
  const out: Record<string, unknown> = {
    ruleId: d.ruleId,
    severity: d.severity,
    messageId: d.messageId,
    data: d.data,
    message: d.message,
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    path: d.path,
    region: d.region,
  };
  if (d.itemCode !== undefined) out.itemCode = d.itemCode;
  if (d.related) out.related = d.related;
  if (d.diff) out.diff = d.diff;
  if (d.fix) out.fix = d.fix;
  return out as unknown as Diagnostic;
}

