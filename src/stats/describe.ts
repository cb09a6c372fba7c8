/**
 * What people-facing reports (the HTML page, the workbook) say beside a diagnostic: the region's
 * and department's names, the item's name, the source lines for a code frame, and the values of
 * the upper level and this level. Read from the files of the report (the texts the run had, or
 * the files under `cwd`); a file that cannot be read leaves those cells empty.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadText } from '../load/index.js';
import type { Diagnostic, Locale } from '../types.js';
import { interpolate } from '../report/i18n.js';

export interface FileFacts {
  regionName?: string;
  department?: string;
  /** Item names by code (first occurrence). */
  items: Map<string, string>;
  /** The file's lines (for code frames); undefined when it could not be read. */
  lines?: string[];
}

export interface Described {
  file(file: string): FileFacts;
}

export function describeReport(options: { sources?: Map<string, string>; cwd?: string }): Described {
  const cache = new Map<string, FileFacts>();
  return {
    file(file) {
      let facts = cache.get(file);
      if (facts) return facts;
      facts = { items: new Map() };
      cache.set(file, facts);
      let text = options.sources?.get(file);
      if (text === undefined) {
        try {
          text = readFileSync(resolve(options.cwd ?? process.cwd(), file), 'utf8');
        } catch {
          return facts;
        }
      }
      text = text.replace(/^\uFEFF/, '');
      facts.lines = text.split(/\r?\n/);
      const value = loadText(file, text).value as Record<string, unknown> | undefined;
      if (!value || typeof value !== 'object') return facts;
      const region = value.region as Record<string, unknown> | undefined;
      if (region && typeof region.name === 'string') facts.regionName = region.name;
      const department = value.department as Record<string, unknown> | undefined;
      if (department && typeof department.name === 'string') facts.department = department.name;
      if (Array.isArray(value.items)) {
        for (const item of value.items as Record<string, unknown>[]) {
          if (item && typeof item.code === 'string' && typeof item.name === 'string' && !facts.items.has(item.code)) facts.items.set(item.code, item.name);
        }
      }
      return facts;
    },
  };
}

function show(value: unknown, unit: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((v) => show(v, undefined) ?? '').join('、');
  if (typeof value === 'number') return typeof unit === 'string' ? `${value}${unit}` : String(value);
  if (typeof value === 'string') return value;
  return undefined;
}

/**
 * The upper level's and this level's values, where the finding compares texts or numbers with the
 * upper level (its related location is in another region): its `expected`/`actual` facts, else
 * the two sides of its diff.
 */
export function comparedValues(d: Diagnostic, locale: Locale = 'zh-CN'): { upper?: string; here?: string } {
  // Only a comparison with another region's node has an upper level's value.
  if (!d.related?.some((r) => r.region !== d.region)) return {};
  const data = d.data ?? {};
  const unit = locale === 'en' && typeof data.unit === 'string' ? ` ${interpolate('{unit:unit}', data, locale)}` : data.unit;
  let upper = show(data.expected, unit);
  let here = show(data.actual, unit);
  if (upper === undefined && here === undefined && d.diff) {
    upper = d.diff.filter(([op]) => op !== 1).map(([, t]) => t).join('');
    here = d.diff.filter(([op]) => op !== -1).map(([, t]) => t).join('');
  }
  return { upper, here };
}
