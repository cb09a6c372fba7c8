/**
 * The fast node index: `js-yaml` 5's flat event stream (scalar offsets, collection starts), fed to
 * the shared TreeBuilder, for files the fast value path accepted and that need ranges (a
 * diagnostic, a fix, a suppression comment). Several times faster than `yaml`'s document API.
 * Whenever it meets anything it does not handle exactly like the exact path, it says so and the
 * loader uses the exact path, which owns every syntax diagnostic.
 */
import type { ScalarEvent } from 'js-yaml-5';
import { lazyExports } from '../util/lazy.js';
import { fastPathFits } from './parse-value.js';
import { MAX_DEPTH, TreeBuilder, type NodeStyle, type ParsedTree } from './tree.js';

const SCALAR_STYLES: Record<number, NodeStyle> = { 1: 'plain', 2: 'single', 3: 'double', 4: 'literal', 5: 'folded' };

/** `js-yaml` 5 is loaded on first use (only files that need node ranges are parsed with it). */
const jsYaml5 = lazyExports<typeof import('js-yaml-5')>('js-yaml-5');
type Schema = { resolveImplicitScalarTag(source: string): { value: unknown } };

/** Start of a block scalar's header (`|` or `>`), searching back from its content. */
function blockHeaderStart(text: string, contentStart: number): number {
  let i = text.lastIndexOf('\n', contentStart - 1);
  if (i === -1) i = contentStart;
  for (let k = i; k >= 0; k--) {
    const c = text.charCodeAt(k);
    if (c === 0x7c /* | */ || c === 0x3e /* > */) return k;
  }
  return contentStart;
}

/** Offset just after the bracket that closes a flow collection whose content ended at `from`. */
function flowClose(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === ']' || c === '}') return i + 1;
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      if (nl === -1) break;
      i = nl;
    }
  }
  return from;
}

/** Returns the tree, or undefined when the exact path must decide. */
export function parseFast(text: string, index: boolean | ReadonlySet<string> = true, anyRoot = false): ParsedTree | undefined {
  if (!fastPathFits(text)) return undefined;
  const { CORE_SCHEMA, getScalarValue, parseEvents } = jsYaml5();
  const schema = CORE_SCHEMA as unknown as Schema;
  let events;
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH + 1 });
  } catch {
    return undefined;
  }
  const builder = new TreeBuilder(index);
  let documents = 0;
  const flowStack: (number | false)[] = []; // per open collection: its start when it is a bracketed flow collection
  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    switch (ev.type) {
      case 1: // document
        documents++;
        if (documents > 1) return undefined;
        flowStack.push(false);
        break;
      case 2: // sequence
      case 3: {
        // mapping
        const anchor = ev.anchorStart >= 0 ? text.slice(ev.anchorStart, ev.anchorEnd) : undefined;
        const tag = ev.tagStart >= 0 ? text.slice(ev.tagStart, ev.tagEnd) : undefined;
        const flow = ev.style === 2;
        // A flow pair inside a flow sequence (`[a: b]`) is a mapping without brackets.
        flowStack.push(flow && (text[ev.start] === '{' || text[ev.start] === '[') ? ev.start : false);
        // The node starts after its properties (anchor, tag), as the exact path counts it.
        const start = anchor !== undefined || tag !== undefined ? contentStart(text, Math.max(ev.anchorEnd, ev.tagEnd)) : ev.start;
        builder.beginCollection(ev.type === 2 ? 'seq' : 'map', start, flow ? 'flow' : 'block', anchor, tag, tag !== undefined ? ev.tagStart : undefined);
        break;
      }
      case 4: {
        const s = ev as ScalarEvent;
        // An empty node (`- ` with nothing after it) has no offsets here: the exact path decides.
        if (s.valueStart < 0) return undefined;
        const style = SCALAR_STYLES[s.style] ?? 'plain';
        const anchor = s.anchorStart >= 0 ? text.slice(s.anchorStart, s.anchorEnd) : undefined;
        const tag = s.tagStart >= 0 ? text.slice(s.tagStart, s.tagEnd) : undefined;
        const raw = s.fast ? text.slice(s.valueStart, s.valueEnd) : getScalarValue(text, s);
        const value = style === 'plain' && tag === undefined ? schema.resolveImplicitScalarTag(raw).value : raw;
        let start = s.valueStart;
        let end = s.valueEnd;
        if (style === 'single' || style === 'double') {
          start--;
          end++;
        } else if (style === 'literal' || style === 'folded') {
          start = blockHeaderStart(text, s.valueStart);
          end = trimBlockEnd(text, start, s.valueEnd);
        }
        builder.scalar(value, start, end, style, anchor, tag, tag !== undefined ? s.tagStart : undefined);
        break;
      }
      case 5: {
        // alias
        builder.alias(text.slice(ev.anchorStart, ev.anchorEnd), ev.anchorStart - 1, ev.anchorEnd);
        break;
      }
      case 6: {
        // pop
        const bracketAt = flowStack.pop();
        if (flowStack.length === 0) break; // end of document
        builder.endCollection(bracketAt !== false && bracketAt !== undefined ? flowClose(text, Math.max(builder.lastEnd, bracketAt + 1)) : undefined);
        break;
      }
    }
    if (builder.failed) return undefined;
  }
  if (documents !== 1) return undefined;
  const tree = builder.finish();
  if (tree.problems.length > 0 || tree.value === null || typeof tree.value !== 'object' || (Array.isArray(tree.value) && !anyRoot)) return undefined;
  return tree;
}

/** The first offset after `from` that is not white space, a line break or a comment. */
function contentStart(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '#') {
      const nl = text.indexOf('\n', i);
      if (nl === -1) return text.length;
      i = nl + 1;
    } else break;
  }
  return i;
}

/** A block scalar's range ends at the end of its last content line (no trailing line break). */
function trimBlockEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && (text[e - 1] === '\n' || text[e - 1] === '\r' || text[e - 1] === ' ')) e--;
  return e;
}
