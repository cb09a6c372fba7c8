/**
 * The fastest value path: a parser for the plain block layout almost every checklist uses (block
 * mappings and sequences, one-line plain and quoted scalars, one-line flow collections of
 * scalars, comments). It returns exactly what `js-yaml` 4's `load` with the core schema returns
 * (plain scalars are resolved by the same null, bool, int and float rules) and gives up —
 * returning undefined, so `js-yaml` decides — on anything else: block scalars, multi-line
 * scalars, quoted or complex keys, anchors, tags, document markers, directives, tabs, duplicate
 * keys, odd indentation. Giving up is always safe; accepting is only done for layouts whose
 * value is certain. test/parse-block.test.ts compares it with `js-yaml` on every fixture and on
 * generated variations.
 */
import { lazyExports } from '../util/lazy.js';
import { TreeBuilder, type ParsedTree } from './tree.js';

/** `js-yaml` 4, for the rare plain scalars that may be numbers (`1e3`, `0x1F`, `.inf`, …). */
const jsYaml = lazyExports<typeof import('js-yaml')>('js-yaml');
type ImplicitType = { resolve(data: string): boolean; construct(data: string): unknown };
let numberTypes: ImplicitType[] | undefined;

/** `js-yaml`'s test for characters a YAML stream may not hold (it rejects the whole input). */
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** Deeper nesting than any checklist has: js-yaml (and its depth limit) decides. */
const MAX_NESTING = 32;
/** A superset of {@link NON_PRINTABLE} (any surrogate), much cheaper to test; astral text then takes the precise test. */
const MAYBE_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF\uD800-\uDFFF]/;
const DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;

const GIVE_UP = new Error('parse-block: not this layout');

function giveUp(): never {
  throw GIVE_UP;
}

/** A plain scalar's value under the YAML 1.2 core schema, as `js-yaml` 4 resolves it. */
function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Only ~ n N t T f F digits + - . can start a null, bool, int or float.
  if (c === 0x7e /* ~ */) return s === '~' ? null : s;
  if (c === 0x6e || c === 0x4e) return s === 'null' || s === 'Null' || s === 'NULL' ? null : s;
  if (c === 0x74 || c === 0x54) return s === 'true' || s === 'True' || s === 'TRUE' ? true : s;
  if (c === 0x66 || c === 0x46) return s === 'false' || s === 'False' || s === 'FALSE' ? false : s;
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
    if (DECIMAL.test(s)) return Number(s);
    if (!numberTypes) {
      const schema = jsYaml().CORE_SCHEMA as unknown as { compiledImplicit: (ImplicitType & { tag: string })[] };
      numberTypes = schema.compiledImplicit.filter((t) => t.tag.endsWith(':int') || t.tag.endsWith(':float'));
    }
    for (const t of numberTypes) if (t.resolve(s)) return t.construct(s);
  }
  return s;
}

/**
 * Parses `text` (a BOM already dropped). `anyRoot`: accept a root that is not a mapping (an item
 * slice is a one-entry sequence). Undefined: give up.
 *
 * `itemStarts`: filled, when the root `items` key holds a block sequence, with each entry's line
 * start (offset) and 1-based line number, then the same two for where the sequence ends (the next
 * content line, or the text's end): the spans item-slices.ts finds by its own scan, for free. Left
 * empty when the text is declined or a line in the sequence starts with a character the scan treats
 * apart (over U+007F after the indentation); test/item-range-reload.test.ts holds them to the scan.
 */
export function parseBlock(text: string, anyRoot = false, itemStarts?: number[]): unknown {
  if (text.includes('\t') || text.includes('__proto__') || text.includes('<<') || (MAYBE_NON_PRINTABLE.test(text) && NON_PRINTABLE.test(text)) || (text.includes('\r') && LONE_CR.test(text))) return undefined;
  try {
    const parser = new BlockParser(text, undefined, itemStarts);
    const value = parser.document(anyRoot);
    if (itemStarts && !parser.startsKept) itemStarts.length = 0;
    return value;
  } catch {
    if (itemStarts) itemStarts.length = 0;
    // GIVE_UP, or anything unexpected (a stack overflow on hostile nesting): js-yaml decides.
    return undefined;
  }
}

const LONE_CR = /\r(?!\n)/;

/**
 * The same parse, also recording node ranges (all nodes, or those at `index` and their ancestors)
 * through the shared TreeBuilder, as `parseFast` does: for locating findings in one item or in a
 * file's header. Undefined (the caller uses `parseFast`) for anything the value parse declines,
 * and for empty values (`key:` with nothing after it), whose ranges the exact path decides.
 */
export function parseBlockTree(text: string, index: boolean | ReadonlySet<string> = true, anyRoot = false): ParsedTree | undefined {
  if (text.includes('\t') || text.includes('__proto__') || text.includes('<<') || (MAYBE_NON_PRINTABLE.test(text) && NON_PRINTABLE.test(text)) || (text.includes('\r') && LONE_CR.test(text))) return undefined;
  const builder = new TreeBuilder(index);
  try {
    new BlockParser(text, builder).document(anyRoot);
  } catch {
    return undefined;
  }
  if (builder.failed) return undefined;
  const tree = builder.finish();
  return tree.problems.length ? undefined : tree;
}

class BlockParser {
  private readonly n: number;
  /** The current content line: its start, its indentation and where its content ends. */
  private lineStart = 0;
  private indent = 0;
  /** Where the current node's text starts (after `- ` for an entry's inline content). */
  private at = 0;
  private end = 0;
  /** The start of the next line. */
  private next = 0;
  private eof = false;
  /** The 1-based number of the current content line. */
  private line = 0;
  /** The next sequence is the root `items` (its entries' starts go to `itemStarts`). */
  private itemsNext = false;
  /** Inside the root `items` sequence: a line whose content starts with a character over U+007F drops the starts. */
  private inItems = false;
  private unusualLead = false;
  /** `itemStarts` holds the root items' starts (see {@link parseBlock}). */
  startsKept = false;

  constructor(
    private readonly text: string,
    /** Receives the nodes and their ranges (tree mode). */
    private readonly b?: TreeBuilder,
    /** Receives the root `items` entries' starts (see {@link parseBlock}). */
    private readonly itemStarts?: number[],
  ) {
    this.n = text.length;
  }

  /** Moves to the next line holding content (blank and comment-only lines are skipped). */
  private advance(from: number): void {
    const text = this.text;
    let p = from;
    // Lines are visited in order: `from` is 0 or the line after the current one.
    let line = from === 0 ? 1 : this.line + 1;
    while (p < this.n) {
      let nl = text.indexOf('\n', p);
      if (nl === -1) nl = this.n;
      let i = p;
      while (i < nl && text.charCodeAt(i) === 0x20) i++;
      let e = nl;
      if (e > i && text.charCodeAt(e - 1) === 0x0d) e--;
      if (i < e && text.charCodeAt(i) !== 0x23 /* # */) {
        // `---` or `...` at a line start: a document marker to js-yaml (`---x` too).
        if (i === p && (text.startsWith('---', i) || text.startsWith('...', i))) giveUp();
        // The item scan (item-slices.ts) takes another path for such a line: no starts then.
        if (this.inItems && text.charCodeAt(i) > 0x7f) this.unusualLead = true;
        this.line = line;
        this.lineStart = p;
        this.indent = i - p;
        this.at = i;
        this.end = e;
        this.next = nl + 1;
        return;
      }
      p = nl + 1;
      line++;
    }
    // The line the text's end is on (the last line when the text does not end with a line break).
    this.line = p > this.n ? line - 1 : line;
    this.eof = true;
    this.indent = -1;
  }

  document(anyRoot: boolean): unknown {
    this.advance(0);
    if (this.eof) giveUp();
    const c = this.text.charCodeAt(this.at);
    // Directives and document markers: js-yaml decides.
    if (c === 0x25 /* % */ || (this.indent === 0 && (this.text.startsWith('---', this.at) || this.text.startsWith('...', this.at)))) giveUp();
    if (!anyRoot && this.indent !== 0) giveUp();
    const value = this.block(this.indent);
    if (!this.eof) giveUp();
    if (!anyRoot && (value === null || typeof value !== 'object' || Array.isArray(value))) giveUp();
    return value;
  }

  private depth = 0;

  /** The block node starting on the current line at its indentation `ind`. */
  private block(ind: number): unknown {
    if (++this.depth > MAX_NESTING) giveUp();
    const value = this.isEntry() ? this.sequence(ind) : this.mapping(ind);
    this.depth--;
    return value;
  }

  /** Whether the current content is a sequence entry (`-` then a space or the line's end). */
  private isEntry(): boolean {
    return this.text.charCodeAt(this.at) === 0x2d && (this.at + 1 === this.end || this.text.charCodeAt(this.at + 1) === 0x20);
  }

  private sequence(ind: number): unknown[] {
    const out: unknown[] = [];
    const text = this.text;
    const starts = this.itemsNext ? this.itemStarts : undefined;
    this.itemsNext = false;
    if (starts) this.inItems = true;
    this.b?.beginCollection('seq', this.at, 'block');
    for (;;) {
      // The current line is an entry at `ind`.
      starts?.push(this.lineStart, this.line);
      let p = this.at + 1;
      while (p < this.end && text.charCodeAt(p) === 0x20) p++;
      if (p === this.end || text.charCodeAt(p) === 0x23) {
        // `- # comment` alone: js-yaml 4 misplaces what follows (the exact path decides).
        if (p < this.end) giveUp();
        // The entry's node is on the next lines (or it is empty).
        this.advance(this.next);
        if (!this.eof && this.indent > ind) out.push(this.block(this.indent));
        else if (this.b) giveUp();
        else out.push(null);
      } else {
        const col = p - this.lineStart;
        this.at = p;
        if (this.isEntry()) giveUp(); // `- - x`
        if (this.keySeparator(p) !== -1) {
          // `- key: value`: a mapping whose keys stand at this column.
          this.indent = col;
          if (++this.depth > MAX_NESTING) giveUp();
          out.push(this.mapping(col));
          this.depth--;
        } else {
          out.push(this.inline(p));
          this.advance(this.next);
        }
      }
      if (this.indent === ind && this.isEntry()) continue;
      if (this.eof || this.indent <= ind) {
        // Ended: less indented, or a key of the mapping that holds this (compact) sequence.
        this.b?.endCollection();
        if (starts) {
          // Where the sequence ends: the next content line, or the end of the text.
          starts.push(this.eof ? this.n : this.lineStart, this.line);
          this.inItems = false;
          this.startsKept = !this.unusualLead;
        }
        return out;
      }
      giveUp();
    }
  }

  private mapping(ind: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const text = this.text;
    this.b?.beginCollection('map', this.at, 'block');
    for (;;) {
      // The current content (at this.at, column ind) is `key:` or `key: value`.
      const sep = this.keySeparator(this.at);
      if (sep === -1) giveUp();
      const key = this.key(this.at, sep);
      if (Object.prototype.hasOwnProperty.call(out, key)) giveUp();
      this.b?.scalar(key, this.at, sep, 'plain');
      let p = sep + 1;
      while (p < this.end && text.charCodeAt(p) === 0x20) p++;
      let value: unknown;
      if (p === this.end || text.charCodeAt(p) === 0x23) {
        if (p < this.end && p === sep + 1) giveUp(); // `key:#`
        this.advance(this.next);
        // The root `items` key holding a block sequence: its entries' starts are recorded.
        if (this.itemStarts && this.depth === 1 && ind === 0 && key === 'items' && !this.eof && this.indent >= ind && this.isEntry()) this.itemsNext = true;
        if (!this.eof && this.indent > ind) value = this.block(this.indent);
        else if (!this.eof && this.indent === ind && this.isEntry()) value = this.sequence(ind);
        else if (this.b) giveUp();
        else value = null;
      } else {
        value = this.inline(p);
        this.advance(this.next);
      }
      out[key] = value;
      if (this.eof || this.indent < ind) {
        this.b?.endCollection();
        return out;
      }
      if (this.indent === ind && !this.isEntry()) continue;
      giveUp();
    }
  }

  /**
   * The offset of the `:` that ends a plain key starting at `p` on the current line (followed by
   * a space or the line's end), or -1 when the content is not `key:`. Gives up on keys it does
   * not take (quoted, flow, with indicators).
   */
  private keySeparator(p: number): number {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === 0x22 || c === 0x27) {
      // A quoted scalar: a key when a `:` follows its closing quote.
      const close = text.indexOf(String.fromCharCode(c), p + 1);
      if (close === -1 || close >= this.end) return -1;
      let q = close + 1;
      while (q < this.end && text.charCodeAt(q) === 0x20) q++;
      if (q < this.end && text.charCodeAt(q) === 0x3a) giveUp();
      return -1;
    }
    if (c === 0x5b || c === 0x7b) {
      // A flow collection; as a key it would be followed by `:` after its end.
      return -1;
    }
    for (let i = p; i < this.end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x3a /* : */) {
        if (i + 1 === this.end || text.charCodeAt(i + 1) === 0x20) return i;
      } else if (ch === 0x23 /* # */ && i > p && text.charCodeAt(i - 1) === 0x20) {
        return -1;
      }
    }
    return -1;
  }

  private key(p: number, sep: number): string {
    const text = this.text;
    if (sep === p || sep - p > 1024) giveUp();
    const c = text.charCodeAt(p);
    if (isIndicator(c) || text.charCodeAt(sep - 1) === 0x20) giveUp();
    for (let i = p; i < sep; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x23 || ch === 0x2c || ch === 0x5b || ch === 0x5d || ch === 0x7b || ch === 0x7d || ch === 0x22 || ch === 0x27) giveUp();
    }
    return String(resolvePlain(text.slice(p, sep)));
  }

  /** A value on one line from `p` to the line's end: a quoted or plain scalar or a flow collection. */
  private inline(p: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(p);
    let value: unknown;
    let q: number;
    if (c === 0x22 || c === 0x27) {
      [value, q] = quoted(text, p, this.end);
      this.b?.scalar(value, p, q, c === 0x22 ? 'double' : 'single');
    } else if (c === 0x5b || c === 0x7b) {
      [value, q] = flow(text, p, this.end, 0, this.b);
    } else {
      if (isIndicator(c) || (c === 0x2d && (p + 1 === this.end || text.charCodeAt(p + 1) === 0x20))) giveUp();
      let e = this.end;
      for (let i = p; i < this.end; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 0x3a) {
          // `: ` inside a value, or a value ending in `:`: a mapping where none may be.
          if (i + 1 === this.end || text.charCodeAt(i + 1) === 0x20) giveUp();
        } else if (ch === 0x23 && text.charCodeAt(i - 1) === 0x20) {
          e = i;
          break;
        }
      }
      while (e > p && text.charCodeAt(e - 1) === 0x20) e--;
      const plain = resolvePlain(own(text, p, e));
      this.b?.scalar(plain, p, e, 'plain');
      return plain;
    }
    // After a quoted scalar or a flow collection: spaces, then the line's end or a comment.
    let sawSpace = false;
    while (q < this.end && text.charCodeAt(q) === 0x20) {
      q++;
      sawSpace = true;
    }
    if (q < this.end && !(sawSpace && text.charCodeAt(q) === 0x23)) giveUp();
    return value;
  }
}

/**
 * c-indicators a plain scalar may not start with (`-`, `?` and `:` may, before a non-space; they
 * are left to js-yaml here too, except `-` before a digit or letter).
 */
/**
 * `text.slice(a, b)` that does not keep `text` alive: V8 makes a slice of 13 or more characters a
 * view into its parent, so one value kept after the parse (an item's name in a record) would keep
 * the whole file in memory. The copy goes through a flattened concatenation.
 */
function own(text: string, a: number, b: number): string {
  return b - a < 13 ? text.slice(a, b) : (' ' + text.slice(a, b)).slice(1);
}

function isIndicator(c: number): boolean {
  switch (c) {
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case 0x23: // #
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case 0x27: // '
    case 0x22: // "
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
    case 0x3f: // ?
    case 0x3a: // :
      return true;
    default:
      return false;
  }
}

/** A one-line quoted scalar starting at `p`: its value and the offset after its closing quote. */
function quoted(text: string, p: number, end: number): [string, number] {
  const quote = text.charCodeAt(p);
  if (quote === 0x27) {
    let out = '';
    let from = p + 1;
    for (;;) {
      const close = text.indexOf("'", from);
      if (close === -1 || close >= end) giveUp();
      if (text.charCodeAt(close + 1) === 0x27 && close + 1 < end) {
        out += text.slice(from, close + 1);
        from = close + 2;
        continue;
      }
      return [out === '' ? own(text, from, close) : (' ' + out + text.slice(from, close)).slice(1), close + 1];
    }
  }
  let escaped = false;
  for (let i = p + 1; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5c /* \ */) {
      escaped = true;
      i++;
    } else if (ch === 0x22) {
      if (!escaped) return [own(text, p + 1, i), i + 1];
      // JSON's escapes are YAML's (YAML has more: those give up).
      let value: unknown;
      try {
        value = JSON.parse(text.slice(p, i + 1));
      } catch {
        giveUp();
      }
      return [value as string, i + 1];
    }
  }
  giveUp();
}

/** A one-line flow collection starting at `p` (`[` or `{`): its value and the offset after it. */
function flow(text: string, p: number, end: number, depth = 0, b?: TreeBuilder): [unknown, number] {
  if (depth > MAX_NESTING) giveUp();
  b?.beginCollection(text.charCodeAt(p) === 0x5b ? 'seq' : 'map', p, 'flow');
  const isSeq = text.charCodeAt(p) === 0x5b;
  const close = isSeq ? 0x5d : 0x7d;
  const seq: unknown[] = [];
  const map: Record<string, unknown> = {};
  let q = p + 1;
  const skip = () => {
    while (q < end && text.charCodeAt(q) === 0x20) q++;
  };
  skip();
  if (text.charCodeAt(q) === close) {
    b?.endCollection(q + 1);
    return [isSeq ? seq : map, q + 1];
  }
  for (;;) {
    skip();
    if (q >= end) giveUp();
    let key: string | undefined;
    if (!isSeq) {
      // `key: value` with a plain key.
      const k0 = q;
      while (q < end) {
        const ch = text.charCodeAt(q);
        if (ch === 0x3a && text.charCodeAt(q + 1) === 0x20) break;
        if (ch === 0x2c || ch === 0x5b || ch === 0x5d || ch === 0x7b || ch === 0x7d || ch === 0x23 || ch === 0x22 || ch === 0x27 || ch === 0x3a) giveUp();
        q++;
      }
      if (q >= end || q === k0 || isIndicator(text.charCodeAt(k0)) || text.charCodeAt(q - 1) === 0x20) giveUp();
      key = String(resolvePlain(text.slice(k0, q)));
      if (Object.prototype.hasOwnProperty.call(map, key)) giveUp();
      b?.scalar(key, k0, q, 'plain');
      q++;
      skip();
    }
    let value: unknown;
    const c = text.charCodeAt(q);
    if (c === 0x22 || c === 0x27) {
      const q0 = q;
      [value, q] = quoted(text, q, end);
      b?.scalar(value, q0, q, c === 0x22 ? 'double' : 'single');
    } else if (c === 0x5b || c === 0x7b) {
      [value, q] = flow(text, q, end, depth + 1, b);
    } else {
      if (isIndicator(c) || q >= end || (c === 0x2d && /[ ,\]}]/.test(text[q + 1] ?? ''))) giveUp();
      const v0 = q;
      while (q < end) {
        const ch = text.charCodeAt(q);
        if (ch === 0x2c || ch === 0x5d || ch === 0x7d) break;
        if (ch === 0x5b || ch === 0x7b || ch === 0x23 || ch === 0x3a || ch === 0x3f) giveUp();
        q++;
      }
      let e = q;
      while (e > v0 && text.charCodeAt(e - 1) === 0x20) e--;
      value = resolvePlain(own(text, v0, e));
      b?.scalar(value, v0, e, 'plain');
    }
    if (isSeq) seq.push(value);
    else map[key!] = value;
    skip();
    const ch = text.charCodeAt(q);
    if (q >= end) giveUp();
    if (ch === close) {
      b?.endCollection(q + 1);
      return [isSeq ? seq : map, q + 1];
    }
    if (ch !== 0x2c) giveUp();
    q++;
    skip();
    // A trailing comma, or an empty entry: js-yaml decides.
    if (q >= end || text.charCodeAt(q) === close || text.charCodeAt(q) === 0x2c) giveUp();
  }
}
