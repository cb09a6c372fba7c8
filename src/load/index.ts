/**
 * The loader: the only module that reads checklist files and parses YAML. It hands the rest of
 * the program a {@link LoadedFile}: the decoded text, the plain value, and a path → range lookup.
 */
import { isUtf8 } from 'node:buffer';
import { decode } from './decode.js';
import { LineIndex } from './lines.js';
import { parseExact } from './parse-exact.js';
import { parseFast } from './parse-fast.js';
import { parseBlockTree } from './parse-block.js';
import { parseValue } from './parse-value.js';
import { findItemSlices, itemNodes, itemValue, LazyItemSlices, nodesAlone, valueAlone, type ItemSlices } from './item-slices.js';
import { ItemBytes, itemReading, itemSpansOf, partPosition, type ItemPart } from './item-bytes.js';
import { pathKey } from './tree.js';
import type { NodeInfo } from './tree.js';

export { LineIndex } from './lines.js';
export type { NodeInfo } from './tree.js';
export { nodeAt } from './locate.js';

/** A root `items:` key (at a line start after the first line). */
const ITEMS_LINE = /\nitems:[ \t\r\n#]/;

/** Files larger than this are reported, not parsed. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** A problem that makes the file's content untrusted: reported as `yaml-syntax`. */
export interface LoadProblem {
  messageId: string;
  data: Record<string, unknown>;
  /** Offsets into the text, when there is a text. */
  start?: number;
  end?: number;
  /** Line for problems found before there is a text (encoding). */
  line?: number;
}

/**
 * One checklist file after loading. The node index (path → range) is built lazily: the fast path
 * parses once for the value, and parses again with the index only for a file that needs a range
 * (it has a diagnostic, a related location, a suppression comment or a fix). `release()` drops the
 * index once a file's own diagnostics are located, so memory stays proportional to one file.
 */
/** Node keys inside an item (`items.<n>…`), grouped by the item's index; the `rest` are not. */
function keysByItem(keys: ReadonlySet<string>): { byItem: Map<number, string[]>; rest: Set<string> } {
  const byItem = new Map<number, string[]>();
  const rest = new Set<string>();
  for (const key of keys) {
    const m = /^\u0001items\u0001(\d+)(?:\u0001|$)/.exec(key);
    if (!m) {
      rest.add(key);
      continue;
    }
    const list = byItem.get(Number(m[1]));
    if (list) list.push(key);
    else byItem.set(Number(m[1]), [key]);
  }
  return { byItem, rest };
}

export class LoadedFile {
  private lineIndex?: LineIndex;
  private parsedValue?: unknown;
  /** The file parsed: `value` is (or can be rebuilt as) the document's plain value. */
  readonly ok: boolean;
  private decoded?: string;
  /** A reload's bytes, decoded only when the whole text is asked for (see {@link reloadBytes}). */
  private raw?: { bytes: Uint8Array; textStart: number; items?: ItemBytes };
  /** Items read from `raw` on their own, by index. */
  private parts?: Map<number, ItemPart>;
  /**
   * Set by {@link loadBytes}: where the items start, for the file's record (see item-bytes.ts).
   * A reload is given them back with {@link useItemSpans}.
   */
  itemSpans?: number[];

  constructor(
    /** Display path: relative to the working directory, `/` separators. */
    readonly file: string,
    text: string,
    readonly bom: boolean,
    readonly problems: LoadProblem[],
    value?: unknown,
    private index?: Map<string, NodeInfo>,
    /** Known to parse (an earlier pass parsed it): the value is built only when asked for. */
    deferred = false,
  ) {
    this.ok = value !== undefined || deferred;
    this.parsedValue = value;
    this.decoded = text;
  }

  /** The decoded text (BOM dropped). */
  get text(): string {
    if (this.decoded === undefined) {
      const { bytes, textStart } = this.raw!;
      this.decoded = Buffer.from(bytes.buffer, bytes.byteOffset + textStart, bytes.byteLength - textStart).toString('utf8');
      this.raw = undefined;
      this.parts = undefined;
    }
    return this.decoded;
  }

  /**
   * A reload of bytes already checked as text (UTF-8, no NUL, one BOM at most), whose `text` is
   * decoded on first use: with the record's item spans, single items are read without it.
   */
  static reloadBytes(file: string, bytes: Uint8Array, textStart: number): LoadedFile {
    const loaded = new LoadedFile(file, '', textStart > 0, [], undefined, undefined, true);
    loaded.decoded = undefined;
    loaded.raw = { bytes, textStart };
    return loaded;
  }

  /** The record's item spans (a reload): items are then read from the bytes when they are the same. */
  useItemSpans(spans: readonly number[] | undefined): void {
    if (spans && this.raw && !this.raw.items && itemReading.enabled) this.raw.items = new ItemBytes(this.raw.bytes, this.raw.textStart, spans);
  }

  /** Item `index` read on its own from a reload's bytes; undefined when the whole text applies. */
  private part(index: number): ItemPart | undefined {
    const items = this.raw?.items;
    if (!items) return undefined;
    let part = this.parts?.get(index);
    if (!part) {
      part = items.item(index);
      if (part) (this.parts ??= new Map()).set(index, part);
    }
    return part;
  }

  /** 1-based line and column of a text offset. */
  position(offset: number): { line: number; column: number } {
    if (this.parts) {
      for (const part of this.parts.values()) if (offset >= part.start && offset <= part.start + part.text.length) return partPosition(part, offset);
    }
    return this.lines.position(offset);
  }

  /** {@link nodesFor} from items read on their own, when every key is inside one; else undefined. */
  private partNodes(keys: ReadonlySet<string>): Map<string, NodeInfo> | undefined {
    if (!this.raw?.items) return undefined;
    const { byItem, rest } = keysByItem(keys);
    if (rest.size) return undefined;
    const out = new Map<string, NodeInfo>();
    for (const [index, list] of byItem) {
      const part = this.part(index);
      const found = part && nodesAlone(part.text, part.start, index, list);
      if (!found) return undefined;
      for (const [k, v] of found) out.set(k, v);
    }
    return out;
  }

  /** The document's plain value; undefined when the file could not be parsed. */
  get value(): unknown {
    if (!this.ok) return undefined;
    return (this.parsedValue ??= parseValue(this.text) ?? parseExact(this.text).tree?.value);
  }

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  /** The node index, parsing the text again if it was not kept; undefined for an unparsed file. */
  nodes(): Map<string, NodeInfo> | undefined {
    if (!this.ok) return undefined;
    if (!this.index) this.index = (parseFast(this.text, true) ?? parseExact(this.text).tree)?.nodes;
    return this.index;
  }

  /**
   * The nodes at some paths (and their ancestors), without building the whole index: one pass
   * that records only those. Uses the whole index instead when it is already built.
   */
  nodesFor(keys: ReadonlySet<string>): Map<string, NodeInfo> | undefined {
    if (!this.ok) return undefined;
    if (this.index) return this.index;
    const fromParts = this.partNodes(keys);
    if (fromParts) return fromParts;
    // Keys inside one item: parse just that item (see item-slices.ts); keys before the `items:`
    // line: parse just that text; the rest: one targeted pass.
    const itemsPrefix = pathKey(['items']);
    let inItems = false;
    for (const key of keys) if (key === itemsPrefix || key.startsWith(itemsPrefix + '\u0001')) inItems = true;
    if (!inItems && !keys.has('')) {
      const head = this.beforeItems(keys);
      if (head) return head;
    }
    const lazy = this.lazySlices();
    const { byItem, rest } = keysByItem(keys);
    const out = new Map<string, NodeInfo>();
    for (const [index, list] of byItem) {
      const found = itemNodes(this.text, lazy, index, list);
      if (!found) {
        for (const k of list) rest.add(k);
        continue;
      }
      for (const [k, v] of found) out.set(k, v);
    }
    if (rest.size) {
      // Root keys other than `items` (the header, lists after the items): parse only the text
      // outside the item sequence when every key asked for is there; else the whole file.
      const slices = rest.has('') ? undefined : this.itemSlices();
      const outside = slices ? this.outsideItems(slices, rest) : undefined;
      if (outside) {
        for (const [k, v] of outside) if (!out.has(k)) out.set(k, v);
        return out;
      }
      const whole = parseFast(this.text, rest)?.nodes ?? this.nodes();
      if (!whole) return undefined;
      for (const [k, v] of whole) if (!out.has(k)) out.set(k, v);
    }
    // Every ancestor of an item node (the root, `items`) comes from the whole-file pass when asked;
    // locate() falls back to ancestors only for paths that do not exist.
    return out;
  }

  /** The nodes at `keys` when all are found in the text before a root `items:` line, parsed alone. */
  private beforeItems(keys: ReadonlySet<string>): Map<string, NodeInfo> | undefined {
    const m = ITEMS_LINE.exec(this.text);
    if (!m || m.index === 0) return undefined;
    const head = this.text.slice(0, m.index + 1);
    const nodes = (parseBlockTree(head, keys) ?? parseFast(head, keys))?.nodes;
    if (!nodes) return undefined;
    const found = new Map<string, NodeInfo>();
    for (const key of keys) {
      const node = nodes.get(key);
      if (!node) return undefined;
      found.set(key, node);
    }
    return found;
  }

  /**
   * The nodes at `keys` from the text before the `items:` line and the text after the item
   * sequence, each parsed on its own (offsets kept); undefined unless every key is found there.
   */
  private outsideItems(slices: ItemSlices, keys: ReadonlySet<string>): Map<string, NodeInfo> | undefined {
    const found = new Map<string, NodeInfo>();
    const take = (part: string, shift: number): boolean => {
      const nodes = (parseBlockTree(part, keys) ?? parseFast(part, keys))?.nodes;
      if (!nodes) return false;
      for (const key of keys) {
        const node = nodes.get(key);
        if (!node || found.has(key)) continue;
        const moved: NodeInfo = shift ? { ...node, start: node.start + shift, end: node.end + shift } : node;
        if (shift && node.keyStart !== undefined) {
          moved.keyStart = node.keyStart + shift;
          moved.keyEnd = node.keyEnd! + shift;
        }
        found.set(key, moved);
      }
      return true;
    };
    if (slices.head > 0 && !take(this.text.slice(0, slices.head), 0)) return undefined;
    if (found.size < keys.size && slices.tail < this.text.length && !take(this.text.slice(slices.tail), slices.tail)) return undefined;
    return found.size === keys.size ? found : undefined;
  }

  private slices?: ItemSlices | null;
  private lazy?: LazyItemSlices;

  /** The item entries, found only as far as asked (see LazyItemSlices). */
  private lazySlices(): LazyItemSlices {
    return (this.lazy ??= new LazyItemSlices(this.text));
  }

  /** The item entries of a plain block `items:` list, or undefined for other layouts. */
  itemSlices(): ItemSlices | undefined {
    if (this.slices === undefined) this.slices = (this.ok && findItemSlices(this.text)) || null;
    return this.slices ?? undefined;
  }

  /** One item's value, parsed on its own when the layout allows (else from the whole document). */
  item(index: number): unknown {
    if (this.parsedValue !== undefined) return (this.parsedValue as { items?: unknown[] }).items?.[index];
    const part = this.part(index);
    if (part) {
      const value = valueAlone(part.text);
      return value !== undefined ? value : (this.value as { items?: unknown[] }).items?.[index];
    }
    const alone = this.ok ? itemValue(this.text, this.lazySlices(), index) : undefined;
    return alone !== undefined ? alone : (this.value as { items?: unknown[] }).items?.[index];
  }

  /** Drop the value, the node index and the line index (each is rebuilt on demand). */
  release(): void {
    this.index = undefined;
    this.lineIndex = undefined;
    this.parsedValue = undefined;
    this.slices = undefined;
    this.lazy = undefined;
    this.parts = undefined;
  }
}

export type ParsePath = 'fast' | 'exact';

/** Decode and parse one file's bytes. Never throws on bad input. */
export function loadBytes(file: string, bytes: Uint8Array, parser: ParsePath = 'fast', deferred = false): LoadedFile {
  if (bytes.length > MAX_FILE_BYTES) {
    return failed(file, { messageId: 'tooLarge', data: { size: bytes.length, limit: MAX_FILE_BYTES }, line: 1 });
  }
  if (deferred) {
    const textStart = plainText(bytes);
    if (textStart !== undefined) return LoadedFile.reloadBytes(file, bytes, textStart);
  }
  const decoded = decode(bytes);
  if (!decoded.ok) {
    const p = decoded.problem;
    return failed(file, { messageId: p.messageId, data: p.data, line: 'line' in p.data ? (p.data.line as number) : 1 });
  }
  if (deferred) return deferText(file, decoded.text, decoded.bom);
  const starts: number[] = [];
  const loaded = loadText(file, decoded.text, decoded.bom, parser, starts);
  if (starts.length && decoded.text.charCodeAt(0) !== 0xfeff) loaded.itemSpans = itemSpansOf(bytes, starts);
  return loaded;
}

/**
 * Where the text starts in bytes that {@link decode} takes as they are (UTF-8, no NUL, not UTF-16,
 * at most one BOM): 0, or 3 after a BOM. Undefined: decode them (a problem, or a second BOM).
 */
function plainText(bytes: Uint8Array): number | undefined {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return undefined;
  if (bytes.indexOf(0) !== -1) return undefined;
  const bom = (at: number) => bytes.length >= at + 3 && bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf;
  const start = bom(0) ? 3 : 0;
  if (bom(start)) return undefined;
  return isUtf8(bytes.subarray(start)) ? start : undefined;
}

/**
 * A file an earlier pass already parsed (the cross-level stage reloading it): decoded now, parsed
 * only when (and as far as) a rule needs it, often one item at a time.
 */
export function deferText(file: string, text: string, bom = false): LoadedFile {
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    bom = true;
  }
  return new LoadedFile(file, text, bom, [], undefined, undefined, true);
}

/**
 * Parse already-decoded text (a leading BOM character is dropped). `itemStarts`: filled with the
 * items' starts when the plain-layout parser takes the text (see parseBlock).
 */
export function loadText(file: string, text: string, bom = false, parser: ParsePath = 'fast', itemStarts?: number[]): LoadedFile {
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    bom = true;
  }
  if (parser === 'fast') {
    const value = parseValue(text, false, itemStarts);
    if (value !== undefined) return new LoadedFile(file, text, bom, [], value);
  }
  const exact = parseExact(text);
  if (exact.tree) return new LoadedFile(file, text, bom, [], exact.tree.value, exact.tree.nodes);
  return new LoadedFile(file, text, bom, exact.problems.map((p) => ({ ...p })));
}

/** A file that could not be read or decoded at all. */
export function failed(file: string, problem: LoadProblem): LoadedFile {
  return new LoadedFile(file, '', false, [problem]);
}

