/**
 * The cache file's fixed header and first part, and the command line's stored outputs: what both
 * the cache (cache.ts) and the command line's replay of its last output (cli/fast-replay.ts) read.
 * Only Node's own modules here: the replay runs before the linter is loaded.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { entriesOf, listing } from '../files/listing.js';
import { deserialize } from 'node:v8';
import { VERSION } from '../version.js';

/** Where the cache is kept unless told (`--cache-location`), relative to the working directory. */
export const DEFAULT_CACHE_LOCATION = '.qingdan-lint-cache';
export const MAGIC = 'qingdan-lint-cache';
/** Bytes every cache file starts with; anything else is not ours. */
export const HEADER = Buffer.from('qingdan-lint cache v7\n');
/** The first part's own version (its `version`). */
export const HEAD_VERSION = 5;
/** A file modified within this long of a run may change again without its time moving (coarse clocks). */
export const RACY_MS = 2000;

/**
 * What one path was when an output was stored: `[absolute path, size, modification time]` of a
 * file; `[path, -1, 0]` when it did not exist; `[path, -2, listing]` for a directory discovery
 * listed: its entries' names and kinds as discovery saw them ({@link listing}).
 */
export type PathState = [string, number, number | string];

/**
 * The command line's output for one command (arguments, working directory, colour settings),
 * replayed as it is while every path it depended on is as it was: the dataset's files, the
 * directories discovery listed, the config file and where one could appear, `.gitignore`, the
 * suppressions file, and the linter's own code.
 */
export interface StoredOutput {
  key: string;
  paths: PathState[];
  stdout: string;
  stderr: string;
  code: number;
}

/** Where a part lies in the second part of the file: byte offset (from its start) and length. */
export type Span = [number, number];

export const isSpan = (span: unknown): span is Span => Array.isArray(span) && span.length === 2 && Number.isSafeInteger(span[0]) && Number.isSafeInteger(span[1]) && span[0] >= 0 && span[1] >= 0;

/**
 * A stored output as the first part keeps it: its printed text is in the second part (`text`,
 * the serialized `{ stdout, stderr }`), read only by the command it belongs to.
 */
export interface OutputRef {
  key: string;
  paths: PathState[];
  code: number;
  text: Span;
}

/** The identity of a command: arguments, directory, and what else its output depends on. */
export function outputKey(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv, stdoutIsTTY: boolean, stderrIsTTY: boolean): string {
  return JSON.stringify([argv, cwd, env.NO_COLOR ?? null, env.FORCE_COLOR ?? null, stdoutIsTTY, stderrIsTTY]);
}

/** What a file (or its absence) is now, as a {@link PathState}; undefined for anything else, or an error other than "not there". */
export function pathState(path: string): PathState | undefined {
  try {
    const s = statSync(path);
    return s.isFile() ? [path, s.size, s.mtimeMs] : undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? [path, -1, 0] : undefined;
  }
}

/** Whether every path is still as stored (`skip`: the cache file's name, left out of listings). */
export function pathsUnchanged(paths: readonly PathState[], skip: string): boolean {
  for (const [path, size, stamp] of paths) {
    if (size === -2) {
      try {
        if (listing(entriesOf(path), skip) !== stamp) return false;
      } catch {
        return false;
      }
      continue;
    }
    const now = pathState(path);
    if (!now || now[1] !== size || now[2] !== stamp) return false;
  }
  return true;
}

/** Read exactly `length` bytes at `position` (a short read is a truncated file). */
export function readExactly(fd: number, position: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, position + done);
    if (n === 0) throw new Error('truncated cache');
    done += n;
  }
  return out;
}

/**
 * Whether the file at `path` is a cache file (of any version): it starts with the header's first
 * bytes. Such a file is no file of a dataset, so a writer need not look for it among them.
 */
export function isCacheFile(path: string): boolean {
  const prefix = HEADER.subarray(0, HEADER.indexOf('v') + 1);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const start = Buffer.alloc(prefix.length);
    return readSync(fd, start, 0, prefix.length, 0) === prefix.length && start.equals(prefix);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The first part of an open cache file and where the second starts; undefined when it is not a
 * cache of this format, tool version and Node.js version. Throws on read errors.
 */
export function readHead(fd: number, size: number): { head: Record<string, unknown>; bodyAt: number } | undefined {
  const start = readExactly(fd, 0, HEADER.length + 4);
  if (!start.subarray(0, HEADER.length).equals(HEADER)) return undefined;
  const headLength = start.readUInt32BE(HEADER.length);
  const bodyAt = HEADER.length + 4 + headLength;
  if (bodyAt > size) return undefined;
  const head = deserialize(readExactly(fd, HEADER.length + 4, headLength)) as Record<string, unknown>;
  if (!head || head.magic !== MAGIC || head.version !== HEAD_VERSION || head.tool !== VERSION || head.node !== process.version) return undefined;
  return { head, bodyAt };
}
