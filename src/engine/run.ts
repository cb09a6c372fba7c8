/**
 * The runner: loaded files → schema → dataset → rules → suppressions → located, worded,
 * sorted report. Data flows one way; nothing here reads files or parses YAML.
 */
import { locate } from '../load/locate.js';
import { pathKey } from '../load/tree.js';
import type { LoadedFile } from '../load/index.js';
import { validateChecklist } from '../schema/validate.js';
import { ENGINE_MESSAGES, interpolate } from '../report/i18n.js';
import type { Diagnostic, FileReport, JsonPath, Locale, RelatedLocation, Report, Severity, SourceRange } from '../types.js';
import { VERSION } from '../version.js';
import { buildDataset, type Checklist, type Dataset, type ItemRef, type SourceFile } from './dataset.js';
import type { ReportDescriptor, RuleContext, RuleDefinition } from './rule.js';
import { applySuppressions } from './suppress.js';
import type { EffectiveRules } from '../config/resolve.js';

export interface RunOptions {
  rules: Map<string, RuleDefinition>;
  /** Rule settings effective for a file (preset, config, overrides, command line). */
  rulesFor(file: string): EffectiveRules;
  locale: Locale;
  reference: 'root' | 'parent';
}

/** A diagnostic before wording: facts and location. */
export interface RawDiagnostic extends SourceRange {
  ruleId: string;
  severity: Severity;
  messageId: string;
  data: Record<string, unknown>;
  file: string;
  path: JsonPath;
  region: string;
  itemCode?: string;
  related?: Omit<RelatedLocation, 'message'>[];
  relatedMessage?: { id: string; data: Record<string, unknown> };
  diff?: Diagnostic['diff'];
  fix?: Diagnostic['fix'];
}

const REGION_GUESS = /^region:[^\n]*?(?:\n[ \t]+[^\n]*?)*?code:\s*["']?([0-9]{6,9})/m;
const REGION_FLOW_GUESS = /region:\s*\{[^}]*code:\s*["']?([0-9]{6,9})/;

/** The region an unparsable file most likely belongs to, so coverage rules can stay silent. */
function guessRegion(text: string): string {
  const m = REGION_GUESS.exec(text) ?? REGION_FLOW_GUESS.exec(text);
  return m ? m[1] : '';
}

function rangeOf(loaded: LoadedFile, path: JsonPath, atKey?: boolean): SourceRange & { path: JsonPath; start: number; end: number } {
  const nodes = loaded.nodes();
  const located = locate(nodes, loaded.lines, path);
  if (atKey && nodes) {
    const node = nodes.get(pathKey(path));
    if (node?.keyStart !== undefined) {
      const a = loaded.lines.position(node.keyStart);
      const b = loaded.lines.position(node.keyEnd!);
      return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, path, start: node.keyStart, end: node.keyEnd! };
    }
  }
  return located;
}

/** Turn load problems and schema findings into `SourceFile`s plus their diagnostics. */
export function prepareFiles(loadedFiles: LoadedFile[], raw: RawDiagnostic[], severityOf: (file: string, ruleId: string) => Severity | 'off'): SourceFile[] {
  const files: SourceFile[] = [];
  for (const loaded of loadedFiles) {
    const source: SourceFile = { file: loaded.file, loaded, regionCode: '', invalidItems: new Set() };
    files.push(source);
    if (loaded.value === undefined) {
      source.regionCode = guessRegion(loaded.text);
      const severity = severityOf(loaded.file, 'yaml-syntax');
      for (const p of loaded.problems) {
        let range: SourceRange;
        if (p.start !== undefined) {
          const a = loaded.lines.position(p.start);
          const b = loaded.lines.position(p.end ?? p.start);
          range = { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
        } else {
          range = { line: p.line ?? 1, column: 1, endLine: p.line ?? 1, endColumn: 1 };
        }
        if (severity !== 'off') raw.push({ ruleId: 'yaml-syntax', severity, messageId: p.messageId, data: p.data, file: loaded.file, path: [], region: source.regionCode, ...range });
      }
      continue;
    }
    const value = loaded.value as Record<string, unknown>;
    const regionValue = value && typeof value === 'object' && !Array.isArray(value) ? (value.region as Record<string, unknown> | undefined) : undefined;
    source.regionCode = typeof regionValue?.code === 'string' ? regionValue.code : typeof regionValue?.code === 'number' ? String(regionValue.code) : '';
    const findings = validateChecklist(value);
    let placeable = true;
    const severity = severityOf(loaded.file, 'schema');
    for (const f of findings) {
      if (f.path.length === 0 || f.path[0] === 'region' || (f.path[0] === 'items' && f.path.length === 1)) placeable = false;
      if (f.path[0] === 'items' && typeof f.path[1] === 'number') source.invalidItems.add(f.path[1]);
      if (severity === 'off') continue;
      const r = rangeOf(loaded, f.path, f.atKey);
      const itemCode = itemCodeAt(value, f.path);
      raw.push({ ruleId: 'schema', severity, messageId: f.messageId, data: f.data, file: loaded.file, path: f.path, region: source.regionCode, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn, ...(itemCode ? { itemCode } : {}) });
    }
    if (placeable) source.doc = value as unknown as Checklist;
  }
  return files;
}

function itemCodeAt(value: unknown, path: JsonPath): string | undefined {
  if (path[0] !== 'items' || typeof path[1] !== 'number') return undefined;
  const items = (value as { items?: unknown }).items;
  const item = Array.isArray(items) ? items[path[1]] : undefined;
  const code = item && typeof item === 'object' ? (item as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** Run every enabled rule's hooks over the dataset. */
export function runRules(dataset: Dataset, options: RunOptions, raw: RawDiagnostic[]): void {
  for (const rule of options.rules.values()) {
    const hooks = rule;
    if (!hooks.file && !hooks.item && !hooks.region && !hooks.compare && !hooks.dataset) continue;
    const contextFor = (subject: SourceFile | undefined): RuleContext | undefined => {
      const setting = subject ? options.rulesFor(subject.file).get(rule.id) : anySetting(options, dataset, rule.id);
      if (!setting || setting.severity === 'off') return undefined;
      return {
        options: setting.options,
        dataset,
        report: (d: ReportDescriptor) => {
          const file = d.file ?? subject;
          if (!file) return;
          const fileSetting = options.rulesFor(file.file).get(rule.id);
          if (!fileSetting || fileSetting.severity === 'off') return;
          raw.push(toRaw(rule.id, fileSetting.severity, d, file));
        },
      };
    };
    for (const file of dataset.files) {
      if (!file.doc) continue;
      if (hooks.file) {
        const ctx = contextFor(file);
        if (ctx) hooks.file(file, ctx);
      }
    }
    if (hooks.item || hooks.compare) {
      for (const region of dataset.regions.values()) {
        for (const ref of region.items) {
          const ctx = contextFor(ref.file);
          if (!ctx) continue;
          hooks.item?.(ref, ctx);
          if (hooks.compare) {
            const reference = dataset.referenceOf(ref);
            if (reference !== ref && region.byCode.get(ref.item.code) === ref) hooks.compare({ item: ref, reference }, ctx);
          }
        }
      }
    }
    if (hooks.region) {
      for (const region of dataset.regions.values()) {
        const ctx = contextFor(region.files[0]);
        if (ctx) hooks.region(region, ctx);
      }
    }
    if (hooks.dataset) {
      const ctx = contextFor(undefined);
      if (ctx) hooks.dataset(dataset, ctx);
    }
  }
}

function anySetting(options: RunOptions, dataset: Dataset, ruleId: string) {
  for (const f of dataset.files) {
    const s = options.rulesFor(f.file).get(ruleId);
    if (s && s.severity !== 'off') return s;
  }
  return undefined;
}

function toRaw(ruleId: string, severity: Severity, d: ReportDescriptor, file: SourceFile): RawDiagnostic {
  const r = rangeOf(file.loaded, d.path, d.atKey);
  const out: RawDiagnostic = {
    ruleId,
    severity,
    messageId: d.messageId,
    data: d.data ?? {},
    file: file.file,
    path: r.path.length === d.path.length ? d.path : r.path,
    region: file.regionCode,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
  };
  const itemCode = d.itemCode ?? itemCodeAt(file.doc, d.path);
  if (itemCode) out.itemCode = itemCode;
  if (d.related?.length) {
    out.related = d.related.map((rel) => {
      const rr = rangeOf(rel.file.loaded, rel.path, rel.atKey);
      return { file: rel.file.file, line: rr.line, column: rr.column, endLine: rr.endLine, endColumn: rr.endColumn, path: rr.path, region: rel.file.regionCode };
    });
    const relRegion = d.related[0].file.doc?.region;
    const id = ruleId === 'coverage/missing-lower' ? 'relatedRegion' : relRegion?.code === file.regionCode ? 'relatedSame' : 'related';
    out.relatedMessage = { id, data: { region: relRegion?.code ?? '', regionName: relRegion?.name ?? '' } };
  }
  if (d.diff) out.diff = d.diff;
  if (d.fix) out.fix = d.fix;
  return out;
}

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
  const files: FileReport[] = [];
  const summary = { files: 0, regions: counts.regions, items: counts.items, errors: 0, warnings: 0, infos: 0 };
  for (const file of [...byFile.keys()].sort(compareCodeUnits)) {
    const diagnostics = byFile.get(file)!.sort(compareDiagnostics);
    const fr: FileReport = { file, region: regionOf(file), errors: 0, warnings: 0, infos: 0, diagnostics };
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
  return { version: 1, tool: { name: 'qingdan-lint', version: VERSION }, summary, files };
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

export interface RunResult {
  raw: RawDiagnostic[];
  dataset: Dataset;
}

/** The whole pipeline over already-loaded files. */
export function runPipeline(loadedFiles: LoadedFile[], options: RunOptions): Report {
  const raw: RawDiagnostic[] = [];
  const severityOf = (file: string, ruleId: string) => options.rulesFor(file).get(ruleId)?.severity ?? 'error';
  const files = prepareFiles(loadedFiles, raw, severityOf);
  const dataset = buildDataset(files, options.reference);
  runRules(dataset, options, raw);
  const kept = applySuppressions(files, raw, options);
  let items = 0;
  for (const f of files) if (f.doc && Array.isArray(f.doc.items)) items += f.doc.items.length;
  const regionOf = new Map(files.map((f) => [f.file, f.regionCode]));
  return buildReport(files.map((f) => f.file), kept, options.rules, options.locale, { regions: dataset.regions.size, items }, (f) => regionOf.get(f) ?? '');
}

export type { ItemRef };
