/**
 * `format(report, name, options)`: one entry point for every output format.
 */
import { builtinRules } from '../../rules/index.js';
import type { RuleDefinition } from '../engine/rule.js';
import type { Locale, Report } from '../types.js';
import { formatGithub } from './formatters/github.js';
import { formatJson } from './formatters/json.js';
import { formatJunit } from './formatters/junit.js';
import { formatSarif } from './formatters/sarif.js';
import { formatStylish } from './formatters/stylish.js';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export interface FormatOptions {
  locale?: Locale;
  /** ANSI colour (stylish only); the CLI turns it on for a TTY without NO_COLOR. */
  color?: boolean;
  /** File texts for code frames; otherwise files are read from `cwd`. */
  sources?: Map<string, string>;
  cwd?: string;
  /** The rules of the run (SARIF lists each); default: the built-in rules. */
  rules?: RuleDefinition[];
}

export function format(report: Report, name: FormatName | string = 'stylish', options: FormatOptions = {}): string {
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
      return formatJunit(report);
    default:
      throw new TypeError(`unknown format "${name}"; use ${FORMAT_NAMES.join(', ')}`);
  }
}
