/**
 * `format(report, name, options)`: one entry point for every output format.
 */
import { builtinRules } from '../../rules/index.js';
import type { Report } from '../types.js';
import { formatGithub } from './formatters/github.js';
import { formatJson } from './formatters/json.js';
import { formatJunit } from './formatters/junit.js';
import { formatSarif } from './formatters/sarif.js';
import { formatStylish } from './formatters/stylish.js';
import { formatHtml } from './formatters/html.js';
import { reword } from './build.js';
import type { FormatOptions } from './format-options.js';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'junit', 'html', 'xlsx'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export type { FormatOptions } from './format-options.js';

/** Formats whose output is bytes, not text: written with {@link formatBinary}, never to a terminal. */
export const BINARY_FORMATS: readonly string[] = ['xlsx'];

/** A binary format (`xlsx`): the workbook's bytes. */
export async function formatBinary(report: Report, name: string, options: FormatOptions = {}): Promise<Uint8Array> {
  if (name !== 'xlsx') throw new TypeError(`"${name}" is not a binary format; use format()`);
  const { formatXlsx } = await import('./formatters/xlsx.js');
  if (options.locale) report = reword(report, options.rules ?? builtinRules, options.locale);
  return formatXlsx(report, options.stats, options);
}

export function format(report: Report, name: FormatName | string = 'stylish', options: FormatOptions = {}): string {
  // The report holds facts; with a locale its messages are worded again in it (lint's locale need not be the output's).
  if (options.locale) report = reword(report, options.rules ?? builtinRules, options.locale);
  switch (name) {
    case 'stylish':
      return formatStylish(report, options);
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, options.rules ?? builtinRules, options.locale ?? 'zh-CN');
    case 'github':
      return formatGithub(report);
    case 'junit':
      return formatJunit(report, options.locale ?? 'zh-CN');
    case 'html':
      return formatHtml(report, options.stats, options);
    case 'xlsx':
      throw new TypeError('xlsx is a binary format; use formatBinary()');
    default:
      throw new TypeError(`unknown format "${name}"; use ${FORMAT_NAMES.join(', ')}`);
  }
}
