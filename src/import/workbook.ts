/**
 * Workbooks in the recommended layout: `qingdan-lint import --template F.xlsx` (an item sheet
 * and a material sheet, headers above a filled-in example row), and {@link exportWorkbook},
 * which writes a list of format.md into that layout so that importing it gives the same items.
 */
import { existsSync } from 'node:fs';
import type { Locale } from '../types.js';
import { writeAtomic } from '../util/atomic-write.js';
import { ImportError } from './errors.js';

type Obj = Record<string, unknown>;
type Cell = { value: string | number; type?: StringConstructor | NumberConstructor; format?: string; wrap?: boolean; fontWeight?: 'bold'; backgroundColor?: string; alignVertical?: 'top' } | null;

const LEVEL_LABELS: Record<string, string> = { province: '省级', city: '市级', district: '县级', street: '乡级' };

/** The item sheet's columns, in the recommended order. */
export const ITEM_HEADERS = ['区划代码', '区划名称', '实施主体', '统一社会信用代码', '所属系统', '事项编码', '实施编码', '事项名称', '事项类型', '设定依据', '行使层级', '审批模式', '法定办结时限', '承诺办结时限', '办理流程', '审查标准'] as const;
export const MATERIAL_HEADERS = ['事项编码', '事项名称', '材料名称', '材料形式', '材料介质', '份数', '是否必要', '来源渠道'] as const;
export const STEP_HEADERS = ['事项编码', '事项名称', '环节名称', '环节时限', '承办岗位'] as const;

function text(v: unknown, wrap = false): Cell {
  if (v === undefined || v === null || v === '') return null;
  return { value: String(v), type: String, format: '@', ...(wrap ? { wrap: true } : {}), alignVertical: 'top' };
}
function num(v: unknown): Cell {
  return typeof v === 'number' ? { value: v, type: Number, alignVertical: 'top' } : null;
}
function header(h: string): Cell {
  return { value: h, type: String, fontWeight: 'bold', backgroundColor: '#DDEBF7', wrap: true };
}

function duration(d: unknown): string | undefined {
  if (!d || typeof d !== 'object') return undefined;
  const { value, unit } = d as { value: number; unit: string };
  if (value === 0 && unit === '工作日') return '即办';
  return `${value}个${unit}`;
}

/** Steps as one cell: `受理（窗口受理人员）→审查（许可审查人员）`. */
function stepsCell(steps: Obj[] | undefined): string | undefined {
  if (!steps?.length) return undefined;
  return steps.map((s) => `${s.name}${s.role ? `（${s.role}）` : ''}`).join('→');
}

export interface ExportOptions {
  /** Steps in the item sheet's 办理流程 column (the template), or in a 环节 sheet with days and roles (default). */
  steps?: 'column' | 'sheet';
}

/** The workbook of one list (a format.md document) in the recommended layout. */
export async function exportWorkbook(list: Obj, options: ExportOptions = {}): Promise<Buffer> {
  const stepsIn = options.steps ?? 'sheet';
  const region = (list.region ?? {}) as Obj;
  const department = (list.department ?? {}) as Obj;
  const items = (list.items ?? []) as Obj[];
  const itemHeaders = ITEM_HEADERS.filter((h) => stepsIn === 'column' || h !== '办理流程');
  const itemRows: Cell[][] = [itemHeaders.map(header)];
  const materialRows: Cell[][] = [MATERIAL_HEADERS.map(header)];
  const stepRows: Cell[][] = [STEP_HEADERS.map(header)];
  for (const item of items) {
    const timeLimit = (item.timeLimit ?? {}) as Obj;
    const cells: Record<string, Cell> = {
      区划代码: text(region.code),
      区划名称: text(region.name),
      实施主体: text(department.name),
      统一社会信用代码: text(department.creditCode),
      所属系统: text(list.system),
      事项编码: text(item.code),
      实施编码: text(item.implementationCode),
      事项名称: text(item.name, true),
      事项类型: text(item.type),
      设定依据: text(((item.basis as string[]) ?? []).join('\n'), true),
      行使层级: text(((item.levels as string[]) ?? []).map((l) => LEVEL_LABELS[l] ?? l).join('、')),
      审批模式: text(item.reviewMode),
      法定办结时限: text(duration(timeLimit.statutory)),
      承诺办结时限: text(duration(timeLimit.promised)),
      办理流程: text(stepsCell(item.steps as Obj[]), true),
      审查标准: text(((item.reviewRules as string[]) ?? []).join('\n'), true),
    };
    itemRows.push(itemHeaders.map((h) => cells[h]));
    for (const m of (item.materials as Obj[]) ?? []) {
      materialRows.push([text(item.code), text(item.name), text(m.name, true), text(m.form), text(m.medium), num(m.copies), text(m.necessity), text(m.source)]);
    }
    if (stepsIn === 'sheet') for (const s of (item.steps as Obj[]) ?? []) stepRows.push([text(item.code), text(item.name), text(s.name), num(s.days), text(s.role)]);
  }
  const widths = (hs: readonly string[]) => hs.map((h) => ({ width: /名称|依据|标准|流程|材料/.test(h) ? 36 : /编码|代码/.test(h) ? 22 : 12 }));
  const sheets = [
    { data: itemRows, sheet: '事项', columns: widths(itemHeaders), stickyRowsCount: 1 },
    { data: materialRows, sheet: '材料', columns: widths(MATERIAL_HEADERS), stickyRowsCount: 1 },
    ...(stepsIn === 'sheet' ? [{ data: stepRows, sheet: '环节', columns: widths(STEP_HEADERS), stickyRowsCount: 1 }] : []),
  ];
  // loaded here, not at the top: an external import would be loaded at every start of the bundle
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (await (writeXlsxFile as any)(sheets).toBuffer()) as Buffer;
}

/** The example row of the template (format.md's example item). */
export const TEMPLATE_EXAMPLE: Obj = {
  region: { code: '350502', name: '鲤城区', level: 'district' },
  department: { name: '泉州市鲤城区市场监督管理局', creditCode: '11350502003027110N' },
  system: '市场监管',
  items: [
    {
      code: '000122001000',
      implementationCode: '11350502003027110N1000122001000',
      name: '食品经营许可（新办）',
      type: '行政许可',
      basis: ['《中华人民共和国食品安全法》第三十五条'],
      levels: ['province', 'city', 'district'],
      reviewMode: '一审一核',
      timeLimit: { statutory: { value: 20, unit: '工作日' }, promised: { value: 10, unit: '工作日' } },
      materials: [
        { name: '食品经营许可申请书', form: '原件', medium: '纸质和电子', copies: 1, necessity: '必要', source: '申请人自备' },
        { name: '营业执照复印件', form: '复印件', copies: 1, necessity: '必要' },
      ],
      steps: [
        { name: '受理', role: '窗口受理人员' },
        { name: '核准', role: '科室负责人' },
      ],
      reviewRules: ['申请材料齐全、符合法定形式', '经营场所与申请材料一致'],
    },
  ],
};

/** Write the template workbook; an existing file is replaced only with `force`. */
export async function writeTemplate(path: string, options: { force?: boolean; locale?: Locale } = {}): Promise<void> {
  if (!options.force && existsSync(path)) {
    throw new ImportError(options.locale === 'en' ? `${path} exists; nothing written, use --force to overwrite` : `${path} 已存在；未写入，使用 --force 覆盖`);
  }
  const buffer = await exportWorkbook(TEMPLATE_EXAMPLE, { steps: 'column' });
  writeAtomic(path, buffer, { createParents: true });
}
