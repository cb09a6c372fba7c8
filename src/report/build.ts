/**
 * The last step of a run: word each raw diagnostic in the locale, sort files and diagnostics
 * (output.md: files by path in code-unit order; diagnostics by line, column, rule id, message id),
 * count, and give every diagnostic the same key order, so the JSON is byte-identical run to run.
 */
import type { RawDiagnostic } from '../engine/located.js';
import type { RuleDefinition } from '../engine/rule.js';
import type { Diagnostic, FileReport, Locale, Report, ReportSummary } from '../types.js';
import { VERSION } from '../version.js';
import { ENGINE_MESSAGES, interpolate } from './i18n.js';

/** Word, sort and count: the final report. */
export function buildReport(fileNames: string[], raw: RawDiagnostic[], rules: Map<string, RuleDefinition>, locale: Locale, counts: { regions: number; items: number }, regionOf: (file: string) => string): Report {
  const byFile = new Map<string, Diagnostic[]>();
  for (const f of fileNames) byFile.set(f, []);
  for (const r of raw) {
    const { relatedMessage, related, ...rest } = r;
    const rule = rules.get(r.ruleId);
    const template = rule?.messages[locale]?.[r.messageId] ?? rule?.messages['zh-CN']?.[r.messageId] ?? r.messageId;
    const message = interpolate(template, { ...r.data, detail: locale === 'en' ? r.data.detailEn ?? r.data.detail : r.data.detailZh ?? r.data.detail }, locale);
    const diagnostic: Diagnostic = { ...rest, message };
    if (related && relatedMessage) {
      const text = interpolate(ENGINE_MESSAGES[locale][relatedMessage.id], relatedMessage.data, locale);
      diagnostic.related = related.map((rel) => ({ ...rel, message: text }));
    }
    let list = byFile.get(r.file);
    if (!list) byFile.set(r.file, (list = []));
    list.push(orderKeys(diagnostic));
  }
  const files = [...byFile.keys()].sort(compareCodeUnits).map((file) => tally(file, regionOf(file), byFile.get(file)!.sort(compareDiagnostics)));
  return { version: 1, tool: { name: 'qingdan-lint', version: VERSION }, summary: summarize(files, counts), files };
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

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

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

