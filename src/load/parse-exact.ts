/**
 * The exact parse path: `yaml`'s document API. It owns every syntax diagnostic (messages and
 * positions come from one parser, whichever path found the file faulty) and gives the same tree
 * as the fast path for well-formed files (checked by test/parse-paths.test.ts on every fixture).
 */
import type { Node as YamlNode } from 'yaml';
import { lazyExports } from '../util/lazy.js';
import { syntaxKind } from './syntax-messages.js';
import { MAX_DEPTH, TreeBuilder, type NodeStyle, type ParsedTree, type TreeProblem } from './tree.js';

export interface SyntaxProblem {
  /** `multipleDocuments`, `empty`, `tooDeep`, a tree problem, or a parser error's kind (see syntax-messages.ts). */
  messageId: string;
  data: Record<string, unknown>;
  start: number;
  end: number;
}

export interface ExactResult {
  tree?: ParsedTree;
  problems: SyntaxProblem[];
}

/** `yaml` is loaded on first use: most runs never need the exact path. */
const yaml = lazyExports<typeof import('yaml')>('yaml');

const SCALAR_STYLES: Record<string, NodeStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

/** Show core-namespace tags as written (`!!js/function`), not expanded. */
function tagText(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  return tag.startsWith('tag:yaml.org,2002:') ? '!!' + tag.slice('tag:yaml.org,2002:'.length) : tag;
}

/** Where a node's tag is written: the nearest occurrence of its text before the node. */
function tagStartOf(text: string, tag: string | undefined, nodeStart: number): number | undefined {
  if (!tag) return undefined;
  const at = text.lastIndexOf(tag, nodeStart);
  return at === -1 ? undefined : at;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && (text[e - 1] === '\n' || text[e - 1] === '\r' || text[e - 1] === ' ')) e--;
  return e;
}

function feed(builder: TreeBuilder, node: YamlNode | null, text: string): void {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yaml();
  if (builder.failed) return;
  if (node === null || node === undefined) return;
  const range = node.range!;
  if (isScalar(node)) {
    const style = SCALAR_STYLES[node.type ?? 'PLAIN'] ?? 'plain';
    let end = range[1];
    if (style === 'literal' || style === 'folded') end = trimEnd(text, range[0], end);
    let value = node.value;
    if (typeof value === 'bigint') value = Number(value);
    const tag = tagText(node.tag);
    builder.scalar(value, range[0], end, style, node.anchor, tag, tagStartOf(text, tag, range[0]));
  } else if (isMap(node) || isSeq(node)) {
    const flow = !!node.flow;
    const tag = tagText(node.tag);
    builder.beginCollection(isMap(node) ? 'map' : 'seq', range[0], flow ? 'flow' : 'block', node.anchor, tag, tagStartOf(text, tag, range[0]));
    for (const entry of node.items as unknown[]) {
      if (isPair(entry)) {
        const key = entry.key as YamlNode | null;
        if (key === null) builder.scalar(null, range[0], range[0], 'plain');
        else feed(builder, key, text);
        const value = entry.value as YamlNode | null;
        if (value === null) {
          // `key:` with nothing after it: an empty scalar, located at its key.
          const at = builder.lastEnd;
          builder.scalar(null, at, at, 'plain');
        } else feed(builder, value, text);
      } else feed(builder, entry as YamlNode, text);
      if (builder.failed) return;
    }
    builder.endCollection(flow ? range[1] : undefined);
  } else if (isAlias(node)) {
    builder.alias(node.source, range[0], range[1]);
  }
}

export function parseExact(text: string): ExactResult {
  let docs;
  try {
    docs = yaml().parseAllDocuments(text, { uniqueKeys: false, merge: false, strict: true });
  } catch (error) {
    // The parser itself gave up (its stack, on absurd nesting): one diagnostic at the start.
    const deep = error instanceof RangeError;
    return { problems: [deep ? { messageId: 'tooDeep', data: { limit: MAX_DEPTH }, start: 0, end: 0 } : { messageId: 'invalid', data: { code: 'PARSER' }, start: 0, end: 0 }] };
  }
  const list = Array.isArray(docs) ? docs : [];
  const problems: SyntaxProblem[] = [];
  if (list.length === 0) {
    return { problems: [{ messageId: 'empty', data: {}, start: 0, end: 0 }] };
  }
  const doc = list[0];
  // Only the first parser error: the ones after it are usually knock-on effects of the first.
  for (const err of doc.errors.slice(0, 1)) {
    if (/Maximum call stack/i.test(err.message)) {
      problems.push({ messageId: 'tooDeep', data: { limit: MAX_DEPTH }, start: err.pos[0], end: err.pos[1] });
      continue;
    }
    problems.push({ ...syntaxKind(err, text), start: err.pos[0], end: err.pos[1] });
  }
  if (list.length > 1) {
    const second = list[1];
    const start = second.range?.[0] ?? text.length;
    problems.push({ messageId: 'multipleDocuments', data: { count: list.length }, start, end: start });
  }
  if (problems.length > 0) return { problems };
  const builder = new TreeBuilder();
  feed(builder, doc.contents as YamlNode | null, text);
  const tree = builder.finish();
  if (tree.problems.length > 0) return { problems: tree.problems };
  if (doc.contents === null || tree.value === null) {
    return { problems: [{ messageId: 'empty', data: {}, start: 0, end: 0 }] };
  }
  return { tree, problems: [] };
}
