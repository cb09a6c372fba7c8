/**
 * `--format xlsx`: a workbook for people who work in Excel (reports.md, "Excel out"). Sheet
 * 问题清单 (Findings): one row per diagnostic in report order; sheet 统计 (Statistics): one row per
 * group and one column per figure. Both with an autofilter and a frozen header. Written with
 * write-excel-file; strings are always cells of text, never formulas.
 */
import writeExcelFile, { type Feature, type Row, type Sheet as SheetOf } from 'write-excel-file/node';
import { appendMarkupInsideElement, findElement, getCellAddress, getOrderOfSiblings, insertElementMarkupAccordingToOrderOfSiblings, replaceElement, sanitizeAttributeValue } from 'write-excel-file/utility';
import { TOTAL_LABEL, figures, keyColumns } from '../../stats/columns.js';
import { comparedValues, describeReport } from '../../stats/describe.js';
import type { StatsReport } from '../../stats/types.js';
import type { Locale, Report } from '../../types.js';

type Content = import('node:stream').Stream | Buffer | import('node:buffer').Blob;
type Sheet = SheetOf<Content>;

export const SHEET_NAMES: Record<Locale, { findings: string; stats: string }> = {
  'zh-CN': { findings: '问题清单', stats: '统计' },
  en: { findings: 'Findings', stats: 'Statistics' },
};

export const FINDING_HEADERS: Record<Locale, string[]> = {
  'zh-CN': ['区划代码', '区划', '部门', '事项编码', '事项名称', '规则', '严重程度', '问题', '上级清单', '本级清单', '文件', '行', '列'],
  en: ['Region code', 'Region', 'Department', 'Item code', 'Item name', 'Rule', 'Severity', 'Message', 'Upper level', 'This level', 'File', 'Line', 'Column'],
};

export const SEVERITY_WORDS: Record<Locale, Record<string, string>> = {
  'zh-CN': { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};

/** Excel keeps at most 32,767 characters in a cell. */
const CELL_MAX = 32767;
const text = (value: string | undefined): Row[number] => (value === undefined || value === '' ? null : { value: value.length > CELL_MAX ? value.slice(0, CELL_MAX - 1) + '…' : value, type: String });
const header = (labels: string[]): Row => labels.map((value) => ({ value, type: String, fontWeight: 'bold' as const }));

function findingsSheet(report: Report, locale: Locale, options: { sources?: Map<string, string>; cwd?: string }): Sheet {
  const described = describeReport(options);
  const rows: Row[] = [header(FINDING_HEADERS[locale])];
  for (const f of report.files) {
    const facts = f.diagnostics.length ? described.file(f.file) : undefined;
    for (const d of f.diagnostics) {
      const { upper, here } = comparedValues(d, locale);
      rows.push([
        text(d.region),
        text(facts?.regionName),
        text(facts?.department),
        text(d.itemCode),
        text(d.itemCode !== undefined ? facts?.items.get(d.itemCode) : undefined),
        text(d.ruleId),
        text(SEVERITY_WORDS[locale][d.severity]),
        text(d.message),
        text(upper),
        text(here),
        text(d.file),
        { value: d.line, type: Number },
        { value: d.column, type: Number },
      ]);
    }
  }
  return { data: rows, sheet: SHEET_NAMES[locale].findings, stickyRowsCount: 1, columns: [10, 12, 24, 16, 28, 28, 8, 60, 30, 30, 40, 6, 6].map((width) => ({ width })) };
}

function statsSheet(stats: StatsReport, locale: Locale): Sheet {
  const keys = keyColumns(stats.groupBy);
  const all = figures(stats);
  const rows: Row[] = [header([...keys.map((k) => k.label[locale]), ...all.map((x) => x.label[locale])])];
  const cells = (s: StatsReport['total']): Row =>
    all.map((x) => {
      const v = x.get(s);
      if (v === null) return null;
      if (typeof v === 'string') return text(v);
      return x.kind === 'rate' ? { value: v, type: Number, format: '0.00%' } : x.kind === 'mean' ? { value: v, type: Number, format: '0.00' } : { value: v, type: Number };
    });
  for (const g of stats.groups) rows.push([...keys.map((k) => text(g.key[k.id])), ...cells(g)]);
  rows.push([text(TOTAL_LABEL[locale]), ...keys.slice(1).map(() => null), ...cells(stats.total)]);
  return { data: rows, sheet: SHEET_NAMES[locale].stats, stickyRowsCount: 1, columns: [...keys.map(() => ({ width: 14 })), ...all.map(() => ({ width: 12 }))] };
}

/** An autofilter over each sheet's header and rows (write-excel-file has none built in). */
function autoFilter(sheets: Sheet[]): Feature<Content> {
  const refs = sheets.map((s) => `A1:${getCellAddress(s.data.length - 1, Math.max(1, s.data[0].length) - 1)}`);
  const absolute = (ref: string) => ref.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  return {
    files: {
      transform: {
        'xl/worksheets/sheet{id}.xml': {
          transform: (xml, _options, { sheetIndex }) =>
            insertElementMarkupAccordingToOrderOfSiblings(xml, `<autoFilter ref="${refs[sheetIndex]}"/>`, getOrderOfSiblings('xl/worksheets/sheet{id}.xml', 'worksheet') ?? ['sheetData', 'autoFilter'], 'worksheet'),
        },
        'xl/workbook.xml': {
          transform: (xml) => {
            const names = sheets
              .map((s, i) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${sanitizeAttributeValue(`'${s.sheet}'!${absolute(refs[i])}`)}</definedName>`)
              .join('');
            // write-excel-file may already have written a (possibly empty) <definedNames>: add to it.
            const existing = findElement(xml, 'definedNames');
            if (existing?.selfClosingTag) return replaceElement(xml, existing, `<definedNames>${names}</definedNames>`);
            if (existing) return appendMarkupInsideElement(xml, existing, names);
            return insertElementMarkupAccordingToOrderOfSiblings(xml, `<definedNames>${names}</definedNames>`, getOrderOfSiblings('xl/workbook.xml', 'workbook') ?? ['sheets', 'definedNames'], 'workbook');
          },
        },
      },
    },
  };
}

async function write(sheets: Sheet[]): Promise<Uint8Array> {
  const buffer = await writeExcelFile(sheets, { features: [autoFilter(sheets)] }).toBuffer();
  return new Uint8Array(buffer);
}

/** The findings workbook: 问题清单, and 统计 when the statistics are given. */
export function formatXlsx(report: Report, stats: StatsReport | undefined, options: { locale?: Locale; sources?: Map<string, string>; cwd?: string }): Promise<Uint8Array> {
  const locale = options.locale ?? 'zh-CN';
  const sheets = [findingsSheet(report, locale, options)];
  if (stats) sheets.push(statsSheet(stats, locale));
  return write(sheets);
}

/** `stats --format xlsx`: the statistics alone. */
export function formatStatsXlsx(stats: StatsReport, locale: Locale = 'zh-CN'): Promise<Uint8Array> {
  return write([statsSheet(stats, locale)]);
}
