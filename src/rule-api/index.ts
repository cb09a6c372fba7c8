/**
 * The rule API: everything a rule — built-in or a user's plugin — may use, and the only module
 * of `src/` that `rules/**` imports (a test enforces it). A rule declares itself with
 * {@link defineRule}, reads the data through read-only views, reports facts and JSON paths,
 * and never sees parser nodes, offsets, lines or the engine's classes. Wording is by message
 * id, per locale, done after the run.
 */
export { defineRule, docsUrl, DOCS_BASE, FACETS, type Facet, type ItemPair, type Messages, type ReportDescriptor, type RuleContext, type RuleDefinition, type RuleHooks, type RuleMeta } from './rule.js';
export type { DatasetView, FileView, ItemView, RegionView } from './views.js';
export { FILE_LISTS, ITEM_LIST_FIELDS } from './checklist.js';
export type { FileList, ItemListField, CatalogFee, Checklist, Decision, DecisionAction, DecisionEntry, Duration, Duty, Fee, FileHeader, IntermediaryService, Item, ItemReference, ItemSummary, Level, Material, PowerSource, Responsibility, Step } from './checklist.js';
export type { DiffOp, JsonPath, Locale, PathSegment, Severity, SeveritySetting } from '../types.js';

// Text comparison (format.md, "Text comparison"): the helpers the built-in cross-level rules use.
export { diffSequence, diffText, keptRatio, normalize, pairSimilar, similar, LIMITS, type CompareLimits, type SequenceEdit } from '../text/compare.js';

// Region codes (GB/T 2260) and credit codes (GB 32100).
export { LEVELS, isAncestorShaped, isRegionCode, levelOfCode, parentCandidates } from '../regions/codes.js';
export { checkCreditCode, type CreditCodeProblem } from '../regions/credit-code.js';
export { addDays, isCalendarDate } from '../text/dates.js';
export { isStreet, regionName, regionTableYear, townshipKind, townshipsOf, type TownshipKind } from '../regions/table.js';
