/**
 * Validate a document against schemas/checklist.schema.json (compiled once per process or
 * worker) and turn every ajv error into a `schema` report at the offending node, naming the
 * field by its Chinese title and English key.
 */
import type AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { lazyExports, lazyModule } from '../util/lazy.js';
import checklistSchema from '../../schemas/checklist.schema.json' with { type: 'json' };
import type { JsonPath } from '../types.js';

// ajv and ajv-i18n are CommonJS; their default export differs between ESM and CJS builds.
type AjvClass = typeof AjvModule.default;
const ajvClass = lazyModule<AjvClass>('ajv');
type LocalizeFn = (errors?: ErrorObject[] | null) => void;
const localizeZh = lazyExports<LocalizeFn>('ajv-i18n/localize/zh');
const localizeEn = lazyExports<LocalizeFn>('ajv-i18n/localize/en');

export const schema = checklistSchema as Record<string, unknown>;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const Ajv = ajvClass();
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, unicodeRegExp: true });
    compiled = ajv.compile(schema);
  }
  return compiled as ValidateFunction;
}

export interface SchemaFinding {
  messageId: string;
  data: Record<string, unknown>;
  path: JsonPath;
  atKey?: boolean;
}

/** Keys whose string values are codes: a number there most likely lost its quotes. */
const CODE_FIELDS = new Set(['code', 'parent', 'creditCode', 'implementationCode']);

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

function detail(error: ErrorObject, lang: 'zh' | 'en'): string {
  const copy = [{ ...error }];
  (lang === 'zh' ? localizeZh() : localizeEn())(copy);
  return copy[0].message ?? error.keyword;
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
  for (const error of validate.errors ?? []) {
    const path = pointerToPath(error.instancePath, value);
    const parent = error.parentSchema as Record<string, unknown> | undefined;
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
          f = { messageId: 'quoteCode', path, data: { ...base, value: String(error.data) } };
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
          data: { property: field, title: titleOf(parent) ?? field, ...(error.params as object), detailZh: detail(error, 'zh'), detailEn: detail(error, 'en') },
        };
      }
    }
    const key = JSON.stringify(f.path) + (f.atKey ? 'k' : '') + (f.messageId === 'required' ? `required:${String(f.data.property)}` : '');
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(f);
  }
  return findings;
}
