/**
 * Item slices: in the usual layout (a root `items:` key followed by a block sequence), each item
 * is a run of lines that can be parsed on its own. A rule that needs one item's data, or the range
 * of a node inside one item, then parses that item instead of the whole file: locating a finding
 * in a province file of 1,500 items costs one item's parse, not the file's.
 *
 * The slice is parsed on its own (it starts at a line start, so indentation and columns are
 * kept) and its offsets are moved by the slice's start. Anything unusual (flow-style `items`, tabs, anchors, a layout the scan
 * does not recognise) returns undefined and the whole file is parsed as before.
 * `test/parse-paths.test.ts` checks slices against whole-file parses on every fixture.
 */
import { parseFast } from './parse-fast.js';
import { parseBlockTree } from './parse-block.js';
import { parseValue } from './parse-value.js';
import { pathKey, type NodeInfo } from './tree.js';

export interface ItemSlices {
  /** [start, end) offsets of each item entry, in document order. */
  items: [number, number][];
  /** Where the `items:` line starts: the text before it holds only the other root keys. */
  head: number;
  /** Where the item sequence ends: the text from here holds only the other root keys. */
  tail: number;
}

const ITEMS_KEY = /(?:^|\n)items:[ \t]*(?:#[^\n]*)?\r?\n/;

/** Find the item entries, or undefined when the layout is not the plain block one (the lazy scan, run to the end). */
export function findItemSlices(text: string): ItemSlices | undefined {
  return new LazyItemSlices(text).all();
}

const ROOT_KEY = /^[^\s#][^\n]*:(?:\s|$)/;

/**
 * The scan of the item sequence, done only as far as asked (`all()` runs it to the end): the span of item `index` needs the lines up to the
 * start of item `index + 1`. A rule that needs a few items of a large file (a cross-level finding)
 * does not scan the rest. Lines after the ones scanned are not checked, so a layout the full scan
 * would decline further on can still give the items before that point: each is the same run of
 * lines either way, and its parse alone is checked (one entry) as before.
 */
export class LazyItemSlices {
  private readonly starts: number[] = [];
  private at: number;
  private indent = -1;
  private done = false;
  private failed = false;
  private end = 0;
  /** The full scan, when a line needs the general one (rare white space). */
  private full?: ItemSlices | null;

  /** Where the `items:` line starts. */
  private readonly head: number;

  constructor(private readonly text: string) {
    const m = ITEMS_KEY.exec(text);
    this.at = m ? m.index + m[0].length : text.length;
    this.head = m ? m.index + (text.charCodeAt(m.index) === 0x0a ? 1 : 0) : 0;
    if (!m) this.done = this.failed = true;
  }

  /** Every item entry: the whole scan (undefined when some line is not the plain layout). */
  all(): ItemSlices | undefined {
    while (!this.done) this.step();
    if (this.full !== undefined) return this.full ?? undefined;
    if (this.failed) return undefined;
    const starts = this.starts;
    const items = starts.map((s, k): [number, number] => [s, k + 1 < starts.length ? starts[k + 1] : this.end]);
    return { items, head: this.head, tail: this.end };
  }

  /** [start, end) of item `index`, or undefined (no such item, or not the plain layout). */
  span(index: number): [number, number] | undefined {
    if (this.full !== undefined) return this.full?.items[index];
    while (!this.done && this.starts.length <= index + 1) this.step();
    // step() may have switched to the general scan.
    const full = this.full as ItemSlices | null | undefined;
    if (full !== undefined) return full?.items[index];
    if (this.failed || index >= this.starts.length) return undefined;
    return [this.starts[index], index + 1 < this.starts.length ? this.starts[index + 1] : this.end];
  }

  /** One line of the scan: blank and comment lines skipped, each line at the first dash's indentation starts an item, a less indented root key ends the sequence, anything else is not the plain layout. */
  private step(): void {
    const text = this.text;
    const n = text.length;
    const at = this.at;
    if (at >= n) return this.finish(Math.min(at, n));
    let nl = text.indexOf('\n', at);
    if (nl === -1) nl = n;
    let contentEnd = nl;
    if (contentEnd > at && text.charCodeAt(contentEnd - 1) === 0x0d) contentEnd--;
    let i = at;
    let tabInLead = false;
    for (; i < contentEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x20) continue;
      if (c === 0x09) {
        tabInLead = true;
        continue;
      }
      if (c === 0x0a || c === 0x0b || c === 0x0c || c === 0x0d || c === 0xa0 || c === 0xfeff || c > 0x7f) {
        this.full = findItemSlicesSlow(text) ?? null;
        this.done = true;
        return;
      }
      break;
    }
    const lead = i - at;
    this.at = nl + 1;
    if (i === contentEnd || text.charCodeAt(i) === 0x23) return;
    if (tabInLead) return this.fail();
    const dash = text.charCodeAt(i) === 0x2d && (i + 1 === contentEnd || text.charCodeAt(i + 1) === 0x20);
    if (this.indent === -1) {
      if (!dash) return this.fail();
      this.indent = lead;
    }
    if (lead < this.indent || (lead === this.indent && !dash)) {
      if (lead > 0 || !ROOT_KEY.test(text.slice(i, contentEnd))) return this.fail();
      return this.finish(at);
    }
    if (lead === this.indent) this.starts.push(at);
  }

  private fail(): void {
    this.done = this.failed = true;
  }

  private finish(end: number): void {
    this.done = true;
    this.end = end;
    if (this.indent === -1) this.failed = true;
  }
}

/** The span of item `index` from a full or a lazy scan. */
function spanOf(slices: ItemSlices | LazyItemSlices, index: number): [number, number] | undefined {
  return 'items' in slices ? slices.items[index] : slices.span(index);
}

/** The general scan (any white space JavaScript's trimStart() knows). */
function findItemSlicesSlow(text: string): ItemSlices | undefined {
  const m = ITEMS_KEY.exec(text);
  if (!m) return undefined;
  let at = m.index + m[0].length;
  let indent = -1;
  const items: [number, number][] = [];
  while (at < text.length) {
    let nl = text.indexOf('\n', at);
    if (nl === -1) nl = text.length;
    const line = text.slice(at, nl);
    const content = line.replace(/\r$/, '');
    const trimmed = content.trimStart();
    const lead = content.length - trimmed.length;
    if (trimmed === '' || trimmed.startsWith('#')) {
      at = nl + 1;
      continue;
    }
    if (content.includes('\t') && content.slice(0, lead).includes('\t')) return undefined;
    if (indent === -1) {
      if (!trimmed.startsWith('- ') && trimmed !== '-') return undefined;
      indent = lead;
    }
    if (lead < indent || (lead === indent && !(trimmed.startsWith('- ') || trimmed === '-'))) {
      // The sequence ended: another root key (or anything less indented) follows.
      if (lead > 0 || !ROOT_KEY.test(trimmed)) return undefined;
      break;
    }
    if (lead === indent) {
      if (items.length) items[items.length - 1][1] = at;
      items.push([at, text.length]);
    }
    at = nl + 1;
  }
  if (items.length) {
    // The last item ends where the sequence ends.
    const last = items[items.length - 1];
    last[1] = Math.min(last[1], at);
  }
  return indent === -1 ? undefined : { items, head: m.index + (text.charCodeAt(m.index) === 0x0a ? 1 : 0), tail: Math.min(at, text.length) };
}

/** The text of one item: from the start of its first line, so columns (and indentation) are kept. */
function isolate(text: string, [start, end]: [number, number]): string {
  return text.slice(start, end);
}

/** The value of item `index` parsed on its own, or undefined to parse the whole file instead. */
export function itemValue(text: string, slices: ItemSlices | LazyItemSlices, index: number): unknown {
  const span = spanOf(slices, index);
  if (!span) return undefined;
  return valueAlone(isolate(text, span));
}

/** The value of one item's text (its run of lines) parsed on its own, or undefined. */
export function valueAlone(alone: string): unknown {
  const value = parseValue(alone, true) ?? parseFast(alone, false, true)?.value;
  return Array.isArray(value) && value.length === 1 ? value[0] : undefined;
}

/**
 * The nodes at `keys` (all inside item `index`: path keys starting with items/index), from a parse
 * of that item alone; keys are returned in the whole file's form. Undefined: parse the whole file.
 */
export function itemNodes(text: string, slices: ItemSlices | LazyItemSlices, index: number, keys: Iterable<string>): Map<string, NodeInfo> | undefined {
  const span = spanOf(slices, index);
  if (!span) return undefined;
  return nodesAlone(isolate(text, span), span[0], index, keys);
}

/** {@link itemNodes} given the item's text (`alone`) and where it starts in the file's text (`shift`). */
export function nodesAlone(alone: string, shift: number, index: number, keys: Iterable<string>): Map<string, NodeInfo> | undefined {
  const prefix = pathKey(['items', index]);
  const local = new Set<string>();
  for (const key of keys) {
    if (!key.startsWith(prefix)) return undefined;
    local.add(pathKey([0]) + key.slice(prefix.length));
  }
  const tree = parseBlockTree(alone, local, true) ?? parseFast(alone, local, true);
  if (!tree || !Array.isArray(tree.value) || tree.value.length !== 1) return undefined;
  const out = new Map<string, NodeInfo>();
  const localPrefix = pathKey([0]);
  for (const [key, node] of tree.nodes) {
    if (!key.startsWith(localPrefix)) continue;
    const moved: NodeInfo = { ...node, start: node.start + shift, end: node.end + shift };
    if (node.keyStart !== undefined) {
      moved.keyStart = node.keyStart + shift;
      moved.keyEnd = node.keyEnd! + shift;
    }
    out.set(prefix + key.slice(localPrefix.length), moved);
  }
  return out;
}
