/**
 * The public data model of qingdan-lint: diagnostics and reports (spec: output.md).
 * Messages are data: rules emit `ruleId`, `messageId` and `data`; the wording is added
 * afterwards in the chosen locale.
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type Locale = 'zh-CN' | 'en';

/** One segment of a JSON path into a checklist document. */
export type PathSegment = string | number;
export type JsonPath = PathSegment[];

/** A 1-based source range; columns count UTF-16 code units. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A location that explains a diagnostic, e.g. the reference item at the upper level. */
export interface RelatedLocation extends SourceRange {
  file: string;
  path: JsonPath;
  region: string;
  message: string;
}

/** An automatic edit: replace the UTF-16 offsets `[start, end)` of the file's text with `text`. */
export interface Fix {
  range: [number, number];
  text: string;
}

/** One op of a character diff, as fast-diff gives it: -1 removed, 0 equal, 1 inserted. */
export type DiffOp = [-1 | 0 | 1, string];

export interface Diagnostic extends SourceRange {
  ruleId: string;
  severity: Severity;
  messageId: string;
  data: Record<string, unknown>;
  message: string;
  file: string;
  path: JsonPath;
  region: string;
  itemCode?: string;
  related?: RelatedLocation[];
  diff?: DiffOp[];
  fix?: Fix;
}

export interface FileReport {
  file: string;
  region: string;
  errors: number;
  warnings: number;
  infos: number;
  diagnostics: Diagnostic[];
  /**
   * With a baseline (suppressions file) in effect: the findings it set aside, in report order.
   * They are not in `diagnostics` nor in the counts. Absent when no baseline applies.
   */
  suppressed?: Diagnostic[];
}

export interface ReportSummary {
  files: number;
  regions: number;
  items: number;
  errors: number;
  warnings: number;
  infos: number;
  /** With a baseline in effect: how many findings it set aside (inline suppression comments are not counted). */
  suppressed?: number;
}

export interface Report {
  version: 1;
  tool: { name: 'qingdan-lint'; version: string };
  summary: ReportSummary;
  files: FileReport[];
}
