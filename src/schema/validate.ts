/**
 * Validate a document against schemas/checklist.schema.json (compiled once per process or
 * worker) and turn every ajv error into a `schema` report at the offending node, naming the
 * field by its Chinese title and English key.
 */
import type AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { lazyModule } from '../util/lazy.js';
import checklistSchema from '../../schemas/checklist.schema.json' with { type: 'json' };
import type { JsonPath } from '../types.js';
import { precompiledValidator } from './precompiled.js';
import { AJV_OPTIONS } from './ajv-options.js';

// ajv is CommonJS; their default export differs between ESM and CJS builds.
type AjvClass = typeof AjvModule.default;
const ajvClass = lazyModule<AjvClass>('ajv');

export const schema = checklistSchema as Record<string, unknown>;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled && precompiledValidator) compiled = precompiledValidator(isCalendarDate);
  if (!compiled) {
    const Ajv = ajvClass();
    const ajv = new Ajv({ ...AJV_OPTIONS, formats: { date: isCalendarDate } });
    compiled = ajv.compile(schema);
  }
  return compiled as ValidateFunction;
}

export interface SchemaFinding {
  messageId: string;
  data: Record<string, unknown>;
  path: JsonPath;
  atKey?: boolean;
  /** The data key that receives the node's source text (a code that lost its quotes). */
  sourceAs?: string;
}

/** Keys whose string values are codes: a number there most likely lost its quotes. */
const CODE_FIELDS = new Set(['code', 'parent', 'creditCode', 'implementationCode', 'newCode']);

/** The schema's `date` format: YYYY-MM-DD naming a day that exists (2015-02-29 does not). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** The node at a schema path such as `#/properties/items/items` (undefined when there is none). */
function schemaAt(schemaPath: string): unknown {
  let node: unknown = schema;
  for (const raw of schemaPath.replace(/^#\/?/, '').split('/')) {
    if (raw === '') continue;
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
  }
  return node;
}

interface Conditional {
  if?: { properties?: Record<string, unknown> };
  then?: { required?: string[]; anyOf?: { required?: string[] }[] };
}

/**
 * An `if`/`then` that failed (e.g. "an entry whose action is 下放 needs `to`"), as one finding
 * per missing field (`requiredWhen`) or one for "at least one of" (`requiredAnyWhen`), naming
 * the condition. Undefined when the `then` has another shape: its own errors are reported then.
 */
function conditionalFindings(error: ErrorObject, value: unknown): SchemaFinding[] | undefined {
  const holder = error.parentSchema as Conditional | undefined;
  const data = error.data;
  const condition = Object.keys(holder?.if?.properties ?? {})[0];
  const then = holder?.then;
  if (!condition || !then || !data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const object = schemaAt(error.schemaPath.replace(/\/if$/, '').replace(/\/allOf\/\d+$/, ''));
  const props = ((object as { properties?: unknown } | undefined)?.properties ?? {}) as Record<string, unknown>;
  const path = pointerToPath(error.instancePath, value);
  const when = { parentTitle: titleOf(object) ?? '', condition, conditionTitle: titleOf(props[condition]) ?? condition, conditionValue: (data as Record<string, unknown>)[condition] };
  const keys = Object.keys(then);
  if (keys.length === 1 && Array.isArray(then.required)) {
    return then.required
      .filter((property) => !Object.hasOwn(data, property))
      .map((property) => ({ messageId: 'requiredWhen', path, data: { property, title: titleOf(props[property]) ?? property, ...when } }));
  }
  const alternatives = then.anyOf?.map((s) => (Object.keys(s).length === 1 && s.required?.length === 1 ? s.required[0] : undefined));
  if (keys.length === 1 && alternatives && alternatives.every((p) => p !== undefined)) {
    const properties = alternatives as string[];
    return [{ messageId: 'requiredAnyWhen', path, data: { properties, titles: properties.map((p) => titleOf(props[p]) ?? p), ...when } }];
  }
  return undefined;
}

function pointerToPath(pointer: string, data: unknown): JsonPath {
  if (pointer === '') return [];
  const path: JsonPath = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const i = Number(seg);
      path.push(i);
      node = node[i];
    } else {
      path.push(seg);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

function titleOf(s: unknown): string | undefined {
  return s && typeof s === 'object' && typeof (s as { title?: unknown }).title === 'string' ? (s as { title: string }).title : undefined;
}

function fieldName(path: JsonPath): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return path.length === 0 ? '/' : String(path[path.length - 1]);
}

/**
 * Every violation, one finding each. When a node has several (e.g. `type` and its sub-schema's
 * `enum`), only the most specific is kept so one mistake gives one diagnostic.
 */
export function validateChecklist(value: unknown): SchemaFinding[] {
  const validate = validator();
  if (validate(value)) return [];
  const findings: SchemaFinding[] = [];
  const seen = new Set<string>();
  const keep = (f: SchemaFinding): void => {
    const key = JSON.stringify(f.path) + (f.atKey ? 'k' : '') + (f.messageId.startsWith('required') ? `${f.messageId}:${String(f.data.property)}` : '');
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(f);
  };
  // A failed `if`/`then` is reported as itself (naming the condition), not as the errors inside its `then`.
  const conditionals = new Map<ErrorObject, SchemaFinding[]>();
  const inThen: [string, string][] = [];
  for (const error of validate.errors ?? []) {
    if (error.keyword !== 'if') continue;
    const found = conditionalFindings(error, value);
    if (!found) continue;
    conditionals.set(error, found);
    inThen.push([error.instancePath, `${error.schemaPath.replace(/\/if$/, '')}/then/`]);
  }
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'if') {
      for (const f of conditionals.get(error) ?? []) keep(f);
      continue;
    }
    if (inThen.some(([at, prefix]) => error.instancePath === at && error.schemaPath.startsWith(prefix))) continue;
    const path = pointerToPath(error.instancePath, value);
    const parent = error.parentSchema as Record<string, unknown> | undefined;
    if ((error.keyword === 'pattern' || error.keyword === 'format') && parent?.format === 'date') {
      const field = fieldName(path);
      keep({ messageId: 'date', path, data: { property: field, title: titleOf(parent) ?? field, value: error.data } });
      continue;
    }
    let f: SchemaFinding;
    switch (error.keyword) {
      case 'required': {
        const property = (error.params as { missingProperty: string }).missingProperty;
        const props = (parent?.properties ?? {}) as Record<string, unknown>;
        f = { messageId: 'required', path, data: { property, title: titleOf(props[property]) ?? property, parentTitle: titleOf(parent) ?? '' } };
        break;
      }
      case 'additionalProperties': {
        const property = (error.params as { additionalProperty: string }).additionalProperty;
        const known = Object.keys((parent?.properties ?? {}) as Record<string, unknown>);
        f = { messageId: 'additionalProperties', path: [...path, property], atKey: true, data: { property, parentTitle: titleOf(parent) ?? '', known } };
        break;
      }
      case 'type': {
        const expected = (error.params as { type: string }).type;
        const actual = error.data === null ? 'null' : Array.isArray(error.data) ? 'array' : typeof error.data;
        const field = fieldName(path);
        const base = { property: field, title: titleOf(parent) ?? field, expected, actual };
        if (expected === 'string' && typeof error.data === 'number' && CODE_FIELDS.has(field)) {
          // The code as written, not the number YAML made of it: the engine fills `value` from the source.
          f = { messageId: 'quoteCode', path, data: { ...base, value: String(error.data) }, sourceAs: 'value' };
        } else {
          f = { messageId: 'type', path, data: base };
        }
        break;
      }
      case 'enum': {
        const field = fieldName(path);
        f = { messageId: 'enum', path, data: { property: field, title: titleOf(parent) ?? field, value: error.data, allowed: (error.params as { allowedValues: unknown[] }).allowedValues } };
        break;
      }
      default: {
        const field = fieldName(path);
        f = {
          messageId: error.keyword,
          path,
          // Facts only: the keyword's parameters (`limit`, `pattern`, …); rules/schema.ts words them.
          data: { property: field, title: titleOf(parent) ?? field, ...(error.params as object) },
        };
      }
    }
    keep(f);
  }
  return findings;
}
