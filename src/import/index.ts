/**
 * `importWorkbooks`: the spreadsheets offices keep → files of format.md, plus
 * `DIR/import-report.json` (reports.md, "Excel in").
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load as loadYaml } from 'js-yaml';
import { checkWriteTarget, writeAtomic, writeErrorReason } from '../util/atomic-write.js';
import { levelOfCode } from '../regions/codes.js';
import { regionName as tableName } from '../regions/table.js';
import type { Locale } from '../types.js';
import { addProblem, convertDetailSheet, convertItemSheets, type ConvertContext, type DraftItem, type ImportProblem, type UnmappedColumn } from './convert.js';
import { FIELDS, type Field, HeaderMatcher, SYNONYMS, isField, normalizeText } from './fields.js';
import { importMessage } from './messages.js';
import { readWorkbook, WorkbookError, type Workbook } from './read.js';
import { toYaml, type FileModel } from './yaml.js';

export { WorkbookError } from './read.js';
export type { ImportProblem, UnmappedColumn } from './convert.js';

/** A `--map` file: header synonyms that extend (or with `replace: true` replace) the built-in table, and defaults. */
export interface ImportMap {
  /** header text → field (`code`, `materials.form`, … or `ignore`). */
  columns?: Record<string, Field>;
  replace?: boolean;
  /** Values for fields no column provides: `{ materials: { form: 原件, copies: 1, necessity: 必要 } }`, `{ steps: { role: … } }`, or item fields. */
  defaults?: { materials?: Record<string, unknown>; steps?: Record<string, unknown>; [itemField: string]: unknown };
}

export interface ImportOptions {
  /** The workbooks (`.xlsx`), read in this order. */
  files: string[];
  /** The folder the files and `import-report.json` are written to. */
  outDir: string;
  /** The region of rows without a 区划代码 column or cell. */
  region?: string;
  /** A mapping file (YAML or JSON) or the mapping itself. */
  map?: string | ImportMap;
  /** Overwrite existing files. */
  force?: boolean;
  cwd?: string;
  locale?: Locale;
  /** The `$schema` of the modeline; default: the package's checklist schema, relative to each file. */
  schema?: string;
}

export interface ImportReport {
  version: 1;
  /** The files written, relative to the output folder, `/`-separated. */
  written: string[];
  unmapped: UnmappedColumn[];
  problems: ImportProblem[];
  /** The format.md fields no column (and no `--map` default) provided. */
  missingFields: string[];
  summary: { workbooks: number; items: number; files: number; errors: number; warnings: number };
}

export interface ImportResult {
  /** 0 everything imported; 1 some row could not be imported; 2 nothing could. */
  exitCode: 0 | 1 | 2;
  report: ImportReport;
  /** Absolute paths of the files written (the lists and the import report). */
  paths: string[];
}

import { ImportError } from './errors.js';

export { ImportError };

const MISSING_CANDIDATES: [string, Field[]][] = [
  ['code', ['code']],
  ['implementationCode', ['implementationCode']],
  ['name', ['name']],
  ['type', ['type']],
  ['basis', ['basis']],
  ['levels', ['levels']],
  ['reviewMode', ['reviewMode']],
  ['timeLimit.statutory', ['statutory']],
  ['timeLimit.promised', ['promised']],
  ['materials', ['materials.name']],
  ['materials.form', ['materials.form']],
  ['materials.medium', ['materials.medium']],
  ['materials.copies', ['materials.copies']],
  ['materials.necessity', ['materials.necessity']],
  ['materials.source', ['materials.source']],
  ['steps', ['steps.name']],
  ['steps.days', ['steps.days']],
  ['steps.role', ['steps.role']],
  ['reviewRules', ['reviewRules']],
  ['department.name', ['department.name']],
  ['department.creditCode', ['department.creditCode']],
];

const MATERIAL_DEFAULTS = ['form', 'medium', 'copies', 'necessity', 'source'];
const STEP_DEFAULTS = ['days', 'role'];
const ITEM_DEFAULTS = ['type', 'basis', 'levels', 'reviewMode', 'timeLimit', 'reviewRules', 'powerSource', 'entrustedBy', 'fees'];

function schemaPath(): string {
  // dist/index.js or src/import/index.ts → the package's schemas folder
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'schemas', 'checklist.schema.json');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas', 'checklist.schema.json');
}

/** Read and check a `--map` file. */
export function loadImportMap(map: string | ImportMap, cwd: string): ImportMap {
  let value: unknown = map;
  if (typeof map === 'string') {
    const path = resolve(cwd, map);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new ImportError(`--map ${map}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      value = loadYaml(text);
    } catch (error) {
      throw new ImportError(`--map ${map}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
    }
  }
  const where = typeof map === 'string' ? `--map ${map}` : 'map';
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ImportError(`${where}: expected a mapping with "columns" and/or "defaults"`);
  const m = value as Record<string, unknown>;
  for (const k of Object.keys(m)) if (!['columns', 'replace', 'defaults'].includes(k)) throw new ImportError(`${where}: unknown key "${k}"; use columns, replace, defaults`);
  if (m.columns !== undefined) {
    if (!m.columns || typeof m.columns !== 'object' || Array.isArray(m.columns)) throw new ImportError(`${where}: "columns" must map header texts to fields`);
    for (const [header, field] of Object.entries(m.columns)) {
      if (typeof field !== 'string' || !isField(field)) throw new ImportError(`${where}: column "${header}" maps to unknown field "${String(field)}"; use one of ${FIELDS.join(', ')}`);
    }
  }
  if (m.replace !== undefined && typeof m.replace !== 'boolean') throw new ImportError(`${where}: "replace" must be true or false`);
  if (m.defaults !== undefined) {
    if (!m.defaults || typeof m.defaults !== 'object' || Array.isArray(m.defaults)) throw new ImportError(`${where}: "defaults" must be a mapping`);
    for (const [k, v] of Object.entries(m.defaults as Record<string, unknown>)) {
      const sub = k === 'materials' ? MATERIAL_DEFAULTS : k === 'steps' ? STEP_DEFAULTS : undefined;
      if (sub) {
        if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ImportError(`${where}: defaults.${k} must be a mapping`);
        for (const s of Object.keys(v)) if (!sub.includes(s)) throw new ImportError(`${where}: unknown default ${k}.${s}; use ${sub.join(', ')}`);
      } else if (!ITEM_DEFAULTS.includes(k)) throw new ImportError(`${where}: unknown default "${k}"; use materials, steps, ${ITEM_DEFAULTS.join(', ')}`);
    }
  }
  return m as ImportMap;
}

/** The department part of a file name: `/ \ : * ? " < > |` become `_`. */
export function safeFileName(name: string): string {
  return name.replace(/[/\\:*?"<>|\x00-\x1f]/g, '_').replace(/^\.+/, '_');
}

/**
 * Import workbooks: read them all (a workbook that cannot be read throws {@link ImportError}
 * and nothing is written), convert, and write one file per (region, department) and
 * `import-report.json`. Existing files are not replaced without `force` (ImportError, nothing written).
 */
export async function importWorkbooks(options: ImportOptions): Promise<ImportResult> {
  const cwd = options.cwd ?? process.cwd();
  const locale = options.locale ?? 'zh-CN';
  const outDir = resolve(cwd, options.outDir);
  if (options.region !== undefined && !/^\d{6}(\d{3})?$/.test(options.region)) throw new ImportError(`--region ${options.region}: a region code has 6 or 9 digits`);
  if (options.files.length === 0) throw new ImportError('no workbook given');
  const map = options.map === undefined ? {} : loadImportMap(options.map, cwd);
  const table: Record<string, Field> = map.replace ? {} : { ...SYNONYMS };
  for (const [k, v] of Object.entries(map.columns ?? {})) table[k] = v;

  // Every workbook must be readable before anything is written.
  const workbooks: Workbook[] = [];
  for (const f of options.files) {
    try {
      workbooks.push(await readWorkbook(resolve(cwd, f), locale));
    } catch (error) {
      if (error instanceof WorkbookError) throw new ImportError(error.message.replace(resolve(cwd, f), f));
      throw error;
    }
  }

  const ctx: ConvertContext = { locale, matcher: new HeaderMatcher(table), region: options.region, problems: [], unmapped: [], provided: new Set(), items: [], failedRows: 0 };
  const details = workbooks.map((wb) => convertItemSheets(wb, ctx));
  workbooks.forEach((wb, i) => {
    for (const { sheet, layout } of details[i]) convertDetailSheet(wb, sheet, layout, ctx);
  });

  applyDefaults(ctx.items, map.defaults);
  const provided = new Set<string>(ctx.provided);
  for (const k of Object.keys(map.defaults ?? {})) {
    if (k === 'materials' || k === 'steps') for (const s of Object.keys(map.defaults![k] as object)) provided.add(`${k}.${s}`);
    else provided.add(k === 'timeLimit' ? 'promised' : k);
  }
  const missingFields = MISSING_CANDIDATES.filter(([name, fields]) => !fields.some((f) => provided.has(f)) && !ctx.items.some((d) => hasPath(d, name))).map(([name]) => name);

  // One file per (region, department), in input order.
  const groups = new Map<string, { path: string; drafts: DraftItem[] }>();
  for (const d of ctx.items) {
    const base = d.department !== undefined ? safeFileName(d.department) : safeFileName(d.workbook.replace(/^.*[\\/]/, '').replace(/\.xlsx?$/i, ''));
    const key = `${d.regionCode}\u0000${d.department ?? `\u0001${base}`}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { path: `${d.regionCode}/${base}.yaml`, drafts: [] }));
    g.drafts.push(d);
  }
  // Two departments whose safe names collide share nothing: number the later ones.
  const used = new Set<string>();
  for (const g of groups.values()) {
    let p = g.path;
    for (let n = 2; used.has(p.toLowerCase()); n++) p = g.path.replace(/\.yaml$/, `-${n}.yaml`);
    used.add(p.toLowerCase());
    g.path = p;
  }

  // The rows are no longer needed: let them go before the files are built.
  for (const wb of workbooks) wb.sheets = [];

  // No overwrite without force: check every target before writing any.
  const outputs = [...groups.values()].map((g) => ({ ...g, abs: join(outDir, ...g.path.split('/')) }));
  const reportPath = join(outDir, 'import-report.json');
  if (!options.force) {
    const existing = outputs.filter((o) => existsSync(o.abs)).map((o) => relative(cwd, o.abs) || o.abs);
    if (existing.length) {
      throw new ImportError(
        locale === 'zh-CN'
          ? `${existing[0]} 已存在${existing.length > 1 ? `（另有 ${existing.length - 1} 个文件已存在）` : ''}；未写入任何文件，使用 --force 覆盖`
          : `${existing[0]} exists${existing.length > 1 ? ` (and ${existing.length - 1} more)` : ''}; nothing written, use --force to overwrite`,
      );
    }
  }
  if (ctx.items.length === 0) addProblem(ctx, workbooks.map((w) => w.file).join(', '), undefined, undefined, 'error', 'noItems', {});

  const schemaAbs = schemaPath();
  const paths: string[] = [];
  try {
    for (const o of [...outputs, { abs: reportPath }]) checkWriteTarget(o.abs);
    // One file at a time: built, written, released.
    for (const g of outputs) {
      const first = g.drafts[0];
      const fileValue = (k: 'regionName' | 'creditCode' | 'system') => {
        let value: string | undefined;
        for (const d of g.drafts) {
          const v = d[k];
          if (v === undefined) continue;
          if (value === undefined) value = v;
          else if (normalizeText(v) !== normalizeText(value)) {
            const at = d.fileCells[k]!;
            addProblem(ctx, basename(d.workbook), at.sheet, at.cell, 'warning', 'fileValueDiffers', { header: at.header, value: v, first: value });
          }
        }
        return value;
      };
      const regionName = fileValue('regionName') ?? tableName(first.regionCode);
      const creditCode = fileValue('creditCode');
      const system = fileValue('system');
      const level = levelOfCode(first.regionCode);
      const model: FileModel = {
        schema: options.schema ?? relative(dirname(g.abs), schemaAbs).split(sep).join('/'),
        region: { code: first.regionCode, ...(regionName !== undefined ? { name: regionName } : {}), ...(level ? { level } : {}) },
        department: first.department !== undefined || creditCode !== undefined ? { name: first.department, creditCode } : undefined,
        system,
        items: g.drafts.map((d) => ({ source: d.source, comments: d.comments, item: d.item })),
      };
      paths.push(writeAtomic(g.abs, toYaml(model), { createParents: true }));
      g.drafts = [];
    }
  } catch (error) {
    const r = writeErrorReason(error);
    throw new ImportError(`${relative(cwd, (error as { path?: string }).path ?? outDir) || outDir}: ${locale === 'zh-CN' ? r.zh : r.en}`);
  }
  const errors = ctx.problems.filter((p) => p.severity === 'error').length;
  const report: ImportReport = {
    version: 1,
    written: outputs.map((o) => o.path),
    unmapped: ctx.unmapped,
    problems: ctx.problems,
    missingFields,
    summary: { workbooks: workbooks.length, items: ctx.items.length, files: outputs.length, errors, warnings: ctx.problems.length - errors },
  };
  try {
    paths.push(writeAtomic(reportPath, JSON.stringify(report, null, 2) + '\n', { createParents: true }));
  } catch (error) {
    const r = writeErrorReason(error);
    throw new ImportError(`${relative(cwd, reportPath)}: ${locale === 'zh-CN' ? r.zh : r.en}`);
  }
  const exitCode: 0 | 1 | 2 = ctx.items.length === 0 ? 2 : errors > 0 ? 1 : 0;
  return { exitCode, report, paths };
}

/** Whether an imported item (or its file) has a field, `materials.form` meaning any material's. */
function hasPath(d: DraftItem, path: string): boolean {
  if (path === 'department.name') return d.department !== undefined;
  if (path === 'department.creditCode') return d.creditCode !== undefined;
  const [head, sub] = path.split('.');
  const v = d.item[head];
  if (v === undefined) return false;
  if (!sub) return true;
  if (Array.isArray(v)) return v.some((el) => el && typeof el === 'object' && (el as Record<string, unknown>)[sub] !== undefined);
  return (v as Record<string, unknown>)[sub] !== undefined;
}

function applyDefaults(drafts: DraftItem[], defaults: ImportMap['defaults']) {
  if (!defaults) return;
  for (const d of drafts) {
    for (const [k, v] of Object.entries(defaults)) {
      if (k === 'materials' || k === 'steps') {
        for (const el of (d.item[k] as Record<string, unknown>[] | undefined) ?? []) {
          for (const [s, sv] of Object.entries(v as object)) if (el[s] === undefined) el[s] = sv;
        }
        // keep format.md order inside elements: rebuilt by the writer
      } else if (d.item[k] === undefined) d.item[k] = structuredClone(v);
    }
  }
}

export { importMessage };
