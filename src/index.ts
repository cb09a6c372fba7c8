/**
 * qingdan-lint: the library's public face.
 *
 * ```ts
 * import { lint, format } from 'qingdan-lint';
 * const report = await lint({ patterns: ['data/'] });
 * console.log(format(report, 'stylish'));
 * ```
 */
import { builtinRules } from '../rules/index.js';
import type { RuleDefinition } from './rule-api/index.js';
import { PRESET_NAMES, presetRules, type PresetName } from './config/resolve.js';
import type { SeveritySetting } from './types.js';

export { lint, lintDocuments, type LintOptions, type LintProgress } from './api.js';
export { mergeReports } from './report/merge.js';
export type { ShardSpec } from './files/shard.js';
export { format, formatBinary, FORMAT_NAMES, type FormatName, type FormatOptions } from './report/format.js';
export { stats, type StatsOptions, type StatsReport, type GroupStats, type GroupKey, type Sections, type Dimension, type GroupBy } from './stats/index.js';
export { loadConfig, type UserConfig, type LoadedConfig } from './config/load.js';
/**
 * For plugin authors: exactly the rule API the built-in rules use (docs/writing-rules.md) —
 * `defineRule`, the meta, context and report types, the read-only views a rule sees, the
 * checklist data types, and the text and region helpers. Every name here is either a type only
 * or a value that exists at run time.
 */
export * from './rule-api/index.js';
export { schema } from './schema/validate.js';
export { UsageError } from './config/errors.js';
export { UnusedSuppressionsError, SuppressionsFileError, SUPPRESSIONS_FILE, type BaselineOptions, type BaselineOutcome } from './report/baseline.js';
export { importWorkbooks, ImportError, type ImportOptions, type ImportResult, type ImportReport, type ImportMap } from './import/api.js';
export type { Diagnostic, FileReport, Fix, RelatedLocation, Report, ReportSummary, SourceRange } from './types.js';

/** The built-in rule registry: each rule's meta (id, description, severity, options, messages). */
export const rules: ReadonlyMap<string, RuleDefinition> = new Map(builtinRules.map((r) => [r.id, r]));

/** The presets and the severity each gives every built-in rule. */
export const presets: Readonly<Record<PresetName, Record<string, { severity: SeveritySetting; options?: Record<string, unknown> }>>> = Object.fromEntries(
  PRESET_NAMES.map((name) => [name, Object.fromEntries(presetRules(name, new Map(builtinRules.map((r) => [r.id, r]))))]),
) as Record<PresetName, Record<string, { severity: SeveritySetting; options?: Record<string, unknown> }>>;
