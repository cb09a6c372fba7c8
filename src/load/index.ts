/**
 * The loader: the only module that reads checklist files and parses YAML. It hands the rest of
 * the program a {@link LoadedFile}: the decoded text, the plain value, and a path → range lookup.
 */
import { decode } from './decode.js';
import { LineIndex } from './lines.js';
import { locate, type Located } from './locate.js';
import { parseExact } from './parse-exact.js';
import { parseFast } from './parse-fast.js';
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

export interface LoadedFile {
  /** Display path: relative to the working directory, `/` separators. */
  file: string;
  text: string;
  bom: boolean;
  lines: LineIndex;
  /** The document's plain value; undefined when the file could not be parsed. */
  value?: unknown;
  nodes?: Map<string, NodeInfo>;
  problems: LoadProblem[];
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
  const lines = new LineIndex(text);
  const fast = parser === 'fast' ? parseFast(text) : undefined;
  if (fast) return { file, text, bom, lines, value: fast.value, nodes: fast.nodes, problems: [] };
  const exact = parseExact(text);
  if (exact.tree) return { file, text, bom, lines, value: exact.tree.value, nodes: exact.tree.nodes, problems: [] };
  return { file, text, bom, lines, problems: exact.problems.map((p) => ({ ...p })) };
}

/** A file that could not be read or decoded at all. */
export function failed(file: string, problem: LoadProblem): LoadedFile {
  return { file, text: '', bom: false, lines: new LineIndex(''), problems: [problem] };
}

export function locatePath(loaded: LoadedFile, path: JsonPath): Located {
  return locate(loaded.nodes, loaded.lines, path);
}
