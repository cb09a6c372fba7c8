/**
 * The loader: the only module that reads checklist files and parses YAML. It hands the rest of
 * the program a {@link LoadedFile}: the decoded text, the plain value, and a path → range lookup.
 */
import { decode } from './decode.js';
import { LineIndex } from './lines.js';
import { locate, type Located } from './locate.js';
import { parseExact } from './parse-exact.js';
import { parseFast } from './parse-fast.js';
import { parseValue } from './parse-value.js';
import type { NodeInfo } from './tree.js';
import type { JsonPath } from '../types.js';

export { LineIndex } from './lines.js';
export type { NodeInfo } from './tree.js';
export { nodeAt } from './locate.js';

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
export class LoadedFile {
  private lineIndex?: LineIndex;
  private parsedValue?: unknown;
  /** The file parsed: `value` is (or can be rebuilt as) the document's plain value. */
  readonly ok: boolean;

  constructor(
    /** Display path: relative to the working directory, `/` separators. */
    readonly file: string,
    readonly text: string,
    readonly bom: boolean,
    readonly problems: LoadProblem[],
    value?: unknown,
    private index?: Map<string, NodeInfo>,
  ) {
    this.ok = value !== undefined;
    this.parsedValue = value;
  }

  /** The document's plain value; undefined when the file could not be parsed. */
  get value(): unknown {
    if (!this.ok) return undefined;
    return (this.parsedValue ??= parseValue(this.text) ?? parseExact(this.text).tree!.value);
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
    return parseFast(this.text, keys)?.nodes ?? this.nodes();
  }

  /** Drop the value, the node index and the line index (each is rebuilt on demand). */
  release(): void {
    this.index = undefined;
    this.lineIndex = undefined;
    this.parsedValue = undefined;
  }
}

export type ParsePath = 'fast' | 'exact';

/** Decode and parse one file's bytes. Never throws on bad input. */
export function loadBytes(file: string, bytes: Uint8Array, parser: ParsePath = 'fast'): LoadedFile {
  if (bytes.length > MAX_FILE_BYTES) {
    return failed(file, { messageId: 'tooLarge', data: { size: bytes.length, limit: MAX_FILE_BYTES }, line: 1 });
  }
  const decoded = decode(bytes);
  if (!decoded.ok) {
    const p = decoded.problem;
    return failed(file, { messageId: p.messageId, data: p.data, line: 'line' in p.data ? (p.data.line as number) : 1 });
  }
  return loadText(file, decoded.text, decoded.bom, parser);
}

/** Parse already-decoded text (a leading BOM character is dropped). */
export function loadText(file: string, text: string, bom = false, parser: ParsePath = 'fast'): LoadedFile {
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    bom = true;
  }
  if (parser === 'fast') {
    const value = parseValue(text);
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

export function locatePath(loaded: LoadedFile, path: JsonPath): Located {
  return locate(loaded.nodes(), loaded.lines, path);
}
