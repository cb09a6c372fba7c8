/**
 * From a rule's report (facts and a JSON path) to a located raw diagnostic: the only place that
 * asks a file for ranges.
 */
import type { EffectiveRules } from '../config/resolve.js';
import type { LoadedFile } from '../load/index.js';
import { locate } from '../load/locate.js';
import { pathKey } from '../load/tree.js';
import type { Diagnostic, JsonPath, RelatedLocation, Severity, SourceRange } from '../types.js';
import type { SourceFile } from './dataset.js';
import type { ReportDescriptor } from './rule.js';

export type RulesFor = (file: string) => EffectiveRules;

/** A diagnostic before wording: facts and location. */
export interface RawDiagnostic extends SourceRange {
  ruleId: string;
  severity: Severity;
  messageId: string;
  data: Record<string, unknown>;
  file: string;
  path: JsonPath;
  region: string;
  itemCode?: string;
  related?: Omit<RelatedLocation, 'message'>[];
  relatedMessage?: { id: string; data: Record<string, unknown> };
  diff?: Diagnostic['diff'];
  fix?: Diagnostic['fix'];
}

export function rangeOf(loaded: LoadedFile, path: JsonPath, atKey?: boolean): LocatedRange {
  const nodes = loaded.nodes();
  if (atKey && nodes) {
    const node = nodes.get(pathKey(path));
    if (node?.keyStart !== undefined) {
      const a = loaded.lines.position(node.keyStart);
      const b = loaded.lines.position(node.keyEnd!);
      return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, path, start: node.keyStart, end: node.keyEnd! };
    }
  }
  return locate(nodes, loaded.lines, path);
}

export type LocatedRange = SourceRange & { path: JsonPath; start: number; end: number };

/** Where path ranges come from: the file itself, or a memo of earlier runs (the cache). */
export interface Locator {
  range(file: SourceFile, path: JsonPath, atKey?: boolean): LocatedRange;
}

export const directLocator: Locator = { range: (file, path, atKey) => rangeOf(file.loaded, path, atKey) };

/** Ranges remembered by file content hash, so an unchanged file is not parsed again to locate. */
export function memoLocator(memo: Map<string, LocatedRange>, used?: Set<string>): Locator {
  return {
    range(file, path, atKey) {
      if (!file.hash) return rangeOf(file.loaded, path, atKey);
      const key = `${file.hash}${pathKey(path)}${atKey ? '\u0002k' : ''}`;
      let r = memo.get(key);
      if (!r) memo.set(key, (r = rangeOf(file.loaded, path, atKey)));
      used?.add(key);
      return r;
    },
  };
}

function itemCodeOf(file: SourceFile, path: JsonPath): string | undefined {
  if (path[0] !== 'items' || typeof path[1] !== 'number') return undefined;
  return file.itemCode(path[1]);
}

export function toRaw(ruleId: string, severity: Severity, d: ReportDescriptor, file: SourceFile, locator: Locator = directLocator): RawDiagnostic {
  const r = locator.range(file, d.path, d.atKey);
  const out: RawDiagnostic = {
    ruleId,
    severity,
    messageId: d.messageId,
    data: d.data ?? {},
    file: file.file,
    path: r.path.length === d.path.length ? d.path : r.path,
    region: file.regionCode,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
  };
  const itemCode = d.itemCode ?? itemCodeOf(file, d.path);
  if (itemCode) out.itemCode = itemCode;
  if (d.related?.length) {
    out.related = d.related.map((rel) => {
      const rr = locator.range(rel.file, rel.path, rel.atKey);
      return { file: rel.file.file, line: rr.line, column: rr.column, endLine: rr.endLine, endColumn: rr.endColumn, path: rr.path, region: rel.file.regionCode };
    });
    const relRegion = d.related[0].file.header?.region;
    const id = ruleId === 'coverage/missing-lower' ? 'relatedRegion' : relRegion?.code === file.regionCode ? 'relatedSame' : 'related';
    out.relatedMessage = { id, data: { region: relRegion?.code ?? '', regionName: relRegion?.name ?? '' } };
  }
  if (d.diff) out.diff = d.diff;
  if (d.fix) out.fix = d.fix;
  return out;
}
