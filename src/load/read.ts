/**
 * Reading files for the loader: every read error becomes a `yaml-syntax unreadable` problem on
 * that file instead of an exception, so the other files are still linted.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { deferText, failed, loadBytes, loadText, type LoadedFile, type ParsePath } from './index.js';

/** A file to lint: on disk (`abs`) or in memory (`text`, for editors, `--stdin`, `--fix`). */
export interface FileInput {
  /** Display path: relative to the working directory, `/` separators. */
  file: string;
  abs?: string;
  /** Text already decoded (editors, `lintDocuments`): no encoding checks apply. */
  text?: string;
  /** Raw bytes held in memory (`--stdin`): decoded and checked exactly like a file's bytes. */
  bytes?: Uint8Array;
  bom?: boolean;
  /** With `--cache`: the content hash the cache knows; an equal hash means "reuse, do not analyze". */
  knownHash?: string;
}

function unreadable(file: string, error: unknown): LoadedFile {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  // The code is the fact; its wording is the `readError` label (src/report/labels.ts).
  return failed(file, { messageId: 'unreadable', data: { code }, line: 1 });
}

export function hashBytes(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * Read and parse one input. Never throws. With `hash`, the content hash is computed, and when it
 * equals `input.knownHash` the file is not parsed (`loaded` is undefined: reuse the cached record).
 */
export async function loadInput(input: FileInput, parser: ParsePath, hash = false): Promise<{ loaded?: LoadedFile; hash: string }> {
  if (input.text !== undefined) {
    const h = hash ? hashBytes(input.text) : '';
    if (h && h === input.knownHash) return { hash: h };
    return { loaded: loadText(input.file, input.text, input.bom ?? false, parser), hash: h };
  }
  if (input.bytes !== undefined) {
    const h = hash ? hashBytes(input.bytes) : '';
    if (h && h === input.knownHash) return { hash: h };
    return { loaded: loadBytes(input.file, input.bytes, parser), hash: h };
  }
  // Read synchronously: the file is parsed as soon as it is read, so there is nothing to do
  // meanwhile, and the thread pool's round trips (stat, open, reads, close) left the thread idle
  // ~5 ms per file.
  try {
    const s = statSync(input.abs!);
    if (s.isDirectory()) return { loaded: unreadable(input.file, { code: 'EISDIR' }), hash: '' };
    if (!s.isFile()) return { loaded: unreadable(input.file, { code: 'ENOTFILE' }), hash: '' };
    const bytes = readFileSync(input.abs!);
    const h = hash ? hashBytes(bytes) : '';
    if (h && h === input.knownHash) return { hash: h };
    return { loaded: loadBytes(input.file, bytes, parser), hash: h };
  } catch (error) {
    return { loaded: unreadable(input.file, error), hash: '' };
  }
}

/**
 * The same, synchronously: how the cross-level stage gets a file back when a rule needs it
 * (`deferred`: the file parsed before, so its value is built only when asked for).
 */
export function loadInputSync(input: FileInput, parser: ParsePath, deferred = false): LoadedFile {
  if (input.text !== undefined) return deferred ? deferText(input.file, input.text, input.bom ?? false) : loadText(input.file, input.text, input.bom ?? false, parser);
  if (input.bytes !== undefined) return loadBytes(input.file, input.bytes, parser, deferred);
  try {
    const s = statSync(input.abs!);
    if (s.isDirectory()) return unreadable(input.file, { code: 'EISDIR' });
    if (!s.isFile()) return unreadable(input.file, { code: 'ENOTFILE' });
    return loadBytes(input.file, readFileSync(input.abs!), parser, deferred);
  } catch (error) {
    return unreadable(input.file, error);
  }
}
