/**
 * Cell values to format.md values: lists from multi-line and numbered cells, steps with roles,
 * durations, types, levels and the enumerations. A function returns `undefined` for "absent"
 * and throws {@link NotUnderstood} for a value it cannot read.
 */
import { normalizeText } from './fields.js';

export class NotUnderstood extends Error {}

const ABSENT = new Set(['', '无', '—', '-', '－', '——', '/', '／', '暂无', '空']);

/** Whether a text means "no value" (无, —, empty). */
export function isAbsent(text: string): boolean {
  if (text.length > 8) return false; // every absent mark is short, even with white space around it
  return ABSENT.has(normalizeText(text));
}

/** Leading numbering of a list element: `1.` `1、` `（1）` `(1)` `①` `一、`. */
const NUMBERING = /^\s*(?:\d+\s*[.．、](?!\d)|[（(]\s*\d+\s*[)）]|[①-⑳]|[一二三四五六七八九十]+\s*[、.．])\s*/u;
/** The start of a numbered element inside a line: `（2）`, `2.`, `2、` after white space or a sentence mark; `②` anywhere. */
const INNER_NUMBERING = /(?<=[\s。；;，,])\s*(?=(?:[（(]\d+[)）]|\d+[、.．](?!\d)))|(?<=\S)\s*(?=[①-⑳])/gu;

/**
 * Split a multi-line cell into list elements: on line breaks, on numbering (`1.`, `1、`, `（1）`,
 * `①`, `一、`), and on `；` or `;` outside `《…》`. Elements are trimmed; empty ones dropped.
 */
export function splitList(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    for (const piece of line.split(INNER_NUMBERING)) {
      for (const part of splitOutsideTitles(piece, /[；;]/)) {
        const element = part.replace(NUMBERING, '').trim().replace(/[。；;，,]+$/u, '').trim();
        if (element && !isAbsent(element)) out.push(element);
      }
    }
  }
  return out;
}

/** Split on a separator character, except inside 《…》. */
function splitOutsideTitles(text: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '《') depth++;
    else if (ch === '》') depth = Math.max(0, depth - 1);
    else if (depth === 0 && sep.test(ch)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

export interface StepValue {
  name: string;
  role?: string;
}

/**
 * Steps: list elements (lines, numbering, `；`), each split on `→` and `->` into segments; a
 * segment's bracketed tail (half- or full-width) is the role of every step in it, and its steps
 * are separated by `、`: `受理、审查(科员)→核准(股长)` is 受理 and 审查 by 科员, then 核准 by 股长.
 */
export function splitSteps(text: string): StepValue[] {
  const steps: StepValue[] = [];
  for (const element of splitList(text)) {
    for (const segment of element.split(/→|->|—>|－>|⇒|➔/u)) {
      let s = segment.trim();
      if (!s) continue;
      let role: string | undefined;
      const tail = /[(（]([^()（）]+)[)）]\s*$/u.exec(s);
      if (tail) {
        role = tail[1].trim() || undefined;
        s = s.slice(0, tail.index).trim();
      }
      for (const name of s.split('、').map((n) => n.trim()).filter(Boolean)) steps.push(role ? { name, role } : { name });
    }
  }
  return steps;
}

export type Unit = '工作日' | '自然日';
export interface Duration {
  value: number;
  unit: Unit;
}

/** A unit cell or a header's bracketed unit: 工作日, 自然日; 日 and 天 read as 自然日 (`natural` set). */
export function parseUnit(text: string): { unit: Unit; assumed: boolean } | undefined {
  const t = normalizeText(text).replace(/^个/, '');
  if (t === '工作日') return { unit: '工作日', assumed: false };
  if (t === '自然日') return { unit: '自然日', assumed: false };
  if (t === '日' || t === '天') return { unit: '自然日', assumed: true };
  return undefined;
}

/** The unit a header names in brackets: `承诺办结时限（工作日）`. */
export function headerUnit(header: string): Unit | undefined {
  const m = /\((工作日|自然日)\)/.exec(header);
  return m ? (m[1] as Unit) : undefined;
}

/**
 * A time limit: "20个工作日" → 20 工作日; "20日", "20天" → 20 自然日 (`assumed`: reported as a
 * warning); "即办" → 0 工作日; a bare number takes `unit` (a unit column or the header's); "无",
 * "—", empty → undefined. Anything else throws {@link NotUnderstood}.
 */
export function parseDuration(value: string | number, unit?: Unit): { duration: Duration; assumed: boolean } | undefined {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && unit) return { duration: { value, unit }, assumed: false };
    throw new NotUnderstood();
  }
  const t = normalizeText(value);
  if (isAbsent(t)) return undefined;
  if (t === '即办' || t === '即办件' || t === '当场办结' || t === '即时办结') return { duration: { value: 0, unit: unit ?? '工作日' }, assumed: false };
  const m = /^(\d+)(?:个)?(工作日|自然日|日|天)?$/.exec(t);
  if (!m) throw new NotUnderstood();
  const n = Number(m[1]);
  if (!m[2]) {
    if (!unit) throw new NotUnderstood();
    return { duration: { value: n, unit }, assumed: false };
  }
  const u = parseUnit(m[2])!;
  // a unit column overrides the text
  return { duration: { value: n, unit: unit ?? u.unit }, assumed: !unit && u.assumed };
}

export const TYPES = ['行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他行政权力', '公共服务', '政府内部审批', '行政备案'] as const;

/** GB/T 39046 A.1 事项类型 codes and the letter codes of 权力清单. */
const TYPE_CODES: Record<string, string> = {
  '01': '行政许可',
  '02': '行政处罚',
  '03': '行政强制',
  '04': '行政征收',
  '05': '行政给付',
  '06': '行政检查',
  '07': '行政确认',
  '08': '行政奖励',
  '09': '行政裁决',
  '10': '其他行政权力',
  '20': '公共服务',
  XK: '行政许可',
  CF: '行政处罚',
  QZ: '行政强制',
  ZS: '行政征收',
  JF: '行政给付',
  JC: '行政检查',
  QR: '行政确认',
  JL: '行政奖励',
  CJ: '行政裁决',
  QT: '其他行政权力',
  GG: '公共服务',
};

export function parseType(value: string | number | boolean): string | undefined {
  const t = typeof value === 'number' ? String(value).padStart(2, '0') : normalizeText(String(value)).toUpperCase();
  if (isAbsent(t)) return undefined;
  if ((TYPES as readonly string[]).includes(t)) return t;
  if (t === '其他权力' || t === '其它行政权力' || t === '其他') return '其他行政权力';
  if (/^\d$/.test(t)) return TYPE_CODES[`0${t}`] ?? fail();
  return TYPE_CODES[t] ?? fail();
}

/** 行使层级 labels and GB/T 39046 A.2 codes (2 省级, 3 市级, 4 县级, 5 乡级). */
const LEVEL_WORDS: Record<string, string> = {
  省级: 'province',
  省: 'province',
  省本级: 'province',
  市级: 'city',
  市: 'city',
  设区的市级: 'city',
  地市级: 'city',
  县级: 'district',
  县: 'district',
  区县级: 'district',
  县区级: 'district',
  '县(市、区)级': 'district',
  乡级: 'street',
  镇级: 'street',
  乡镇级: 'street',
  街道: 'street',
  '乡镇(街道)级': 'street',
  '乡镇(街道)': 'street',
  '镇(乡、街道)级': 'street',
  '2': 'province',
  '3': 'city',
  '4': 'district',
  '5': 'street',
  province: 'province',
  city: 'city',
  district: 'district',
  street: 'street',
};

const LEVEL_ORDER = ['province', 'city', 'district', 'street'];

export function parseLevels(value: string | number | boolean): string[] | undefined {
  const t = normalizeText(String(value));
  if (isAbsent(t)) return undefined;
  const parts = t.split(/[,，、;；/|]+/).filter(Boolean);
  const levels = new Set<string>();
  for (const p of parts) {
    const l = LEVEL_WORDS[p];
    if (!l) throw new NotUnderstood();
    levels.add(l);
  }
  return LEVEL_ORDER.filter((l) => levels.has(l));
}

export function parseNecessity(value: string | number | boolean): string | undefined {
  if (typeof value === 'boolean') return value ? '必要' : '非必要';
  const t = normalizeText(String(value));
  if (t === '') return undefined;
  if (t === '是' || t === '必要' || t === '必须' || t === '必需' || t === 'Y') return '必要';
  if (t === '否' || t === '非必要' || t === '非必须' || t === 'N') return '非必要';
  if (t === '容缺后补' || t === '容缺' || t === '可容缺') return '容缺后补';
  return fail();
}

export function parseEnum(value: string | number | boolean, allowed: readonly string[]): string | undefined {
  const t = normalizeText(String(value));
  if (isAbsent(t)) return undefined;
  if (allowed.includes(t)) return t;
  return fail();
}

export const FORMS = ['原件', '复印件', '原件或复印件', '原件和复印件'] as const;
export const MEDIA = ['纸质', '电子', '纸质和电子'] as const;
export const REVIEW_MODES = ['一审一核', '标准'] as const;
export const POWER_SOURCES = ['法定本级行使', '上级下放', '上级授权', '同级授权', '上级委托', '同级委托'] as const;

/** A count: a whole number, or text "2" / "2份". */
export function parseCount(value: string | number | boolean): number | undefined {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0) return value;
    return fail();
  }
  const t = normalizeText(String(value));
  if (isAbsent(t)) return undefined;
  const m = /^(\d+)(?:份|件|张|套|本)?$/.exec(t);
  if (!m) return fail();
  return Number(m[1]);
}

/** Step days: a whole number or a duration text ("2个工作日" → 2). */
export function parseDays(value: string | number | boolean): number | undefined {
  if (typeof value === 'number') return parseCount(value);
  const t = normalizeText(String(value));
  if (isAbsent(t)) return undefined;
  const m = /^(\d+)(?:个)?(?:工作日|自然日|日|天)?$/.exec(t);
  if (!m) return fail();
  return Number(m[1]);
}

/** A 责任事项 line: "受理责任：公示…" or "1.受理：…" → { stage: 受理, text }. */
export function parseDuty(line: string): { stage: string; text: string } {
  const m = /^([^：:，,。]{1,10}?)(?:责任|环节|阶段)?[：:](.+)$/u.exec(line.trim());
  if (!m || !m[2].trim()) throw new NotUnderstood();
  return { stage: m[1].trim(), text: m[2].trim() };
}

function fail(): never {
  throw new NotUnderstood();
}
