/**
 * Wording: turn `messageId` + `data` into text in one locale. Templates use `{name}`
 * placeholders; arrays are joined with the locale's list separator.
 */
import type { Locale } from '../types.js';

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

function show(value: unknown, locale: Locale): string {
  if (value === undefined || value === null) return locale === 'en' ? '(none)' : '（无）';
  if (Array.isArray(value)) return value.map((v) => show(v, locale)).join(locale === 'en' ? ', ' : '、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function interpolate(template: string, data: Record<string, unknown>, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in data ? show(data[name], locale) : whole));
}

/** Messages the engine itself words (related locations, operational errors). */
export const ENGINE_MESSAGES: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    related: '参照：{regionName}（{region}）的对应内容',
    relatedRegion: '缺少该事项的{regionName}（{region}）清单',
    relatedSame: '本区划内首次出现处',
  },
  en: {
    related: 'reference: the corresponding node at {regionName} ({region})',
    relatedRegion: 'the list of {regionName} ({region}), which lacks the item',
    relatedSame: 'the first occurrence in this region',
  },
};
