/**
 * `--cache`: what a run learnt, kept for the next one in one file (default
 * `.qingdan-lint-cache` in the working directory), written atomically.
 *
 * - Per file: its record (located single-file diagnostics, suppression comments, item summaries
 *   and fingerprints), reused while the content hash, the settings and the tool version are
 *   unchanged. A file whose size and modification time are unchanged is not read at all; one
 *   whose size or time changed is read and its content hash decides.
 * - Cross-level: results are recomputed every run from the records' fingerprints, so an edit to a
 *   province file re-checks every lower level. What the comparisons found, and the ranges of the
 *   nodes they point at, are remembered by the content hashes of both files involved, so an
 *   unchanged dataset is not parsed again even where it has findings.
 *
 * - The whole run: the report's findings (before wording) and the size and time of every file.
 *   When every file of a run is unchanged by size and time, that result is the run's result: no
 *   record is read, no dataset built, no cross-level rule run (a run cannot differ from the one
 *   that wrote it: the same files, contents, settings and tool).
 *
 * The file is V8's structured serialization behind a fixed header (fast to read, and strings keep
 * their in-memory form), in two parts: first the settings and the whole run's result (small),
 * then the records and the memo (large, read only when some file changed). A cache written by
 * another version of the tool or of Node.js, for other settings, or that cannot be read or parsed
 * is ignored and rebuilt, never trusted.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Level } from '../regions/codes.js';
import type { ItemListField } from '../rule-api/checklist.js';
import { VERSION } from '../version.js';
import type { FileRecord } from '../engine/analyze.js';
import { writeAtomic } from '../util/atomic-write.js';
import type { LocatedRange, RawDiagnostic } from '../engine/located.js';
import type { CrossMemo, RunResult } from '../engine/run.js';

export const DEFAULT_CACHE_LOCATION = '.qingdan-lint-cache';
const MAGIC = 'qingdan-lint-cache';
/** Bytes every cache file starts with; anything else is not ours. */
const HEADER = Buffer.from('qingdan-lint cache v5\n');
const RACY_MS = 2000;

interface CachedFile {
  size: number;
  mtimeMs: number;
  record: FileRecord;
}

/**
 * An item summary packed as an array: `[index, code, name, type, levels joined by ",", fingerprints,
 * lists.md fields joined by ",", their values (0 when none)]`.
 */
type PackedItem = [number, string, string, string, string, string, string, FileRecord['items'][number]['lists'] | 0];
type StoredFile = { size: number; mtimeMs: number; record: Omit<FileRecord, 'items'> & { items: PackedItem[] } };

function pack(entry: CachedFile): StoredFile {
  const { items, ...rest } = entry.record;
  return {
    size: entry.size,
    mtimeMs: entry.mtimeMs,
    record: { ...rest, items: items.map((it): PackedItem => [it.index, it.summary.code, it.summary.name, it.summary.type, it.summary.levels?.join(',') ?? '', it.fp ?? '', it.summary.fields?.join(',') ?? '', it.lists ?? 0]) },
  };
}

/**
 * The arrays of `levels` and `fields` are few distinct ones, shared between the items that have
 * them (nothing modifies a summary): ~100k items then need no array of their own.
 */
const splitCache = new Map<string, string[]>();
function split<T extends string>(joined: string): T[] {
  let out = splitCache.get(joined);
  if (!out) {
    if (splitCache.size > 10_000) splitCache.clear();
    splitCache.set(joined, (out = joined.split(',')));
  }
  return out as T[];
}

function unpack(stored: StoredFile): CachedFile {
  const items = stored.record.items.map(([index, code, name, type, levels, fp, fields, lists]) => ({
    index,
    summary: { code, name, type, ...(levels ? { levels: split<Level>(levels) } : {}), ...(fields ? { fields: split<ItemListField>(fields) } : {}) },
    ...(fp ? { fp } : {}),
    ...(lists ? { lists } : {}),
  }));
  return { size: stored.size, mtimeMs: stored.mtimeMs, record: { ...stored.record, items } };
}

/** The first, small part of the file: what the cache is valid for, and the last run's result. */
interface CacheHead {
  magic: typeof MAGIC;
  version: 2;
  tool: string;
  /** The Node.js version: the serialization format is V8's. */
  node: string;
  settings: string;
  /** The last run, when every one of its files was on disk and not modified within the last seconds. */
  run?: StoredRun;
}

interface StoredRun {
  /** Every file of the run in order: display path, size, modification time. */
  files: [string, number, number][];
  result: Omit<RunResult, 'regionOf'> & { regionOf: [string, string][] };
}

/** The second, large part: the records and the cross-level memo. */
interface CacheBody {
  files: Record<string, StoredFile>;
  compare: Record<string, RawDiagnostic[]>;
  locate: Record<string, LocatedRange>;
}

/** Read exactly `length` bytes at `position` (a short read is a truncated file). */
function readExactly(fd: number, position: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, position + done);
    if (n === 0) throw new Error('truncated cache');
    done += n;
  }
  return out;
}

/** Whether a file on disk still has the size and time a cache entry recorded. */
function unchangedOnDisk(abs: string, size: number, mtimeMs: number): boolean {
  if (mtimeMs === -1) return false;
  try {
    const s = statSync(abs);
    return s.isFile() && s.size === size && s.mtimeMs === mtimeMs;
  } catch {
    return false;
  }
}

export class RunCache {
  private filesData?: Map<string, CachedFile>;
  /** The packed form each record was read in: written back as it is when the record is reused. */
  private readonly stored = new WeakMap<FileRecord, StoredFile>();
  /** Memo keys read from disk: a run that used exactly these and no new records need not write. */
  private loadedKeys = new Set<string>();
  private memoData?: CrossMemo;
  /** The open cache file while its body has not been read (read through the same descriptor, so head and body are one write's). */
  private fd?: number;

  private constructor(
    readonly path: string,
    readonly settings: string,
    private readonly head?: CacheHead,
    fd?: number,
    private readonly bodyAt = 0,
  ) {
    this.fd = fd;
  }

  /** Open the cache at `path`; an unusable one is treated as empty. Only its small first part is read here. */
  static open(path: string, settings: string): RunCache {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      const size = fstatSync(fd).size;
      const start = readExactly(fd, 0, HEADER.length + 4);
      if (start.subarray(0, HEADER.length).equals(HEADER)) {
        const headLength = start.readUInt32BE(HEADER.length);
        const bodyAt = HEADER.length + 4 + headLength;
        if (bodyAt <= size) {
          const head = deserialize(readExactly(fd, HEADER.length + 4, headLength)) as CacheHead;
          if (head && head.magic === MAGIC && head.version === 2 && head.tool === VERSION && head.node === process.version && head.settings === settings) {
            return new RunCache(path, settings, head, fd, bodyAt);
          }
        }
      }
    } catch {
      // missing, unreadable, corrupt or foreign: rebuild
    }
    if (fd !== undefined) closeSync(fd);
    return new RunCache(path, settings);
  }

  /** Let go of the cache file (its body is not needed any more, or has been read). */
  close(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    this.fd = undefined;
  }

  /**
   * The last run's result, when this run has exactly its files, each unchanged by size and time:
   * the same files, contents and settings give the same result.
   */
  replay(inputs: readonly { file: string; abs?: string; text?: string; bytes?: Uint8Array }[]): RunResult | undefined {
    const run = this.head?.run;
    if (!run || run.files.length !== inputs.length) return undefined;
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i];
      const [file, size, mtimeMs] = run.files[i];
      if (input.file !== file || !input.abs || input.text !== undefined || input.bytes !== undefined) return undefined;
      if (!unchangedOnDisk(input.abs, size, mtimeMs)) return undefined;
    }
    const regionOf = new Map(run.result.regionOf);
    return { ...run.result, regionOf: (f) => regionOf.get(f) ?? '' };
  }

  /** The records and the memo, read on first use. */
  private body(): void {
    if (this.filesData) return;
    this.filesData = new Map();
    let data: CacheBody | undefined;
    if (this.fd !== undefined) {
      try {
        const size = fstatSync(this.fd).size;
        const parsed = deserialize(readExactly(this.fd, this.bodyAt, size - this.bodyAt)) as CacheBody;
        if (parsed && parsed.files && typeof parsed.files === 'object') data = parsed;
      } catch {
        data = undefined; // a corrupt body: rebuild
      }
      this.close();
    }
    for (const [file, entry] of Object.entries(data?.files ?? {})) {
      const unpacked = unpack(entry);
      this.filesData.set(file, unpacked);
      this.stored.set(unpacked.record, entry);
    }
    this.memoData = {
      compare: new Map(Object.entries(data?.compare ?? {})),
      locate: new Map(Object.entries(data?.locate ?? {})),
      used: new Set(),
    };
    this.loadedKeys = new Set([...this.memoData.compare.keys(), ...this.memoData.locate.keys()]);
  }

  private get files(): Map<string, CachedFile> {
    this.body();
    return this.filesData!;
  }

  get memo(): CrossMemo {
    this.body();
    return this.memoData!;
  }

  /** The cached record of a file on disk when its size and time are unchanged. */
  byMetadata(file: string, abs: string): FileRecord | undefined {
    const entry = this.files.get(file);
    return entry && unchangedOnDisk(abs, entry.size, entry.mtimeMs) ? entry.record : undefined;
  }

  /** The content hash the cache knows for a file, if any. */
  known(file: string): string | undefined {
    return this.files.get(file)?.record.hash || undefined;
  }

  /** The cached record of a file whose content hash is `hash`. */
  byHash(file: string, hash: string): FileRecord | undefined {
    const entry = this.files.get(file);
    return entry && hash && entry.record.hash === hash ? entry.record : undefined;
  }

  /**
   * Write this run's records, the cross-level memo entries it used and its result (unless nothing
   * changed). `records` are the run's files in order; `result` is what the run found from them.
   */
  save(records: { record: FileRecord; abs?: string }[], result: RunResult): void {
    const memo = this.memo;
    // Nothing new: the same records, and no memo entry that was not read from disk. Entries this
    // run did not need (a cross-level finding replayed from the memo needs no range lookup) are
    // kept until the next write, which drops them: they are keyed by content, never wrong.
    const unchanged =
      this.head?.run !== undefined &&
      records.length === this.files.size &&
      records.every(({ record }) => this.files.get(record.file)?.record === record && this.files.get(record.file)!.mtimeMs !== -1) &&
      [...memo.used].every((k) => this.loadedKeys.has(k));
    if (unchanged) return;
    const files: Record<string, StoredFile> = {};
    /** The run's files with their size and time; undefined once one cannot be replayed by them. */
    let runFiles: StoredRun['files'] | undefined = [];
    for (const { record, abs } of records) {
      if (!abs || !record.hash) {
        runFiles = undefined;
        continue;
      }
      try {
        const s = statSync(abs);
        // A file modified within the last seconds could change again without its time moving
        // (coarse clocks): store no time, so the next run checks its content hash.
        const racy = Date.now() - s.mtimeMs < RACY_MS;
        const mtimeMs = racy ? -1 : s.mtimeMs;
        const before = this.stored.get(record);
        files[record.file] = before && before.size === s.size && before.mtimeMs === mtimeMs ? before : pack({ size: s.size, mtimeMs, record });
        if (racy) runFiles = undefined;
        else runFiles?.push([record.file, s.size, mtimeMs]);
      } catch {
        // gone since it was read: not cached
        runFiles = undefined;
      }
    }
    const run: StoredRun | undefined = runFiles && {
      files: runFiles,
      result: { files: result.files, diagnostics: result.diagnostics, regions: result.regions, items: result.items, fileItems: result.fileItems, regionOf: result.files.map((f) => [f, result.regionOf(f)]) },
    };
    const pick = <T>(map: Map<string, T>) => Object.fromEntries([...map].filter(([k]) => memo.used.has(k)));
    const head: CacheHead = { magic: MAGIC, version: 2, tool: VERSION, node: process.version, settings: this.settings, ...(run ? { run } : {}) };
    const body: CacheBody = { files, compare: pick(memo.compare), locate: pick(memo.locate) };
    try {
      const headBytes = serialize(head);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(headBytes.length);
      mkdirSync(dirname(this.path), { recursive: true });
      writeAtomic(this.path, Buffer.concat([HEADER, length, headBytes, serialize(body)]));
    } catch {
      // a cache that cannot be written only costs the next run time
    }
  }
}
