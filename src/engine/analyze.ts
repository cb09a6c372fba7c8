/**
 * The per-file stage: one loaded file → a compact, serializable {@link FileRecord}: its located
 * single-file diagnostics (`yaml-syntax`, `schema`, and every rule's `file`/`item` hooks), its
 * suppression comments, and per-item summaries and fingerprints for the cross-level stage.
 * Runs in the main thread or in a worker; depends only on the file and the settings for it.
 */
import type { LoadedFile } from '../load/index.js';
import { validateChecklist } from '../schema/validate.js';
import { RECORD_LIST_FIELDS, SourceFile, type Checklist, type FileHeader, type FileItems, type ItemSummary, itemRef, type RegionData } from './dataset.js';
import { fingerprints, type Facet } from './fingerprint.js';
import type { RuleContext, RuleDefinition } from '../rule-api/index.js';
import { batchRanges, sourceOf, toRaw, type Pending, type RawDiagnostic, type RulesFor } from './located.js';
import { parseDirectives, type Directive } from './suppress.js';
import { spanCount } from '../load/item-bytes.js';
import { callRule } from '../config/errors.js';
import { CORE_RULES } from './core-rules.js';
import { FILE_LISTS, ITEM_LIST_FIELDS, type FileList, type ItemListField } from '../rule-api/checklist.js';

export interface FileRecord extends FileItems {
  file: string;
  /** Content hash of the bytes read ('' for a file that could not be read). */
  hash: string;
  regionCode: string;
  header?: FileHeader;
  parseFailed: boolean;
  invalidItems: number[];
  /** Items in the document, valid or not (for the report summary). */
  itemCount: number;
  diagnostics: RawDiagnostic[];
  directives: Directive[];
  /** The top-level lists of lists.md the file carries (possibly empty). */
  lists: FileList[];
}

/** The lists.md fields an item gives: a non-empty list, or any other value. */
function listFieldsOf(item: Record<string, unknown>): ItemListField[] {
  return ITEM_LIST_FIELDS.filter((k) => {
    const v = item[k];
    return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null;
  });
}

/** The lists.md fields an item has a value for (even `[]`), so cross-level rules read them without the file. */
function listValuesOf(item: Record<string, unknown>): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const k of RECORD_LIST_FIELDS) if (item[k] !== undefined) (out ??= {})[k] = item[k];
  return out;
}

const REGION_GUESS = /^region:[^\n]*?(?:\n[ \t]+[^\n]*?)*?code:\s*["']?([0-9]{6,9})/m;
const REGION_FLOW_GUESS = /region:\s*\{[^}]*code:\s*["']?([0-9]{6,9})/;

/** The region an unparsable file most likely belongs to, so coverage rules can stay silent. */
export function guessRegion(text: string): string {
  const m = REGION_GUESS.exec(text) ?? REGION_FLOW_GUESS.exec(text);
  return m ? m[1] : '';
}

export interface AnalyzeOptions {
  rules: Map<string, RuleDefinition>;
  rulesFor: RulesFor;
  /** Facets that also need raw-text fingerprints (their rule is `strict` somewhere). */
  strictFacets?: ReadonlySet<Facet>;
  /** The run's directory (rule options' relative paths); default: the process's. */
  cwd?: string;
}

/** Analyze one file. Never throws on bad input. */
export function analyzeFile(loaded: LoadedFile, options: AnalyzeOptions): FileRecord {
  const settings = options.rulesFor(loaded.file);
  const severityOf = (ruleId: string) => settings.get(ruleId)?.severity ?? 'error';
  const diagnostics: RawDiagnostic[] = [];
  const record: FileRecord = {
    file: loaded.file,
    hash: '',
    regionCode: '',
    parseFailed: false,
    invalidItems: [],
    items: [],
    presentCodes: [],
    itemCount: 0,
    diagnostics,
    directives: [],
    lists: [],
  };

  if (loaded.value === undefined) {
    record.parseFailed = true;
    record.regionCode = guessRegion(loaded.text);
    const severity = severityOf(CORE_RULES.syntax);
    if (severity !== 'off') {
      for (const p of loaded.problems) {
        const a = p.start !== undefined ? loaded.lines.position(p.start) : { line: p.line ?? 1, column: 1 };
        const b = p.start !== undefined ? loaded.lines.position(p.end ?? p.start) : a;
        diagnostics.push({ ruleId: CORE_RULES.syntax, severity, messageId: p.messageId, data: p.data, file: loaded.file, path: [], region: record.regionCode, line: a.line, column: a.column, endLine: b.line, endColumn: b.column });
      }
    }
    return record;
  }

  const value = loaded.value as Record<string, unknown>;
  const isMapping = value !== null && typeof value === 'object' && !Array.isArray(value);
  const regionValue = isMapping && value.region && typeof value.region === 'object' ? (value.region as Record<string, unknown>) : undefined;
  const code = regionValue?.code;
  record.regionCode = typeof code === 'string' ? code : typeof code === 'number' ? String(code) : '';
  const items = isMapping && Array.isArray(value.items) ? (value.items as unknown[]) : [];
  record.itemCount = items.length;

  // Schema: one finding per violation; an item with a finding is skipped by every other rule.
  const invalid = new Set<number>();
  let placeable = isMapping;
  const schemaSeverity = severityOf(CORE_RULES.schema);
  const codes = new Map<number, string>();
  items.forEach((it, i) => {
    const c = it && typeof it === 'object' ? (it as { code?: unknown }).code : undefined;
    if (typeof c === 'string') codes.set(i, c);
  });
  // Findings wait for their ranges, looked up in one pass over this file at the end.
  const pending: Pending[] = [];
  const findings = validateChecklist(value);
  for (const f of findings) {
    if (f.path.length === 0 || f.path[0] === 'region' || (f.path[0] === 'items' && f.path.length === 1)) placeable = false;
    if (f.path[0] === 'items' && typeof f.path[1] === 'number') invalid.add(f.path[1]);
  }
  record.invalidItems = [...invalid].sort((a, b) => a - b);
  for (const it of items) {
    const c = it && typeof it === 'object' ? (it as { code?: unknown }).code : undefined;
    if (typeof c === 'string' || typeof c === 'number') record.presentCodes.push(String(c));
  }

  if (placeable) {
    const doc = value as unknown as Checklist;
    const { region, department, system } = doc;
    record.header = { region: { code: region.code, name: region.name, level: region.level, ...(region.parent !== undefined ? { parent: region.parent } : {}) } };
    if (department) record.header.department = { ...department };
    if (system !== undefined) record.header.system = system;
  }
  if (isMapping) record.lists = FILE_LISTS.filter((k) => Array.isArray(value[k]));
  const source = new SourceFile(loaded.file, record.regionCode, record.header, invalid, false, () => loaded, loaded, '', codes, record.lists);
  if (schemaSeverity !== 'off') for (const f of findings) pending.push({ ruleId: CORE_RULES.schema, severity: schemaSeverity, descriptor: { messageId: f.messageId, data: f.data, path: f.path, atKey: f.atKey, sourceAs: f.sourceAs }, file: source });
  if (placeable) {
    const doc = value as unknown as Checklist;
    const { region } = doc;
    const region0 = { code: region.code, name: region.name, level: region.level } as RegionData;
    for (let i = 0; i < doc.items.length; i++) {
      if (invalid.has(i)) continue;
      const item = doc.items[i];
      const fields = listFieldsOf(item as unknown as Record<string, unknown>);
      const summary: ItemSummary = { code: item.code, name: item.name, type: item.type, ...(item.levels ? { levels: item.levels } : {}), ...(fields.length ? { fields } : {}) };
      const entry: FileRecord['items'][number] = { index: i, summary, fp: fingerprints(item, options.strictFacets) };
      const lists = listValuesOf(item as unknown as Record<string, unknown>);
      if (lists) entry.lists = lists;
      record.items.push(entry);
    }
    // Where the items are, so the cross-level stage can read back just the ones it needs.
    if (loaded.itemSpans && spanCount(loaded.itemSpans) === items.length) record.itemSpans = loaded.itemSpans;
    runFileHooks(source, record, region0, options, pending);
  }
  record.directives = parseDirectives(loaded);
  const range = batchRanges(pending);
  for (const p of pending) {
    diagnostics.push(toRaw(p.ruleId, p.severity, p.descriptor, p.descriptor.file ? sourceOf(p.descriptor.file) : p.file, range));
  }
  return record;
}

function runFileHooks(source: SourceFile, record: FileRecord, region: RegionData, options: AnalyzeOptions, out: Pending[]): void {
  const settings = options.rulesFor(source.file);
  for (const rule of options.rules.values()) {
    if (!rule.file && !rule.item) continue;
    const setting = settings.get(rule.id);
    if (!setting || setting.severity === 'off') continue;
    const context: RuleContext = {
      options: setting.options,
      cwd: options.cwd ?? process.cwd(),
      report: (d) => {
        const file = d.file ? sourceOf(d.file) : source;
        const s = options.rulesFor(file.file).get(rule.id);
        if (s && s.severity !== 'off') out.push({ ruleId: rule.id, severity: d.severity ?? s.severity, descriptor: d, file });
      },
    };
    if (rule.file) callRule(rule.id, source.file, () => rule.file!(source, context));
    if (rule.item) for (const it of record.items) callRule(rule.id, source.file, () => rule.item!(itemRef(source, it.index, it.summary, region, it.fp), context));
  }
}
