/**
 * The rule API. Every built-in rule is declared with {@link defineRule}, exactly as a user's
 * plugin rule is: metadata (id, docs, default severity, options schema, messages per locale)
 * and hooks that report JSON paths. The engine maps paths to ranges, applies configuration,
 * suppressions and wording.
 */
import type { DiffOp, JsonPath, Locale, SeveritySetting } from '../types.js';
import type { DatasetView, FileView, ItemView, RegionView } from './views.js';

/** The parts of an item that cross-level rules compare, each with its own fingerprint. */
export const FACETS = ['name', 'type', 'basis', 'materials', 'steps', 'timeLimit', 'reviewRules'] as const;
export type Facet = (typeof FACETS)[number];

/** What a rule reports: facts and a path; never a line number or wording. */
export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, unknown>;
  /** The node concerned, in `file` (default: the file the hook is about). */
  path: JsonPath;
  file?: FileView;
  /** Point at the mapping key rather than the value (e.g. an unknown key). */
  atKey?: boolean;
  itemCode?: string;
  /** Locations that explain the finding, usually the reference item's corresponding node. */
  related?: { file: FileView; path: JsonPath; atKey?: boolean }[];
  diff?: DiffOp[];
  /** A `data` key that receives the reported node's text as written in the file (e.g. a code YAML read as a number). */
  sourceAs?: string;
  /**
   * `info`: a notice whatever the rule's configured severity (e.g. `tooLarge`, a comparison bounded
   * by a documented limit). The rule being off still silences it.
   */
  severity?: 'info';
  /**
   * An automatic fix: the scalar at `path` (default: the reported path) becomes `value`. The
   * engine finds its range and writes it in the node's own quoting where it can; a node that is
   * not a plain or quoted scalar (a block scalar, an alias, a collection) gets no fix.
   */
  fix?: { path?: JsonPath; value: string };
}

export interface RuleContext<O = Record<string, unknown>> {
  /** The rule's options, defaults filled in, for the file being checked. */
  options: O;
  /** The whole dataset: given to the cross-level hooks (`region`, `compare`, `dataset`). */
  dataset?: DatasetView;
  /**
   * The directory relative paths in rule options resolve against: the command line's working
   * directory, the library's `cwd` option.
   */
  cwd: string;
  report(descriptor: ReportDescriptor): void;
}

export interface ItemPair {
  item: ItemView;
  /** The reference the item is compared with (format.md). */
  reference: ItemView;
}

/**
 * Where a rule looks. `file` and `item` run in the per-file stage (possibly in a worker thread)
 * and see one file; `region`, `compare` and `dataset` run once the whole dataset is known. In
 * those, `ItemView.summary` (code, name, type, levels) is at hand; reading `ItemView.item` or
 * `FileView.doc` loads the file again, so built-in rules read them only where they must.
 */
export interface RuleHooks<O> {
  /** Once per parsed, schema-placed file. */
  file?(file: FileView, context: RuleContext<O>): void;
  /** Once per schema-valid item, where it stands (every level). */
  item?(item: ItemView, context: RuleContext<O>): void;
  /** Once per region, with all its files merged. */
  region?(region: RegionView, context: RuleContext<O> & { dataset: DatasetView }): void;
  /** Once per item that has a reference other than itself. */
  compare?(pair: ItemPair, context: RuleContext<O> & { dataset: DatasetView }): void;
  /** Once per run, over the whole dataset. */
  dataset?(dataset: DatasetView, context: RuleContext<O> & { dataset: DatasetView }): void;
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
   * The file's own soundness (`yaml-syntax`, `schema`): kept on by the presets that select a
   * family of rules (`five-consistencies`, ...).
   */
  core?: boolean;
  /**
   * For `compare` rules: the part of an item the rule compares. When the item's and the
   * reference's fingerprints of it are equal (raw ones with `strict: true`), the engine skips
   * the pair without loading either file again.
   */
  facet?: Facet;
  /**
   * For rules with cross-level hooks (`compare`, `region`, `dataset`): what it reports in a
   * region's files, and in other files with a related location there, depends only on that
   * region, its ancestors and descendants (whole regions), and the files that carry top-level
   * lists (decisions, catalogs). When every such rule of a run says so, `--report-only-given` with
   * `--cache` (the commit hook) reads and checks only those regions. A rule that does not say so
   * makes such runs check the whole dataset, as before.
   */
  lineage?: boolean;
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

/** Where the built-in rules' documentation pages are published. */
export const DOCS_BASE = 'https://github.com/qingdan-lint/qingdan-lint/blob/main/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
