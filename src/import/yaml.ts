/**
 * Writing imported lists as format.md files: schema modeline, keys in format.md order, codes
 * quoted, durations in flow style, a source comment above each item.
 */

const ITEM_KEYS = [
  'code',
  'implementationCode',
  'name',
  'type',
  'basis',
  'levels',
  'reviewMode',
  'timeLimit',
  'materials',
  'steps',
  'reviewRules',
  'powerSource',
  'entrustedBy',
  'decisionRefs',
  'prerequisites',
  'intermediaries',
  'fees',
  'responsibility',
];
const ORDER: Record<string, string[]> = {
  region: ['code', 'name', 'level', 'parent'],
  department: ['name', 'creditCode'],
  timeLimit: ['statutory', 'promised'],
  materials: ['name', 'form', 'medium', 'copies', 'necessity', 'source'],
  steps: ['name', 'days', 'role'],
  prerequisites: ['code', 'name'],
  intermediaries: ['code', 'name'],
  fees: ['code', 'name', 'standard', 'basis'],
  responsibility: ['duties', 'accountability', 'basis', 'measures', 'supervision'],
  duties: ['stage', 'text'],
};
/** Keys whose string values are codes: always quoted. */
const CODE_KEYS = new Set(['code', 'implementationCode', 'creditCode', 'parent']);

export interface FileModel {
  schema: string;
  region: { code: string; name?: string; level?: string };
  department?: { name?: string; creditCode?: string };
  system?: string;
  items: { source: string; comments: string[]; item: Record<string, unknown> }[];
}

const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
const NUMBERISH = /^[-+.]?(?:\d|\.inf|\.nan)|^0[box]/i;

/** A string as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
export function scalar(s: string): string {
  if (
    s === '' ||
    s !== s.trim() ||
    /[\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(s) ||
    /^[-?:,[\]{}#&*!|>'"%@`]/.test(s) ||
    /: |:$| #|\t/.test(s) ||
    RESERVED.test(s) ||
    NUMBERISH.test(s) ||
    /^\d{4}-\d\d-\d\d/.test(s)
  )
    return quote(s);
  return s;
}

export function quote(s: string): string {
  return JSON.stringify(s).replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\L' : '\\P'));
}

function value(key: string, v: unknown): string {
  if (typeof v === 'string') return CODE_KEYS.has(key) ? quote(v) : scalar(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return quote(String(v));
}

function isDuration(v: unknown): v is { value: unknown; unit: unknown } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && 'value' in v && Object.keys(v).every((k) => k === 'value' || k === 'unit');
}

function ordered(key: string, o: Record<string, unknown>): [string, unknown][] {
  const order = ORDER[key] ?? [];
  const keys = [...order.filter((k) => k in o), ...Object.keys(o).filter((k) => !order.includes(k))];
  return keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]);
}

function emit(lines: string[], indent: string, key: string, v: unknown) {
  if (Array.isArray(v)) {
    if (v.length === 0) {
      lines.push(`${indent}${key}: []`);
      return;
    }
    if (key === 'levels' && v.every((x) => typeof x === 'string')) {
      lines.push(`${indent}${key}: [${v.map((x) => scalar(x as string)).join(', ')}]`);
      return;
    }
    lines.push(`${indent}${key}:`);
    for (const el of v) emitElement(lines, `${indent}  `, key, el);
    return;
  }
  if (v && typeof v === 'object') {
    if (isDuration(v)) {
      lines.push(`${indent}${key}: { ${ordered('', v as Record<string, unknown>).map(([k, x]) => `${k}: ${value(k, x)}`).join(', ')} }`);
      return;
    }
    const entries = ordered(key, v as Record<string, unknown>);
    if (entries.length === 0) {
      lines.push(`${indent}${key}: {}`);
      return;
    }
    lines.push(`${indent}${key}:`);
    for (const [k, x] of entries) emit(lines, `${indent}  `, k, x);
    return;
  }
  lines.push(`${indent}${key}: ${value(key, v)}`);
}

function emitElement(lines: string[], indent: string, parentKey: string, el: unknown) {
  if (el && typeof el === 'object' && !Array.isArray(el)) {
    const entries = ordered(parentKey, el as Record<string, unknown>);
    if (entries.length === 0) {
      lines.push(`${indent}- {}`);
      return;
    }
    const start = lines.length;
    for (const [k, x] of entries) emit(lines, `${indent}  `, k, x);
    lines[start] = `${indent}- ${lines[start].slice(indent.length + 2)}`;
    return;
  }
  lines.push(`${indent}- ${typeof el === 'string' ? scalar(el) : value('', el)}`);
}

/** The text of one file. */
export function toYaml(model: FileModel): string {
  const lines: string[] = [`# yaml-language-server: $schema=${model.schema}`];
  emit(lines, '', 'region', model.region);
  if (model.department && (model.department.name !== undefined || model.department.creditCode !== undefined)) emit(lines, '', 'department', model.department);
  if (model.system !== undefined) emit(lines, '', 'system', model.system);
  if (model.items.length === 0) lines.push('items: []');
  else {
    lines.push('items:');
    for (const { source, comments, item } of model.items) {
      lines.push(`  # 来源：${source}`);
      for (const c of comments) lines.push(`  # ${c.replace(/[\r\n]+/g, ' ')}`);
      const sorted: Record<string, unknown> = {};
      for (const k of ITEM_KEYS) if (item[k] !== undefined) sorted[k] = item[k];
      for (const k of Object.keys(item)) if (!(k in sorted)) sorted[k] = item[k];
      const start = lines.length;
      for (const [k, x] of Object.entries(sorted)) emit(lines, '    ', k, x);
      if (lines.length === start) lines.push('    {}');
      lines[start] = `  - ${lines[start].slice(4)}`;
    }
  }
  return lines.join('\n') + '\n';
}
