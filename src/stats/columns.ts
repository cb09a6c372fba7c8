/**
 * The figures of a statistics report as columns, with their wording: one definition for the
 * markdown tables, the workbook's statistics sheet and the HTML page.
 */
import type { Locale } from '../types.js';
import { DIMENSIONS, type GroupBy, type GroupKey, type Sections, type StatsReport } from './types.js';

export type FigureKind = 'count' | 'rate' | 'mean' | 'text';

export interface Figure {
  /** The section it belongs to (one markdown table each). */
  section: SectionName;
  /** A stable id, e.g. `consistency.name.rate`. */
  id: string;
  label: Record<Locale, string>;
  kind: FigureKind;
  get: (s: Sections) => number | string | null;
}

export type SectionName = 'items' | 'consistency' | 'coverage' | 'decisions' | 'timeLimits' | 'steps' | 'materials' | 'responsibility' | 'links' | 'streets' | 'compare';

export const SECTION_TITLES: Record<SectionName, Record<Locale, string>> = {
  items: { 'zh-CN': '事项', en: 'Items' },
  consistency: { 'zh-CN': '五个一致', en: 'The five consistencies' },
  coverage: { 'zh-CN': '认领（覆盖）', en: 'Coverage' },
  decisions: { 'zh-CN': '取消、下放和调整决定的落实', en: 'Decisions' },
  timeLimits: { 'zh-CN': '办理时限', en: 'Time limits' },
  steps: { 'zh-CN': '办理环节', en: 'Steps' },
  materials: { 'zh-CN': '申报材料', en: 'Materials' },
  responsibility: { 'zh-CN': '两单融合（责任清单）', en: 'Responsibility (two lists in one)' },
  links: { 'zh-CN': '前置审批、中介服务和收费', en: 'Prerequisites, intermediaries and fees' },
  streets: { 'zh-CN': '街道清单', en: 'Streets' },
  compare: { 'zh-CN': '与此前清单相比', en: 'Compared with the earlier dataset' },
};

export const DIMENSION_LABELS: Record<(typeof DIMENSIONS)[number] | 'allFive', Record<Locale, string>> = {
  name: { 'zh-CN': '事项名称', en: 'name' },
  materials: { 'zh-CN': '申报材料', en: 'materials' },
  steps: { 'zh-CN': '办理环节', en: 'steps' },
  timeLimit: { 'zh-CN': '办理时限', en: 'time limit' },
  reviewRules: { 'zh-CN': '审查工作细则', en: 'review rules' },
  allFive: { 'zh-CN': '五个一致', en: 'all five' },
};

const f = (section: SectionName, id: string, zh: string, en: string, kind: FigureKind, get: Figure['get']): Figure => ({ section, id, label: { 'zh-CN': zh, en }, kind, get });

/** Every figure, in order; `types` are the item types of the report (a column each). */
export function figures(report: StatsReport): Figure[] {
  const types = new Set<string>();
  for (const g of [...report.groups, { ...report.total }]) for (const t of Object.keys(g.items.byType)) types.add(t);
  const out: Figure[] = [
    f('items', 'items.total', '事项数', 'items', 'count', (s) => s.items.total),
    ...[...types].sort().map((t) => f('items', `items.byType.${t}`, t, t, 'count', (s) => s.items.byType[t] ?? 0)),
    f('items', 'items.references', '参照事项（本身为参照）', 'references', 'count', (s) => s.items.references),
    f('items', 'items.compared', '比对事项（参照为他区划事项）', 'compared', 'count', (s) => s.items.compared),
    f('items', 'items.invalid', '不符合格式的事项（不计入其他数字）', 'schema-invalid (in no other figure)', 'count', (s) => s.items.invalid),
  ];
  for (const dim of [...DIMENSIONS, 'allFive' as const]) {
    const l = DIMENSION_LABELS[dim];
    out.push(
      f('consistency', `consistency.${dim}.consistent`, `${l['zh-CN']}一致`, `${l.en}: consistent`, 'count', (s) => s.consistency[dim]?.consistent ?? null),
      f('consistency', `consistency.${dim}.differing`, `${l['zh-CN']}不一致`, `${l.en}: differing`, 'count', (s) => s.consistency[dim]?.differing ?? null),
      f('consistency', `consistency.${dim}.suppressed`, `${l['zh-CN']}已抑制`, `${l.en}: suppressed`, 'count', (s) => s.consistency[dim]?.suppressed ?? null),
      f('consistency', `consistency.${dim}.rate`, dim === 'allFive' ? '五个一致率' : `${l['zh-CN']}一致率`, `${l.en}: rate`, 'rate', (s) => s.consistency[dim]?.rate ?? null),
    );
  }
  out.push(
    f('coverage', 'coverage.expected', '应认领', 'expected', 'count', (s) => s.coverage?.expected ?? null),
    f('coverage', 'coverage.present', '已认领', 'present', 'count', (s) => s.coverage?.present ?? null),
    f('coverage', 'coverage.rate', '认领率', 'coverage rate', 'rate', (s) => s.coverage?.rate ?? null),
    f('coverage', 'coverage.extra', '上级没有的事项', 'not in any upper level', 'count', (s) => s.coverage?.extra ?? null),
    f('decisions', 'decisions.applicable', '应落实', 'applicable', 'count', (s) => s.decisions.applicable),
    f('decisions', 'decisions.implemented', '已落实', 'implemented', 'count', (s) => s.decisions.implemented),
    f('decisions', 'decisions.outstanding', '未落实', 'outstanding', 'count', (s) => s.decisions.outstanding),
    f('timeLimits', 'timeLimits.withStatutory', '有法定时限', 'with a statutory limit', 'count', (s) => s.timeLimits.withStatutory),
    f('timeLimits', 'timeLimits.compressed', '承诺时限压缩', 'compressed', 'count', (s) => s.timeLimits.compressed),
    f('timeLimits', 'timeLimits.meanCompression', '平均压缩比例', 'mean compression', 'rate', (s) => s.timeLimits.meanCompression),
    f('timeLimits', 'timeLimits.immediate', '即办件', 'immediate', 'count', (s) => s.timeLimits.immediate),
    f('timeLimits', 'timeLimits.immediateRate', '即办率', 'immediate rate', 'rate', (s) => s.timeLimits.immediateRate),
    f('timeLimits', 'timeLimits.within.3', '3日内办结', 'within 3 days', 'count', (s) => s.timeLimits.within['3']),
    f('timeLimits', 'timeLimits.within.5', '5日内办结', 'within 5 days', 'count', (s) => s.timeLimits.within['5']),
    f('steps', 'steps.mean', '平均环节数', 'mean steps', 'mean', (s) => s.steps.mean),
    f('steps', 'steps.atMost3', '不超过3个环节', 'at most 3 steps', 'count', (s) => s.steps.atMost3),
    f('steps', 'steps.atMost5', '不超过5个环节', 'at most 5 steps', 'count', (s) => s.steps.atMost5),
    f('steps', 'steps.oneReviewOneApproval', '一审一核', 'one review, one approval', 'count', (s) => s.steps.oneReviewOneApproval),
    f('steps', 'steps.oneReviewOneApprovalDepartments', '实行一审一核的部门', 'departments with 一审一核', 'text', (s) => s.steps.oneReviewOneApprovalDepartments.join('、')),
    f('materials', 'materials.mean', '平均材料数', 'mean materials', 'mean', (s) => s.materials.mean),
    f('materials', 'materials.total', '材料总数', 'materials', 'count', (s) => s.materials.total),
    f('materials', 'materials.deferrable', '容缺后补材料', 'deferrable materials', 'count', (s) => s.materials.deferrable),
    f('materials', 'materials.itemsWithDeferrable', '有容缺后补材料的事项', 'items with deferrable materials', 'count', (s) => s.materials.itemsWithDeferrable),
    f('responsibility', 'responsibility.powerItems', '权力事项', 'power items', 'count', (s) => s.responsibility.powerItems),
    f('responsibility', 'responsibility.withDuties', '有责任事项', 'with duties', 'count', (s) => s.responsibility.withDuties),
    f('responsibility', 'responsibility.withAccountability', '有追责情形', 'with accountability', 'count', (s) => s.responsibility.withAccountability),
    f('responsibility', 'responsibility.rate', '两单融合率', 'two-lists rate', 'rate', (s) => s.responsibility.rate),
    f('links', 'links.withPrerequisites', '有前置审批', 'with prerequisites', 'count', (s) => s.links.withPrerequisites),
    f('links', 'links.withIntermediaries', '有中介服务', 'with intermediaries', 'count', (s) => s.links.withIntermediaries),
    f('links', 'links.withFees', '有收费', 'with fees', 'count', (s) => s.links.withFees),
    f('links', 'links.unresolved', '前置审批无法对应', 'unresolved prerequisites', 'count', (s) => s.links.unresolved),
    f('links', 'links.notInCatalog', '未纳入目录', 'not in catalog', 'count', (s) => s.links.notInCatalog),
    f('streets', 'streets.withList', '有清单的街道', 'streets with a list', 'count', (s) => s.streets.reduce((n, x) => n + x.withList, 0)),
    f('streets', 'streets.items', '街道事项数', 'street items', 'count', (s) => s.streets.reduce((n, x) => n + x.items, 0)),
  );
  if (report.compareTo !== undefined) {
    out.push(
      f('compare', 'compare.kept', '保留', 'kept', 'count', (s) => s.compare?.kept ?? 0),
      f('compare', 'compare.removed', '减少', 'removed', 'count', (s) => s.compare?.removed ?? 0),
      f('compare', 'compare.added', '新增', 'added', 'count', (s) => s.compare?.added ?? 0),
    );
  }
  return out;
}

/** The columns naming a group. */
export function keyColumns(groupBy: GroupBy): { id: keyof GroupKey; label: Record<Locale, string> }[] {
  const cols: { id: keyof GroupKey; label: Record<Locale, string> }[] = [
    { id: 'region', label: { 'zh-CN': '区划代码', en: 'region code' } },
    { id: 'name', label: { 'zh-CN': '区划', en: 'region' } },
  ];
  if (groupBy === 'department') cols.push({ id: 'department', label: { 'zh-CN': '部门', en: 'department' } });
  if (groupBy === 'system') cols.push({ id: 'system', label: { 'zh-CN': '系统', en: 'system' } });
  if (groupBy === 'type') cols.push({ id: 'type', label: { 'zh-CN': '事项类型', en: 'type' } });
  return cols;
}

export const TOTAL_LABEL: Record<Locale, string> = { 'zh-CN': '合计', en: 'Total' };

/** A figure as text: rates as percentages with two decimals (`84.62%`), null as `—`. */
export function showFigure(value: number | string | null, kind: FigureKind): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (kind === 'rate') return `${(value * 100).toFixed(2)}%`;
  if (kind === 'mean') return value.toFixed(2);
  return String(value);
}
