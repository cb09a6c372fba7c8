/** What every formatter may be told besides the report. */
import type { RuleDefinition } from '../rule-api/index.js';
import type { StatsReport } from '../stats/types.js';
import type { Locale } from '../types.js';

export interface FormatOptions {
  locale?: Locale;
  /** ANSI colour (stylish only); the CLI decides it from --color/--no-color, NO_COLOR, FORCE_COLOR and the TTY. */
  color?: boolean;
  /** File texts for code frames; otherwise files are read from `cwd`. */
  sources?: Map<string, string>;
  cwd?: string;
  /** The rules of the run (SARIF lists each); default: the built-in rules. */
  rules?: RuleDefinition[];
  /** The run's statistics (`html` and `xlsx` show them beside the findings). */
  stats?: StatsReport;
}
