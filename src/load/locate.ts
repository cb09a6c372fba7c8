/**
 * JSON path → source range. The one module that decides where a diagnostic points
 * (docs/conventions.md): a scalar is itself; a collection under a mapping key is its key;
 * a collection in a sequence is the whole entry; a missing path falls back to its nearest
 * existing ancestor.
 */
import type { JsonPath, SourceRange } from '../types.js';
import { pathKey, type NodeInfo, type NodeStyle } from './tree.js';

/** Offsets to 1-based line and column: a LineIndex, or a loaded file. */
export interface Positions {
  position(offset: number): { line: number; column: number };
}

export interface Located extends SourceRange {
  start: number;
  end: number;
  /** The path actually located (shorter than asked when the asked node does not exist). */
  path: JsonPath;
  /** The style of the node at exactly the asked path, when it is a scalar (for fixes). */
  scalarStyle?: NodeStyle;
}

export function nodeAt(nodes: Map<string, NodeInfo>, path: JsonPath): { node: NodeInfo; path: JsonPath } | undefined {
  for (let n = path.length; n >= 0; n--) {
    const sub = n === path.length ? path : path.slice(0, n);
    const node = nodes.get(pathKey(sub));
    if (node) return { node, path: sub };
  }
  return undefined;
}

/** The offsets a diagnostic on `node` covers. */
export function nodeSpan(node: NodeInfo): [number, number] {
  if ((node.kind === 'map' || node.kind === 'seq') && node.keyStart !== undefined) return [node.keyStart, node.keyEnd!];
  return [node.start, node.end];
}

export function locate(nodes: Map<string, NodeInfo> | undefined, lines: Positions, path: JsonPath): Located {
  const found = nodes ? nodeAt(nodes, path) : undefined;
  const [start, end] = found ? nodeSpan(found.node) : [0, 0];
  const a = lines.position(start);
  const b = lines.position(end);
  const located: Located = { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, start, end, path: found ? found.path : [] };
  if (found && found.path.length === path.length && found.node.kind === 'scalar') located.scalarStyle = found.node.style;
  return located;
}
