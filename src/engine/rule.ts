/**
 * The rule API. Every built-in rule is declared with {@link defineRule}, exactly as a user's
 * plugin rule is: metadata (id, docs, default severity, options schema, messages per locale)
 * and hooks that report JSON paths. The engine maps paths to ranges, applies configuration,
 * suppressions and wording.
 */
import type { DiffOp, JsonPath, Locale, SeveritySetting } from '../types.js';
import type { Dataset, ItemRef, RegionData, SourceFile } from './dataset.js';
import type { Facet } from './fingerprint.js';

/** What a rule reports: facts and a path; never a line number or wording. */
export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, unknown>;
  /** The node concerned, in `file` (default: the file the hook is about). */
  path: JsonPath;
  file?: SourceFile;
  /** Point at the mapping key rather than the value (e.g. an unknown key). */
  atKey?: boolean;
  itemCode?: string;
  /** Locations that explain the finding, usually the reference item's corresponding node. */
  related?: { file: SourceFile; path: JsonPath; atKey?: boolean }[];
  diff?: DiffOp[];
  /**
   * `info`: a notice whatever the rule's configured severity (e.g. `tooLarge`, a comparison bounded
   * by a documented limit). The rule being off still silences it.
   */
  severity?: 'info';
  fix?: { range: [number, number]; text: string };
}

export interface RuleContext<O = Record<string, unknown>> {
  /** The rule's options, defaults filled in, for the file being checked. */
  options: O;
  /** The whole dataset: given to the cross-level hooks (`region`, `compare`, `dataset`). */
  dataset?: Dataset;
  report(descriptor: ReportDescriptor): void;
}

export interface ItemPair {
  item: ItemRef;
  /** The reference the item is compared with (format.md). */
  reference: ItemRef;
}

/**
 * Where a rule looks. `file` and `item` run in the per-file stage (possibly in a worker thread)
 * and see one file; `region`, `compare` and `dataset` run once the whole dataset is known. In
 * those, `ItemRef.summary` (code, name, type, levels) is at hand; reading `ItemRef.item` or
 * `SourceFile.doc` loads the file again, so built-in rules read them only where they must.
 */
export interface RuleHooks<O> {
  /** Once per parsed, schema-placed file. */
  file?(file: SourceFile, context: RuleContext<O>): void;
  /** Once per schema-valid item, where it stands (every level). */
  item?(item: ItemRef, context: RuleContext<O>): void;
  /** Once per region, with all its files merged. */
  region?(region: RegionData, context: RuleContext<O> & { dataset: Dataset }): void;
  /** Once per item that has a reference other than itself. */
  compare?(pair: ItemPair, context: RuleContext<O> & { dataset: Dataset }): void;
  /** Once per run, over the whole dataset. */
  dataset?(dataset: Dataset, context: RuleContext<O> & { dataset: Dataset }): void;
}

export type Messages = Record<Locale, Record<string, string>>;

export interface RuleMeta {
  /** The public id, e.g. `consistency/materials`. */
  id: string;
  description: Record<Locale, string>;
  /** Severity in the `recommended` preset. */
  severity: SeveritySetting;
  /** Documentation page URL. */
  docs?: string;
  fixable?: boolean;
  /** One of the five consistencies (in the `five-consistencies` preset). */
  fiveConsistencies?: boolean;
  /**
   * For `compare` rules: the part of an item the rule compares. When the item's and the
   * reference's fingerprints of it are equal (raw ones with `strict: true`), the engine skips
   * the pair without loading either file again.
   */
  facet?: Facet;
  /** JSON Schema of the options object. */
  optionsSchema?: Record<string, unknown>;
  defaultOptions?: Record<string, unknown>;
  messages: Messages;
}

export interface RuleDefinition<O = Record<string, unknown>> extends RuleMeta, RuleHooks<O> {}

/** Declare a rule. The same function the built-in rules use; export it from a plugin module. */
export function defineRule<O = Record<string, unknown>>(rule: RuleDefinition<O>): RuleDefinition<O> {
  if (!rule || typeof rule.id !== 'string' || !rule.messages || !rule.messages['zh-CN'] || !rule.messages.en) {
    throw new TypeError('defineRule: a rule needs an id and messages for zh-CN and en');
  }
  return rule;
}

export const DOCS_BASE = 'https://github.com/qingdan-lint/qingdan-lint/blob/main/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
