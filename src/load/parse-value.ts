/**
 * The fast path, for the value: `js-yaml` 4's `load` with the YAML 1.2 core schema (about 3×
 * faster than `js-yaml` 5's `load`, 2.5× faster than its event stream alone, and far faster than
 * `yaml`, on CJK-heavy checklists; figures in docs/decisions.md, "Dependencies"). It takes only
 * plain, ordinary text: anything with anchors, aliases, tags, merge keys or `__proto__`, and the
 * layouts where `js-yaml` is more lenient than YAML 1.2 (found by the property tests), goes to the
 * exact path, and so does anything it rejects (a syntax error, a duplicate key, several
 * documents). The exact path owns every diagnostic.
 */
import { lazyExports } from '../util/lazy.js';
import { MAX_DEPTH } from './tree.js';
import { parseBlock } from './parse-block.js';

/** `js-yaml` 4, loaded on first use (a warm `--cache` run parses nothing). */
const jsYaml = lazyExports<typeof import('js-yaml')>('js-yaml');

/** Anchors (`&a`), aliases (`*a`), tags (`!x`), merge keys and `__proto__`: left to the event path. */
const NEEDS_EVENT_PATH = /(?:^|[\s[{,:-])[&*!][^\s,\]}]|<<|__proto__/;

/**
 * The document's value, or undefined when another path must decide.
 * @param anyRoot accept a root that is not a mapping (an item parsed on its own is a sequence)
 * @param itemStarts filled by the plain-layout parser, when it takes the text, with the root items'
 *   starts (see parseBlock); left empty otherwise
 */
export function parseValue(text: string, anyRoot = false, itemStarts?: number[]): unknown {
  // The plain block layout, parsed directly (the same value, several times faster). It declines
  // everything the checks below send elsewhere (anchors, aliases, tags, merge keys, `__proto__`,
  // tabs, document markers, quotes and flow collections over several lines, glued comments,
  // `- #`), and nests at most 32 deep; what it accepts is a mapping (or, with `anyRoot`, a sequence).
  const block = parseBlock(text, anyRoot, itemStarts);
  if (block !== undefined) return block;
  // Cheap native scans first: most checklists have none of these characters at all.
  const suspicious = text.includes('&') || text.includes('*') || text.includes('!') || text.includes('<<') || text.includes('__proto__');
  if (suspicious && NEEDS_EVENT_PATH.test(text)) return undefined;
  if (!fastPathFits(text)) return undefined;
  try {
    const { load, CORE_SCHEMA } = jsYaml();
    const value = load(text, { schema: CORE_SCHEMA, json: false });
    // Only a mapping is a checklist; anything else is decided (and reported) by the exact path.
    if (value === null || typeof value !== 'object' || (Array.isArray(value) && !anyRoot) || deeperThan(value, MAX_DEPTH)) return undefined;
    return value;
  } catch {
    return undefined;
  }
}

/**
 * Inputs where the fast parsers and `yaml` are known to disagree (a tab where indentation could
 * be): the exact path decides them. Found by the property tests; each case is kept as a fixture.
 */
export function fastPathFits(text: string): boolean {
  return (
    !(text.includes('\t') && LEADING_TAB.test(text)) &&
    !quoteSpansLines(text, '"') &&
    !quoteSpansLines(text, "'") &&
    !flowSpansLines(text) &&
    !((text.includes('---') || text.includes('...')) && GLUED_MARKER.test(text)) &&
    !commentTrap(text)
  );
}

const EMPTY_ENTRY_COMMENT = /^[ \t]*-[ \t]+#$/;

/** `---(` or `...x` at a line start is a plain scalar in YAML 1.2, a document marker to `js-yaml`. */
const GLUED_MARKER = /(?:^|\n)(?:---|\.\.\.)[^\s]/;

/**
 * A comment glued to a quoted scalar or a flow indicator (`"x"#c`, which `yaml` rejects), or an
 * empty sequence entry holding only a comment (`- # …`, after which `js-yaml` 4 misplaces what
 * follows). Looks only at the `#` characters.
 */
function commentTrap(text: string): boolean {
  for (let at = text.indexOf('#'); at !== -1; at = text.indexOf('#', at + 1)) {
    const before = text.charCodeAt(at - 1);
    // " ' ] } ,
    if (before === 0x22 || before === 0x27 || before === 0x5d || before === 0x7d || before === 0x2c) return true;
    if (before === 0x20 || before === 0x09) {
      const lineStart = text.lastIndexOf('\n', at) + 1;
      if (EMPTY_ENTRY_COMMENT.test(text.slice(lineStart, at + 1))) return true;
    }
  }
  return false;
}

/** Whether some line opens more flow brackets than it closes (a flow collection over several lines). */
function flowSpansLines(text: string): boolean {
  for (const open of ['{', '[']) {
    let at = text.indexOf(open);
    while (at !== -1) {
      const lineStart = text.lastIndexOf('\n', at) + 1;
      let lineEnd = text.indexOf('\n', at);
      if (lineEnd === -1) lineEnd = text.length;
      let depth = 0;
      for (let i = lineStart; i < lineEnd; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) depth--;
      }
      if (depth !== 0) return true;
      at = text.indexOf(open, lineEnd);
    }
  }
  return false;
}

/**
 * Whether a quoted scalar may continue on another line (`js-yaml` accepts continuation lines that
 * `yaml` rightly rejects as under-indented). Pairs quote characters left to right; a stray quote
 * in plain text only sends the file to the exact path, never the other way round.
 */
function quoteSpansLines(text: string, quote: string): boolean {
  let open = text.indexOf(quote);
  while (open !== -1) {
    const close = text.indexOf(quote, open + 1);
    if (close === -1) return true;
    const nl = text.indexOf('\n', open);
    if (nl !== -1 && nl < close) return true;
    open = text.indexOf(quote, close + 1);
  }
  return false;
}

const LEADING_TAB = /(?:^|\n)[ ]*\t/;

/** Whether collections nest deeper than `limit` (iterative: no recursion on hostile input). */
function deeperThan(root: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    if (Array.isArray(node)) {
      for (const child of node) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    } else if (node !== null && typeof node === 'object') {
      for (const key in node) {
        const child = (node as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
      }
    }
  }
  return false;
}
