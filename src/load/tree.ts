/**
 * The one place that turns a YAML node stream into a plain value plus an index of node ranges.
 * Both parse paths (the fast `js-yaml` event path and the exact `yaml` document path) feed the
 * same builder, so values, ranges and data-level problems (duplicate keys, merge keys, tags,
 * alias limits) are the same whichever parser produced the nodes.
 */

export type NodeKind = 'map' | 'seq' | 'scalar' | 'alias';
export type NodeStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded' | 'block' | 'flow';

/** Where a node stands in the text (UTF-16 offsets, end exclusive). */
export interface NodeInfo {
  kind: NodeKind;
  style: NodeStyle;
  start: number;
  end: number;
  /** The key's range when the node is the value of a mapping entry. */
  keyStart?: number;
  keyEnd?: number;
}

/** A data-level problem found while building; offsets into the text. */
export interface TreeProblem {
  messageId: 'duplicateKey' | 'mergeKey' | 'tag' | 'tooManyAliases' | 'tooDeep' | 'complexKey' | 'unknownAnchor';
  data: Record<string, unknown>;
  start: number;
  end: number;
}

export interface ParsedTree {
  value: unknown;
  nodes: Map<string, NodeInfo>;
  problems: TreeProblem[];
}

/** Limits that keep hostile input (alias bombs) from exhausting memory or time. */
export const MAX_ALIASES = 1000;
export const MAX_EXPANDED_NODES = 1_000_000;
/** Deepest nesting of collections accepted (a checklist needs about six). */
export const MAX_DEPTH = 100;

const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'seq', 'map']);

/** Joins path segments into the index key; `\u0001` cannot appear in YAML keys we accept. */
export function pathKey(path: readonly (string | number)[]): string {
  let key = '';
  for (const seg of path) key += '\u0001' + String(seg);
  return key;
}

/** `!!str`, `!<tag:yaml.org,2002:str>` and `tag:yaml.org,2002:str` all name the core `str` tag. */
export function coreTagName(tag: string): string | undefined {
  let t = tag;
  if (t.startsWith('!<') && t.endsWith('>')) t = t.slice(2, -1);
  if (t.startsWith('!!')) t = t.slice(2);
  else if (t.startsWith('tag:yaml.org,2002:')) t = t.slice('tag:yaml.org,2002:'.length);
  else return undefined;
  return CORE_TAGS.has(t) ? t : undefined;
}

interface Frame {
  kind: 'map' | 'seq';
  value: Record<string, unknown> | unknown[];
  key: string;
  info: NodeInfo;
  /** Map frames: the pending key, waiting for its value. */
  pendingKey?: { name: string; start: number; end: number };
  keyCount: number;
  size: number;
  anchor?: string;
  lastEnd: number;
}

export class TreeBuilder {
  readonly nodes = new Map<string, NodeInfo>();

  private readonly wanted?: ReadonlySet<string>;
  private readonly index: boolean;

  /**
   * @param index record node ranges: `true` for every node (the exact path, suppression comments),
   *   a set of path keys for just those nodes and their ancestors (locating a few diagnostics in a
   *   large file), `false` for none (the value only).
   */
  constructor(index: boolean | ReadonlySet<string> = true) {
    this.index = index !== false;
    if (typeof index === 'object') {
      const prefixes = new Set<string>(['']);
      for (const key of index) {
        let at = key.indexOf('\u0001', 1);
        while (at !== -1) {
          prefixes.add(key.slice(0, at));
          at = key.indexOf('\u0001', at + 1);
        }
        prefixes.add(key);
      }
      this.wanted = prefixes;
    }
  }

  /** Whether the node at `key` is recorded (every node, or one on a wanted path). */
  private keep(key: string): boolean {
    return this.index && (!this.wanted || this.wanted.has(key));
  }


  readonly problems: TreeProblem[] = [];
  private readonly stack: Frame[] = [];
  private readonly anchors = new Map<string, { value: unknown; size: number }>();
  private root: unknown = null;
  private hasRoot = false;
  private aliasCount = 0;
  private expanded = 0;
  private stopped = false;

  /** The end offset of the last finished node, so a parser can find a flow collection's close. */
  lastEnd = 0;

  get failed(): boolean {
    return this.stopped;
  }

  private problem(p: TreeProblem): void {
    this.problems.push(p);
  }

  /** Where the next node goes: its path key and, for a mapping value, its key range. */
  private slot(): { key: string; keyStart?: number; keyEnd?: number } | undefined {
    const top = this.stack[this.stack.length - 1];
    if (!top) return { key: '' };
    // Children of a node that is not recorded are not recorded either: no key is built for them.
    const build = this.index && (!this.wanted || this.wanted.has(top.key));
    if (top.kind === 'seq') return { key: build ? top.key + '\u0001' + (top.value as unknown[]).length : '\u0000' };
    const pk = top.pendingKey;
    if (!pk) return undefined; // this node is a key
    return { key: build ? top.key + '\u0001' + pk.name : '\u0000', keyStart: pk.start, keyEnd: pk.end };
  }

  private place(value: unknown, end: number, size: number): void {
    this.lastEnd = end;
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.root = value;
      this.hasRoot = true;
      return;
    }
    top.size += size;
    top.lastEnd = end;
    if (top.kind === 'seq') {
      (top.value as unknown[]).push(value);
      return;
    }
    const pk = top.pendingKey!;
    top.pendingKey = undefined;
    // Own data property even for "__proto__": the target has a null prototype.
    (top.value as Record<string, unknown>)[pk.name] = value;
  }

  private isKeyPosition(): boolean {
    const top = this.stack[this.stack.length - 1];
    return !!top && top.kind === 'map' && !top.pendingKey;
  }

  private checkTag(tag: string | undefined, start: number, end: number, tagStart?: number): string | undefined {
    if (!tag) return undefined;
    const core = coreTagName(tag);
    if (core === undefined) {
      const at = tagStart ?? start;
      this.problem({ messageId: 'tag', data: { tag }, start: at, end: tagStart !== undefined ? tagStart + tag.length : end });
      return undefined;
    }
    return core;
  }

  private count(size: number, start: number, end: number): boolean {
    this.expanded += size;
    if (this.expanded > MAX_EXPANDED_NODES) {
      this.problem({ messageId: 'tooManyAliases', data: { limit: MAX_EXPANDED_NODES, kind: 'expanded' }, start, end });
      this.stopped = true;
      return false;
    }
    return true;
  }

  /** A scalar; `value` already resolved by the parser (plain scalars by the core schema). */
  scalar(value: unknown, start: number, end: number, style: NodeStyle, anchor?: string, tag?: string, tagStart?: number): void {
    if (this.stopped) return;
    const core = this.checkTag(tag, start, end, tagStart);
    if (core === 'str' && typeof value !== 'string') value = value === null ? '' : String(value);
    if (this.isKeyPosition()) {
      const top = this.stack[this.stack.length - 1];
      const name = String(value); // a null key is "null", as js-yaml names it
      if (style === 'plain' && name === '<<') {
        this.problem({ messageId: 'mergeKey', data: {}, start, end });
      } else if (name in (top.value as Record<string, unknown>)) {
        this.problem({ messageId: 'duplicateKey', data: { key: name }, start, end });
      }
      top.pendingKey = { name, start, end };
      // A block mapping starts at its first key (after the key's anchor or tag, if any).
      if (top.info.style === 'block' && top.keyCount++ === 0) top.info.start = start;
      this.lastEnd = end;
      return;
    }
    const slot = this.slot()!;
    let s = start;
    let e = end;
    if (s === e && slot.keyStart !== undefined) {
      // An empty value (`statutory:`) is located at its key.
      s = slot.keyStart;
      e = slot.keyEnd!;
    }
    if (this.keep(slot.key)) {
      const info: NodeInfo = { kind: 'scalar', style, start: s, end: e };
      if (slot.keyStart !== undefined) {
        info.keyStart = slot.keyStart;
        info.keyEnd = slot.keyEnd;
      }
      this.nodes.set(slot.key, info);
    }
    if (anchor !== undefined) this.anchors.set(anchor, { value, size: 1 });
    if (!this.count(1, start, end)) return;
    this.place(value, end, 1);
  }

  beginCollection(kind: 'map' | 'seq', start: number, style: 'block' | 'flow', anchor?: string, tag?: string, tagStart?: number): void {
    if (this.stopped) return;
    this.checkTag(tag, start, start + 1, tagStart);
    if (this.isKeyPosition()) {
      this.problem({ messageId: 'complexKey', data: {}, start, end: start + 1 });
      this.stopped = true;
      return;
    }
    if (this.stack.length >= MAX_DEPTH) {
      this.problem({ messageId: 'tooDeep', data: { limit: MAX_DEPTH }, start, end: start + 1 });
      this.stopped = true;
      return;
    }
    const slot = this.slot()!;
    const info: NodeInfo = { kind, style, start, end: start };
    if (slot.keyStart !== undefined) {
      info.keyStart = slot.keyStart;
      info.keyEnd = slot.keyEnd;
    }
    const value = kind === 'map' ? (Object.create(null) as Record<string, unknown>) : [];
    this.stack.push({ kind, value, key: slot.key, info, keyCount: 0, size: 1, anchor, lastEnd: start });
  }

  /** Close the innermost collection; `end` is given for flow collections (after the bracket). */
  endCollection(end?: number): void {
    if (this.stopped) return;
    const frame = this.stack.pop()!;
    frame.info.end = end ?? frame.lastEnd;
    if (this.keep(frame.key)) this.nodes.set(frame.key, frame.info);
    if (frame.anchor !== undefined) this.anchors.set(frame.anchor, { value: frame.value, size: frame.size });
    if (!this.count(1, frame.info.start, frame.info.end)) return;
    this.place(frame.value, frame.info.end, frame.size);
  }

  alias(name: string, start: number, end: number): void {
    if (this.stopped) return;
    this.aliasCount++;
    if (this.aliasCount > MAX_ALIASES) {
      this.problem({ messageId: 'tooManyAliases', data: { limit: MAX_ALIASES, kind: 'count' }, start, end });
      this.stopped = true;
      return;
    }
    const target = this.anchors.get(name);
    if (!target) {
      this.problem({ messageId: 'unknownAnchor', data: { anchor: name }, start, end });
      this.stopped = true;
      return;
    }
    if (this.isKeyPosition()) {
      this.problem({ messageId: 'complexKey', data: {}, start, end });
      this.stopped = true;
      return;
    }
    const slot = this.slot()!;
    const info: NodeInfo = { kind: 'alias', style: 'plain', start, end };
    if (slot.keyStart !== undefined) {
      info.keyStart = slot.keyStart;
      info.keyEnd = slot.keyEnd;
    }
    if (this.keep(slot.key)) this.nodes.set(slot.key, info);
    if (!this.count(target.size, start, end)) return;
    this.place(target.value, end, target.size);
  }

  finish(): ParsedTree {
    return { value: this.hasRoot ? this.root : null, nodes: this.nodes, problems: this.problems };
  }
}
