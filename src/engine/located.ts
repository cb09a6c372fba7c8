/**
 * From a rule's report (facts and a JSON path) to a located raw diagnostic: the only place that
 * asks a file for ranges.
 */
import type { EffectiveRules } from '../config/resolve.js';
import type { LoadedFile, NodeInfo } from '../load/index.js';
import { locate } from '../load/locate.js';
import { pathKey } from '../load/tree.js';
import type { Diagnostic, JsonPath, RelatedLocation, Severity, SourceRange } from '../types.js';
import { SourceFile } from './dataset.js';
import type { FileView, ReportDescriptor } from '../rule-api/index.js';
import { rewritable, scalarSource } from '../load/scalar-source.js';
import type { NodeStyle } from '../load/tree.js';

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
  /** The region of the first related location (a fact the report words with; see report/build.ts). */
  relatedRegion?: { code: string; name: string };
  diff?: Diagnostic['diff'];
  fix?: Diagnostic['fix'];
}

export function rangeOf(loaded: LoadedFile, path: JsonPath, atKey?: boolean): LocatedRange {
  return rangeIn(loaded, loaded.nodes(), path, atKey);
}

/** The range of `path` given a (possibly partial) node index of the file. */
export function rangeIn(loaded: LoadedFile, nodes: Map<string, NodeInfo> | undefined, path: JsonPath, atKey?: boolean): LocatedRange {
  if (atKey && nodes) {
    const node = nodes.get(pathKey(path));
    if (node?.keyStart !== undefined) {
      const a = loaded.position(node.keyStart);
      const b = loaded.position(node.keyEnd!);
      return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, path, start: node.keyStart, end: node.keyEnd! };
    }
  }
  // Positions from the items read on their own when that is where the nodes are (a reload).
  return locate(nodes, loaded, path);
}

export type LocatedRange = SourceRange & { path: JsonPath; start: number; end: number; scalarStyle?: NodeStyle };

/** Where a path of a file is: `range(file, path, atKey)`. */
export type RangeLookup = (file: SourceFile, path: JsonPath, atKey?: boolean) => LocatedRange;

/** Ranges straight from the file (its whole node index). */
export const directRange: RangeLookup = (file, path, atKey) => rangeOf(file.loaded, path, atKey);

/** A finding waiting for its ranges: they are looked up in one batch per file. */
export interface Pending {
  ruleId: string;
  severity: Severity;
  descriptor: ReportDescriptor;
  file: SourceFile;
}

function requestKey(file: SourceFile, path: JsonPath, atKey?: boolean): string {
  return `${file.file}\u0000${pathKey(path)}${atKey ? '\u0002k' : ''}`;
}

/**
 * Look up every range the pending findings need, one pass per file that records only the nodes
 * asked for (instead of indexing whole files), consulting and filling `memo` (the cache: ranges by
 * content hash) first. Each file is let go once its ranges are known.
 */
export function batchRanges(pending: Pending[], memo?: { locate: Map<string, LocatedRange>; used: Set<string> }): RangeLookup {
  const byFile = new Map<SourceFile, { path: JsonPath; atKey?: boolean }[]>();
  const want = (file: SourceFile, path: JsonPath, atKey?: boolean) => {
    let list = byFile.get(file);
    if (!list) byFile.set(file, (list = []));
    list.push({ path, atKey });
  };
  for (const p of pending) {
    const file = p.descriptor.file ? sourceOf(p.descriptor.file) : p.file;
    want(file, p.descriptor.path, p.descriptor.atKey);
    if (p.descriptor.fix && (p.descriptor.fix.path || p.descriptor.atKey)) want(file, p.descriptor.fix.path ?? p.descriptor.path);
    for (const r of p.descriptor.related ?? []) want(sourceOf(r.file), r.path, r.atKey);
  }
  const found = new Map<string, LocatedRange>();
  for (const [file, requests] of byFile) {
    const missing: typeof requests = [];
    for (const r of requests) {
      const hit = file.hash && memo ? memo.locate.get(`${file.hash}${pathKey(r.path)}${r.atKey ? '\u0002k' : ''}`) : undefined;
      if (hit) {
        memo!.used.add(`${file.hash}${pathKey(r.path)}${r.atKey ? '\u0002k' : ''}`);
        found.set(requestKey(file, r.path, r.atKey), hit);
      } else missing.push(r);
    }
    if (missing.length === 0) continue;
    const nodes = file.loaded.nodesFor(new Set(missing.map((r) => pathKey(r.path))));
    for (const r of missing) {
      const range = rangeIn(file.loaded, nodes, r.path, r.atKey);
      found.set(requestKey(file, r.path, r.atKey), range);
      if (file.hash && memo) {
        const key = `${file.hash}${pathKey(r.path)}${r.atKey ? '\u0002k' : ''}`;
        memo.locate.set(key, range);
        memo.used.add(key);
      }
    }
    file.release();
  }
  return (file, path, atKey) => found.get(requestKey(file, path, atKey)) ?? rangeOf(file.loaded, path, atKey);
}

/**
 * The engine's file behind a rule's file view. A rule can only hold views the engine gave it; any
 * other object is a plugin's mistake, reported as such.
 */
export function sourceOf(view: FileView): SourceFile {
  if (view instanceof SourceFile) return view;
  throw new Error(`a rule reported a location in a file the dataset does not have (${String((view as { file?: unknown })?.file)})`);
}

function itemCodeOf(file: SourceFile, path: JsonPath): string | undefined {
  if (path[0] !== 'items' || typeof path[1] !== 'number') return undefined;
  return file.itemCode(path[1]);
}

export function toRaw(ruleId: string, severity: Severity, d: ReportDescriptor, file: SourceFile, range: RangeLookup = directRange): RawDiagnostic {
  const r = range(file, d.path, d.atKey);
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
  if (d.sourceAs) out.data = { ...out.data, [d.sourceAs]: file.loaded.text.slice(r.start, r.end) };
  const itemCode = d.itemCode ?? itemCodeOf(file, d.path);
  if (itemCode) out.itemCode = itemCode;
  if (d.related?.length) {
    out.related = d.related.map((rel) => {
      const rr = range(sourceOf(rel.file), rel.path, rel.atKey);
      return { file: rel.file.file, line: rr.line, column: rr.column, endLine: rr.endLine, endColumn: rr.endColumn, path: rr.path, region: rel.file.regionCode };
    });
    const relRegion = d.related[0].file.header?.region;
    out.relatedRegion = { code: relRegion?.code ?? '', name: relRegion?.name ?? '' };
  }
  if (d.diff) out.diff = d.diff;
  if (d.fix) {
    // A fix is a new value for a scalar: its range and quoting come from the file.
    const at = d.fix.path ?? d.path;
    const fr = d.fix.path || d.atKey ? range(file, at) : r;
    if (fr.path.length === at.length && rewritable(fr.scalarStyle)) out.fix = { range: [fr.start, fr.end], text: scalarSource(d.fix.value, fr.scalarStyle) };
  }
  return out;
}
