/**
 * Sheets to items (reports.md, "Excel in"): header rows, sheet kinds, continuation rows, joins
 * of material, step and responsibility sheets, and the values of each cell.
 */
import type { Locale } from '../types.js';
import { type Field, HeaderMatcher, normalizeText } from './fields.js';
import { importMessage, notUnderstoodComment, type ImportMessageId } from './messages.js';
import { cellName, columnLetter, type CellValue, type SheetData, type Workbook } from './read.js';
import {
  FORMS,
  MEDIA,
  NotUnderstood,
  POWER_SOURCES,
  REVIEW_MODES,
  headerUnit,
  isAbsent,
  parseCount,
  parseDays,
  parseDuration,
  parseDuty,
  parseEnum,
  parseLevels,
  parseNecessity,
  parseType,
  parseUnit,
  splitList,
  splitSteps,
  type Unit,
} from './values.js';

export interface ImportProblem {
  file: string;
  sheet?: string;
  cell?: string;
  severity: 'error' | 'warning';
  messageId: ImportMessageId;
  message: string;
}

export interface UnmappedColumn {
  file: string;
  sheet: string;
  column: string;
  header: string;
}

/** An imported item with where it came from and the file it goes to. */
export interface DraftItem {
  /** `清单.xlsx 事项!A12` */
  source: string;
  workbook: string;
  regionCode: string;
  regionName?: string;
  department?: string;
  creditCode?: string;
  system?: string;
  /** Cells naming the file-level values, for warnings when they differ. */
  fileCells: Partial<Record<'regionName' | 'creditCode' | 'system', { sheet: string; cell: string; header: string }>>;
  item: Record<string, unknown>;
  comments: string[];
}

interface Column {
  index: number;
  header: string;
  field?: Field;
  unit?: Unit;
}

type SheetKind = 'item' | 'material' | 'step' | 'responsibility';

interface Layout {
  kind: SheetKind;
  dataStart: number;
  columns: Column[];
  byField: Map<Field, Column>;
}

/** Fields whose cells are lists: a continuation row appends them. */
const LIST_FIELDS = new Set<Field>([
  'basis',
  'materials.name',
  'materials.form',
  'materials.medium',
  'materials.copies',
  'materials.necessity',
  'materials.source',
  'steps.name',
  'steps.days',
  'steps.role',
  'reviewRules',
  'decisionRefs',
  'prerequisites',
  'intermediaries',
  'fees.name',
  'fees.standard',
  'fees.basis',
  'responsibility.duties',
  'responsibility.accountability',
  'responsibility.basis',
  'responsibility.measures',
]);
const CODE_FIELDS = new Set<Field>(['code', 'implementationCode', 'department.creditCode', 'region.code']);
const KEY_FIELDS: Field[] = ['seq', 'code', 'name'];

export interface ConvertContext {
  locale: Locale;
  matcher: HeaderMatcher;
  region?: string;
  problems: ImportProblem[];
  unmapped: UnmappedColumn[];
  /** Fields some column provided. */
  provided: Set<Field>;
  items: DraftItem[];
  /** Rows that could not be imported. */
  failedRows: number;
}

function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

/** Find the header row and the layout of a sheet, or undefined (with a warning when the sheet has data). */
function layoutOf(sheet: SheetData, wb: Workbook, ctx: ConvertContext): Layout | undefined {
  const rows = sheet.rows;
  let best = -1;
  let bestCount = 1;
  for (let r = 0; r < Math.min(30, rows.length); r++) {
    let count = 0;
    for (const v of rows[r]) if (typeof v === 'string' && ctx.matcher.match(normalizeText(v))) count++;
    if (count > bestCount) {
      best = r;
      bestCount = count;
    }
  }
  if (best < 0) {
    if (rows.some((row) => row.some((v) => v !== null))) problem(ctx, wb.file, sheet.name, undefined, 'warning', 'noHeader', {});
    return undefined;
  }
  // A two-row header: a group header merged across columns above its children.
  const horizontal = (r: number) => sheet.merges.filter((m) => m.r1 === r && m.r2 === r && m.c2 > m.c1);
  // A title row merged across the table is no group header: the group row must also hold a
  // header cell outside its horizontal merges (序号, 事项名称 merged down over both rows).
  const hasBelow = (r: number) => {
    const groups = horizontal(r).filter((m) => rows[r + 1]?.slice(m.c1, m.c2 + 1).some((v) => v !== null));
    if (groups.length === 0) return false;
    return (rows[r] ?? []).some((v, c) => typeof v === 'string' && !groups.some((m) => m.c1 <= c && m.c2 >= c) && ctx.matcher.match(normalizeText(v)) !== undefined);
  };
  let top = best;
  let bottom = best;
  if (best + 1 < rows.length && hasBelow(best)) bottom = best + 1;
  else if (best > 0 && hasBelow(best - 1)) top = best - 1;

  const width = Math.max(rows[top]?.length ?? 0, rows[bottom]?.length ?? 0);
  const columns: Column[] = [];
  const byField = new Map<Field, Column>();
  for (let c = 0; c < width; c++) {
    let header: string;
    if (top === bottom) header = cellText(rows[top][c] ?? null);
    else {
      const m = sheet.merges.find((g) => g.r1 <= top && g.r2 >= top && g.c1 <= c && g.c2 >= c);
      const upper = cellText(m ? (rows[m.r1]?.[m.c1] ?? null) : (rows[top][c] ?? null));
      const lower = m && m.r2 >= bottom ? '' : cellText(rows[bottom]?.[c] ?? null);
      header = upper && lower ? `${upper}/${lower}` : upper || lower;
    }
    const normalized = normalizeText(header);
    if (!normalized) continue;
    const field = ctx.matcher.match(normalized);
    const column: Column = { index: c, header: header.replace(/\s+/g, ''), field, unit: headerUnit(normalized) };
    if (field === 'ignore') continue;
    if (!field || byField.has(field)) {
      ctx.unmapped.push({ file: wb.file, sheet: sheet.name, column: columnLetter(c), header: column.header });
      continue;
    }
    byField.set(field, column);
    columns.push(column);
  }
  const has = (f: Field) => byField.has(f);
  const pair = has('name') && has('type');
  const key = has('code') || has('implementationCode') || has('name');
  let kind: SheetKind | undefined;
  if (!pair && key && has('materials.name')) kind = 'material';
  else if (!pair && key && has('steps.name')) kind = 'step';
  else if (!pair && key && (has('responsibility.duties') || has('responsibility.accountability'))) kind = 'responsibility';
  else if (has('name') && (has('code') || has('type'))) kind = 'item';
  if (!kind) {
    problem(ctx, wb.file, sheet.name, undefined, 'warning', 'sheetKindUnknown', {});
    return undefined;
  }
  for (const f of byField.keys()) {
    if (kind !== 'item' && (f === 'name' || f === 'code' || f === 'implementationCode')) continue; // keys of a detail sheet
    ctx.provided.add(f);
  }
  return { kind, dataStart: bottom + 1, columns, byField };
}

function problem(ctx: ConvertContext, file: string, sheet: string | undefined, cell: string | undefined, severity: 'error' | 'warning', id: ImportMessageId, data: Record<string, string>) {
  ctx.problems.push({ file, ...(sheet !== undefined ? { sheet } : {}), ...(cell !== undefined ? { cell } : {}), severity, messageId: id, message: importMessage(id, data, ctx.locale) });
}

/** Convert the item sheets of a workbook (pass 1) and return the detail sheets for pass 2. */
export function convertItemSheets(wb: Workbook, ctx: ConvertContext): { sheet: SheetData; layout: Layout }[] {
  const details: { sheet: SheetData; layout: Layout }[] = [];
  for (const sheet of wb.sheets) {
    const layout = layoutOf(sheet, wb, ctx);
    if (!layout) continue;
    if (layout.kind === 'item') convertItemSheet(wb, sheet, layout, ctx);
    else details.push({ sheet, layout });
  }
  return details;
}

class RowError extends Error {
  constructor(
    readonly id: ImportMessageId,
    readonly cell: string,
    readonly data: Record<string, string>,
  ) {
    super(id);
  }
}

/** Reads one row's cells for a layout, collecting warnings and comments. */
class RowReader {
  readonly comments: string[] = [];
  readonly warnings: { cell: string; id: ImportMessageId; data: Record<string, string> }[] = [];
  constructor(
    private readonly row: CellValue[],
    private readonly r: number,
    private readonly layout: Layout,
    private readonly sheet: string,
    private readonly locale: Locale,
  ) {}

  column(f: Field): Column | undefined {
    return this.layout.byField.get(f);
  }
  raw(f: Field): CellValue {
    const c = this.column(f);
    return c ? (this.row[c.index] ?? null) : null;
  }
  cell(f: Field): string {
    return cellName(this.r, this.column(f)!.index);
  }
  text(f: Field): string | undefined {
    const v = this.raw(f);
    if (v === null) return undefined;
    if (CODE_FIELDS.has(f) && typeof v === 'number') throw new RowError('codeIsNumber', this.cell(f), { header: this.column(f)!.header, value: String(v) });
    const t = cellText(v).trim();
    return t && !isAbsent(t) ? t : undefined;
  }
  /** Parse a cell; a value not understood becomes a comment and a warning, and reads as absent. */
  parse<T>(f: Field, parse: (v: string | number | boolean) => T | undefined): T | undefined {
    const v = this.raw(f);
    if (v === null) return undefined;
    try {
      return parse(typeof v === 'string' ? v.trim() : v);
    } catch (error) {
      if (!(error instanceof NotUnderstood)) throw error;
      this.notUnderstood(f, cellText(v));
      return undefined;
    }
  }
  notUnderstood(f: Field, value: string) {
    const col = this.column(f)!;
    const cell = `${this.sheet}!${this.cell(f)}`;
    this.comments.push(notUnderstoodComment(col.header, value, cell, this.locale));
    this.warnings.push({ cell: this.cell(f), id: 'notUnderstood', data: { header: col.header, value: value.replace(/\s+/g, ' ') } });
  }
  list(f: Field): string[] | undefined {
    const t = this.text(f);
    return t === undefined ? undefined : splitList(t);
  }
  duration(f: 'statutory' | 'promised') {
    const v = this.raw(f);
    if (v === null) return undefined;
    const unitColumn = this.text(`${f}.unit`);
    let unit: Unit | undefined = this.column(f)!.unit;
    if (unitColumn !== undefined) {
      const u = parseUnit(unitColumn);
      if (!u) this.notUnderstood(`${f}.unit`, unitColumn);
      else {
        unit = u.unit;
        if (u.assumed) this.warnings.push({ cell: this.cell(`${f}.unit`), id: 'naturalDays', data: { header: this.column(`${f}.unit`)!.header, value: unitColumn } });
      }
    }
    const raw = typeof v === 'boolean' ? cellText(v) : typeof v === 'string' ? v.trim() : v;
    try {
      const d = parseDuration(raw, unit);
      if (d?.assumed) this.warnings.push({ cell: this.cell(f), id: 'naturalDays', data: { header: this.column(f)!.header, value: String(raw) } });
      return d?.duration;
    } catch (error) {
      if (!(error instanceof NotUnderstood)) throw error;
      this.notUnderstood(f, String(raw));
      return undefined;
    }
  }
  /** Values of a sub-column zipped to `count` elements: one per element, or one for all. */
  zip<T>(f: Field, count: number, parse: (v: string | number | boolean) => T | undefined): (T | undefined)[] {
    const v = this.raw(f);
    const none = new Array<T | undefined>(count).fill(undefined);
    if (v === null || count === 0) return none;
    const parts = typeof v === 'string' ? splitList(v) : [v];
    if (parts.length === 0) return none;
    const values: (T | undefined)[] = [];
    try {
      for (const p of parts) values.push(parse(p));
    } catch (error) {
      if (!(error instanceof NotUnderstood)) throw error;
      this.notUnderstood(f, cellText(v));
      return none;
    }
    if (values.length === count) return values;
    if (values.length === 1) return none.map(() => values[0]);
    this.notUnderstood(f, cellText(v));
    return none;
  }
}

function has(layout: Layout, f: Field) {
  return layout.byField.has(f);
}

/** The list contributions of a row: materials, steps, the list fields; appended to an item. */
function listParts(rd: RowReader, layout: Layout): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const basis = has(layout, 'basis') ? rd.list('basis') : undefined;
  if (basis?.length) out.basis = basis;
  if (has(layout, 'materials.name')) {
    const names = rd.list('materials.name') ?? [];
    const n = names.length;
    const form = has(layout, 'materials.form') ? rd.zip('materials.form', n, (v) => parseEnum(v, FORMS)) : [];
    const medium = has(layout, 'materials.medium') ? rd.zip('materials.medium', n, (v) => parseEnum(v, MEDIA)) : [];
    const copies = has(layout, 'materials.copies') ? rd.zip('materials.copies', n, parseCount) : [];
    const necessity = has(layout, 'materials.necessity') ? rd.zip('materials.necessity', n, parseNecessity) : [];
    const source = has(layout, 'materials.source') ? rd.zip('materials.source', n, (v) => (isAbsent(String(v)) ? undefined : String(v))) : [];
    if (n) out.materials = names.map((name, i) => compact({ name, form: form[i], medium: medium[i], copies: copies[i], necessity: necessity[i], source: source[i] }));
  }
  if (has(layout, 'steps.name')) {
    const t = rd.text('steps.name');
    const steps = t === undefined ? [] : splitSteps(t);
    const n = steps.length;
    const days = has(layout, 'steps.days') ? rd.zip('steps.days', n, parseDays) : [];
    const role = has(layout, 'steps.role') ? rd.zip('steps.role', n, (v) => (isAbsent(String(v)) ? undefined : String(v))) : [];
    if (n) out.steps = steps.map((s, i) => compact({ name: s.name, days: days[i], role: s.role ?? role[i] }));
  }
  for (const f of ['reviewRules', 'decisionRefs'] as const) {
    const l = has(layout, f) ? rd.list(f) : undefined;
    if (l?.length) out[f] = l;
  }
  for (const f of ['prerequisites', 'intermediaries'] as const) {
    const l = has(layout, f) ? rd.list(f) : undefined;
    if (l?.length) out[f] = l.map((name) => ({ name }));
  }
  if (has(layout, 'fees.name')) {
    const raw = rd.raw('fees.name');
    const t = raw === null ? '' : normalizeText(cellText(raw));
    if (['不收费', '免费', '无', '否', '无收费'].includes(t)) out.fees = [];
    else if (t) {
      const names = rd.list('fees.name') ?? [];
      const standard = has(layout, 'fees.standard') ? rd.zip('fees.standard', names.length, (v) => String(v)) : [];
      let basis: (string[] | undefined)[] = [];
      const b = has(layout, 'fees.basis') ? rd.list('fees.basis') : undefined;
      if (b?.length) {
        if (names.length === 1) basis = [b];
        else if (b.length === names.length) basis = b.map((x) => [x]);
        else rd.notUnderstood('fees.basis', rd.text('fees.basis') ?? '');
      }
      out.fees = names.map((name, i) => compact({ name, standard: standard[i], basis: basis[i] }));
    }
  }
  const resp: Record<string, unknown> = {};
  if (has(layout, 'responsibility.duties')) {
    const lines = rd.list('responsibility.duties') ?? [];
    const duties: { stage: string; text: string }[] = [];
    for (const line of lines) {
      try {
        duties.push(parseDuty(line));
      } catch (error) {
        if (!(error instanceof NotUnderstood)) throw error;
        rd.notUnderstood('responsibility.duties', line);
      }
    }
    if (duties.length) resp.duties = duties;
  }
  for (const [f, k] of [
    ['responsibility.accountability', 'accountability'],
    ['responsibility.basis', 'basis'],
    ['responsibility.measures', 'measures'],
  ] as const) {
    const l = has(layout, f) ? rd.list(f) : undefined;
    if (l?.length) resp[k] = l;
  }
  if (Object.keys(resp).length) out.responsibility = resp;
  return out;
}

function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** Append a row's list contributions to an item. */
function append(item: Record<string, unknown>, parts: Record<string, unknown>) {
  for (const [k, v] of Object.entries(parts)) {
    if (k === 'responsibility') {
      const target = (item.responsibility ??= {}) as Record<string, unknown>;
      for (const [rk, rv] of Object.entries(v as Record<string, unknown>)) target[rk] = [...((target[rk] as unknown[]) ?? []), ...(rv as unknown[])];
    } else item[k] = [...((item[k] as unknown[]) ?? []), ...(v as unknown[])];
  }
}

/** The non-list cells of a row, as text, for the continuation-row comparison (compared normalized). */
function scalarTexts(row: CellValue[], layout: Layout): Map<Field, string> {
  const m = new Map<Field, string>();
  for (const c of layout.columns) {
    if (!c.field || LIST_FIELDS.has(c.field) || KEY_FIELDS.includes(c.field)) continue;
    const v = row[c.index] ?? null;
    if (v !== null) m.set(c.field, cellText(v));
  }
  return m;
}

/**
 * A section heading inside the data: the row's only value is the top-left cell of a range merged
 * across at least three columns (no item row merges its cells sideways).
 */
function isSectionRow(row: CellValue[], r: number, sheet: SheetData): boolean {
  let only = -1;
  for (let c = 0; c < row.length; c++) {
    if (row[c] === null) continue;
    if (only >= 0) return false;
    only = c;
  }
  if (only < 0) return false;
  return sheet.merges.some((m) => m.r1 === r && m.c1 === only && m.c2 - m.c1 >= 2);
}

function isBlank(row: CellValue[] | undefined): boolean {
  return !row || row.every((v) => v === null);
}

function convertItemSheet(wb: Workbook, sheet: SheetData, layout: Layout, ctx: ConvertContext) {
  const firstColumn = Math.min(...layout.columns.map((c) => c.index));
  let current: { draft?: DraftItem; scalars: Map<Field, string> } | undefined;
  for (let r = layout.dataStart; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (isBlank(row)) continue;
    const rd = new RowReader(row, r, layout, sheet.name, ctx.locale);
    if (isSectionRow(row, r, sheet)) {
      // "一、行政许可（共 12 项）" merged across the table: a heading between items, not an item.
      current = undefined;
      continue;
    }
    const keyEmpty = KEY_FIELDS.every((f) => rd.raw(f) === null);
    try {
      if (keyEmpty && current) {
        // A continuation row: list cells appended, other cells ignored (warned when they differ).
        if (current.draft) {
          const parts = listParts(rd, layout);
          append(current.draft.item, parts);
          current.draft.comments.push(...rd.comments);
          for (const [f, text] of scalarTexts(row, layout)) {
            const first = current.scalars.get(f);
            if (first !== text && (first === undefined || normalizeText(first) !== normalizeText(text))) {
              const col = layout.byField.get(f)!;
              rd.warnings.push({ cell: cellName(r, col.index), id: 'continuationDiffers', data: { header: col.header, value: cellText(row[col.index]) } });
            }
          }
        }
        flush(rd, ctx, wb.file, sheet.name);
        continue;
      }
      if (keyEmpty) throw new RowError('orphanRow', cellName(r, firstColumn), {});
      const draft = readItemRow(rd, r, firstColumn, wb, sheet, layout, ctx);
      current = { draft, scalars: scalarTexts(row, layout) };
      flush(rd, ctx, wb.file, sheet.name);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      problem(ctx, wb.file, sheet.name, error.cell, 'error', error.id, error.data);
      ctx.failedRows++;
      // the rows continuing a row not imported are not imported either
      if (!keyEmpty || !current) current = { scalars: new Map() };
    }
  }
}

function flush(rd: RowReader, ctx: ConvertContext, file: string, sheet: string) {
  for (const w of rd.warnings) problem(ctx, file, sheet, w.cell, 'warning', w.id, w.data);
}

function readItemRow(rd: RowReader, r: number, firstColumn: number, wb: Workbook, sheet: SheetData, layout: Layout, ctx: ConvertContext): DraftItem {
  // Codes first: a row with a code stored as a number is not imported.
  const code = has(layout, 'code') ? rd.text('code') : undefined;
  const implementationCode = has(layout, 'implementationCode') ? rd.text('implementationCode') : undefined;
  const creditCode = has(layout, 'department.creditCode') ? rd.text('department.creditCode') : undefined;
  let regionCode = has(layout, 'region.code') ? rd.text('region.code') : undefined;
  const regionCell = has(layout, 'region.code') ? rd.cell('region.code') : cellName(r, firstColumn);
  if (regionCode !== undefined) {
    regionCode = normalizeText(regionCode);
    if (!/^\d{6}(\d{3})?$/.test(regionCode)) throw new RowError('badRegionCode', regionCell, { value: regionCode });
  }
  regionCode ??= ctx.region;
  if (regionCode === undefined) throw new RowError('noRegion', regionCell, {});

  const item: Record<string, unknown> = {};
  if (code !== undefined) item.code = normalizeText(code);
  if (implementationCode !== undefined) item.implementationCode = normalizeText(implementationCode);
  const name = has(layout, 'name') ? rd.text('name') : undefined;
  if (name !== undefined) item.name = name;
  const type = has(layout, 'type') ? rd.parse('type', parseType) : undefined;
  if (type !== undefined) item.type = type;
  const levels = has(layout, 'levels') ? rd.parse('levels', parseLevels) : undefined;
  if (levels?.length) item.levels = levels;
  const reviewMode = has(layout, 'reviewMode') ? rd.parse('reviewMode', (v) => parseEnum(v, REVIEW_MODES)) : undefined;
  if (reviewMode !== undefined) item.reviewMode = reviewMode;
  const statutory = has(layout, 'statutory') ? rd.duration('statutory') : undefined;
  const promised = has(layout, 'promised') ? rd.duration('promised') : undefined;
  if (statutory || promised) item.timeLimit = compact({ statutory, promised });
  const powerSource = has(layout, 'powerSource') ? rd.parse('powerSource', (v) => parseEnum(v, POWER_SOURCES)) : undefined;
  if (powerSource !== undefined) item.powerSource = powerSource;
  const entrustedBy = has(layout, 'entrustedBy') ? rd.text('entrustedBy') : undefined;
  if (entrustedBy !== undefined) item.entrustedBy = entrustedBy;
  append(item, listParts(rd, layout));
  const supervision = has(layout, 'responsibility.supervision') ? rd.text('responsibility.supervision') : undefined;
  if (supervision !== undefined) ((item.responsibility ??= {}) as Record<string, unknown>).supervision = supervision;

  const fileCells: DraftItem['fileCells'] = {};
  const at = (f: Field) => ({ sheet: sheet.name, cell: rd.cell(f), header: layout.byField.get(f)!.header });
  const regionName = has(layout, 'region.name') ? rd.text('region.name') : undefined;
  if (regionName !== undefined) fileCells.regionName = at('region.name');
  if (creditCode !== undefined) fileCells.creditCode = at('department.creditCode');
  const system = has(layout, 'system') ? rd.text('system') : undefined;
  if (system !== undefined) fileCells.system = at('system');
  const department = has(layout, 'department.name') ? rd.text('department.name') : undefined;

  const draft: DraftItem = {
    source: `${wb.file} ${sheet.name}!${cellName(r, firstColumn)}`,
    workbook: wb.path,
    regionCode,
    regionName,
    department,
    creditCode: creditCode === undefined ? undefined : normalizeText(creditCode),
    system,
    fileCells,
    item,
    comments: rd.comments,
  };
  ctx.items.push(draft);
  return draft;
}

/** Pass 2: join the rows of material, step and responsibility sheets to the items. */
export function convertDetailSheet(wb: Workbook, sheet: SheetData, layout: Layout, ctx: ConvertContext) {
  const own = ctx.items.filter((d) => d.workbook === wb.path);
  const index = (key: (d: DraftItem) => unknown) => {
    const build = (list: DraftItem[]) => {
      const m = new Map<string, DraftItem[]>();
      for (const d of list) {
        const k = key(d);
        if (typeof k !== 'string') continue;
        const nk = normalizeText(k);
        m.set(nk, [...(m.get(nk) ?? []), d]);
      }
      return m;
    };
    return { own: build(own), all: build(ctx.items) };
  };
  const byCode = index((d) => d.item.code);
  const byImpl = index((d) => d.item.implementationCode);
  const byName = index((d) => d.item.name);
  const keyFields: Field[] = ['implementationCode', 'code', 'name'];
  let previous: Partial<Record<Field, string>> = {};
  for (let r = layout.dataStart; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (isBlank(row)) continue;
    const rd = new RowReader(row, r, layout, sheet.name, ctx.locale);
    try {
      const keys: Partial<Record<Field, string>> = {};
      for (const f of keyFields) if (has(layout, f)) keys[f] = rd.text(f);
      // In a detail sheet an empty key continues the previous row's key (merged key cells).
      const present = keyFields.filter((f) => keys[f] !== undefined);
      const use = present.length ? keys : previous;
      previous = use;
      let targets: DraftItem[] | undefined;
      let keyField: Field | undefined;
      // the most specific key first: 实施编码 (one agency's item), 事项编码, then the name
      for (const [f, idx] of [
        ['implementationCode', byImpl],
        ['code', byCode],
        ['name', byName],
      ] as const) {
        const k = use[f];
        if (k === undefined) continue;
        keyField ??= f;
        const nk = normalizeText(k);
        const found = idx.own.get(nk) ?? idx.all.get(nk);
        if (found) {
          targets = found;
          break;
        }
      }
      if (!keyField) throw new RowError('noKey', cellName(r, Math.min(...layout.columns.map((c) => c.index))), {});
      if (!targets) {
        const col = layout.byField.get(keyField)!;
        throw new RowError('unjoined', cellName(r, col.index), { header: col.header, value: use[keyField]! });
      }
      const parts = listParts(rd, layout);
      const supervision = has(layout, 'responsibility.supervision') ? rd.text('responsibility.supervision') : undefined;
      for (const t of targets) {
        append(t.item, structuredClone(parts));
        if (supervision !== undefined) ((t.item.responsibility ??= {}) as Record<string, unknown>).supervision = supervision;
        t.comments.push(...rd.comments);
      }
      flush(rd, ctx, wb.file, sheet.name);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      problem(ctx, wb.file, sheet.name, error.cell, 'error', error.id, error.data);
      ctx.failedRows++;
    }
  }
}

export { problem as addProblem };
