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
  item: ITEM_KEYS,
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

function isDuration(v: Record<string, unknown>): boolean {
  if (!('value' in v)) return false;
  for (const k in v) if (k !== 'value' && k !== 'unit') return false;
  return true;
}

/** Keys of `o` in format.md order (`ORDER[key]`), then any others in their order. */
function keysOf(key: string, o: Record<string, unknown>): string[] {
  const order = ORDER[key];
  const keys: string[] = [];
  if (order) for (const k of order) if (o[k] !== undefined) keys.push(k);
  for (const k in o) if (o[k] !== undefined && (!order || !order.includes(k))) keys.push(k);
  return keys;
}

/**
 * Text of `key: value` at `indent`, one line or a block. `first` replaces the indent of the first
 * line (a list element's `- `).
 */
function emit(indent: string, first: string, key: string, v: unknown): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return `${first}${key}: []\n`;
    if (key === 'levels' && v.every((x) => typeof x === 'string')) return `${first}${key}: [${v.map((x) => scalar(x as string)).join(', ')}]\n`;
    let out = `${first}${key}:\n`;
    const inner = `${indent}  `;
    for (const el of v) out += element(inner, key, el);
    return out;
  }
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (isDuration(o)) {
      let parts = '';
      for (const k of ['value', 'unit']) if (o[k] !== undefined) parts += `${parts ? ', ' : ''}${k}: ${value(k, o[k])}`;
      return `${first}${key}: { ${parts} }\n`;
    }
    const keys = keysOf(key, o);
    if (keys.length === 0) return `${first}${key}: {}\n`;
    let out = `${first}${key}:\n`;
    const inner = `${indent}  `;
    for (const k of keys) out += emit(inner, inner, k, o[k]);
    return out;
  }
  return `${first}${key}: ${value(key, v)}\n`;
}

function element(indent: string, parentKey: string, el: unknown): string {
  if (el !== null && typeof el === 'object' && !Array.isArray(el)) {
    const o = el as Record<string, unknown>;
    const keys = keysOf(parentKey, o);
    if (keys.length === 0) return `${indent}- {}\n`;
    const inner = `${indent}  `;
    let out = '';
    keys.forEach((k, i) => (out += emit(inner, i === 0 ? `${indent}- ` : inner, k, o[k])));
    return out;
  }
  return `${indent}- ${typeof el === 'string' ? scalar(el) : value('', el)}\n`;
}

/** The text of one file. */
export function toYaml(model: FileModel): string {
  let out = `# yaml-language-server: $schema=${model.schema}\n`;
  out += emit('', '', 'region', model.region);
  if (model.department && (model.department.name !== undefined || model.department.creditCode !== undefined)) out += emit('', '', 'department', model.department);
  if (model.system !== undefined) out += emit('', '', 'system', model.system);
  if (model.items.length === 0) return `${out}items: []\n`;
  out += 'items:\n';
  for (const { source, comments, item } of model.items) {
    out += `  # 来源：${source}\n`;
    for (const c of comments) out += `  # ${c.replace(/[\r\n]+/g, ' ')}\n`;
    const keys = keysOf('item', item);
    if (keys.length === 0) out += '  - {}\n';
    keys.forEach((k, i) => (out += emit('    ', i === 0 ? '  - ' : '    ', k, item[k])));
  }
  return out;
}
