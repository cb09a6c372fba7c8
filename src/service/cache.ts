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
 * The file is V8's structured serialization behind a fixed header (fast to read, and strings keep
 * their in-memory form). A cache written by another version of the tool or of Node.js, for other
 * settings, or that cannot be read or parsed is ignored and rebuilt, never trusted.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Level } from '../regions/codes.js';
import type { ItemListField } from '../rule-api/checklist.js';
import { VERSION } from '../version.js';
import type { FileRecord } from '../engine/analyze.js';
import { writeAtomic } from '../util/atomic-write.js';
import type { LocatedRange, RawDiagnostic } from '../engine/located.js';
import type { CrossMemo } from '../engine/run.js';

export const DEFAULT_CACHE_LOCATION = '.qingdan-lint-cache';
const MAGIC = 'qingdan-lint-cache';
/** Bytes every cache file starts with; anything else is not ours. */
const HEADER = Buffer.from('qingdan-lint cache v4\n');
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

interface CacheData {
  magic: typeof MAGIC;
  version: 1;
  tool: string;
  /** The Node.js version: the serialization format is V8's. */
  node: string;
  settings: string;
  files: Record<string, StoredFile>;
  compare: Record<string, RawDiagnostic[]>;
  locate: Record<string, LocatedRange>;
}

export class RunCache {
  private readonly files = new Map<string, CachedFile>();
  /** The packed form each record was read in: written back as it is when the record is reused. */
  private readonly stored = new WeakMap<FileRecord, StoredFile>();
  /** Memo keys read from disk: a run that used exactly these and no new records need not write. */
  private readonly loadedKeys: Set<string>;
  readonly memo: CrossMemo;

  private constructor(
    readonly path: string,
    readonly settings: string,
    data?: CacheData,
  ) {
    for (const [file, entry] of Object.entries(data?.files ?? {})) {
      const unpacked = unpack(entry);
      this.files.set(file, unpacked);
      this.stored.set(unpacked.record, entry);
    }
    this.memo = {
      compare: new Map(Object.entries(data?.compare ?? {})),
      locate: new Map(Object.entries(data?.locate ?? {})),
      used: new Set(),
    };
    this.loadedKeys = new Set([...this.memo.compare.keys(), ...this.memo.locate.keys()]);
  }

  /** Open the cache at `path`; an unusable one is treated as empty. */
  static open(path: string, settings: string): RunCache {
    let data: CacheData | undefined;
    try {
      const bytes = readFileSync(path);
      if (bytes.subarray(0, HEADER.length).equals(HEADER)) {
        const parsed = deserialize(bytes.subarray(HEADER.length)) as CacheData;
        if (parsed && parsed.magic === MAGIC && parsed.version === 1 && parsed.tool === VERSION && parsed.node === process.version && parsed.settings === settings && parsed.files && typeof parsed.files === 'object') {
          data = parsed;
        }
      }
    } catch {
      data = undefined; // missing, unreadable, corrupt or foreign: rebuild
    }
    return new RunCache(path, settings, data);
  }

  /** The cached record of a file on disk when its size and time are unchanged. */
  byMetadata(file: string, abs: string): FileRecord | undefined {
    const entry = this.files.get(file);
    if (!entry) return undefined;
    try {
      const s = statSync(abs);
      if (s.isFile() && s.size === entry.size && s.mtimeMs === entry.mtimeMs) return entry.record;
    } catch {
      return undefined;
    }
    return undefined;
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

  /** Write this run's records and the cross-level memo entries it used (unless nothing changed). */
  save(records: { record: FileRecord; abs?: string }[]): void {
    // Nothing new: the same records, and no memo entry that was not read from disk. Entries this
    // run did not need (a cross-level finding replayed from the memo needs no range lookup) are
    // kept until the next write, which drops them: they are keyed by content, never wrong.
    const unchanged =
      records.length === this.files.size &&
      records.every(({ record }) => this.files.get(record.file)?.record === record && this.files.get(record.file)!.mtimeMs !== -1) &&
      [...this.memo.used].every((k) => this.loadedKeys.has(k));
    if (unchanged) return;
    const files: Record<string, StoredFile> = {};
    for (const { record, abs } of records) {
      if (!abs || !record.hash) continue;
      try {
        const s = statSync(abs);
        // A file modified within the last seconds could change again without its time moving
        // (coarse clocks): store no time, so the next run checks its content hash.
        const racy = Date.now() - s.mtimeMs < RACY_MS;
        const mtimeMs = racy ? -1 : s.mtimeMs;
        const before = this.stored.get(record);
        files[record.file] = before && before.size === s.size && before.mtimeMs === mtimeMs ? before : pack({ size: s.size, mtimeMs, record });
      } catch {
        // gone since it was read: not cached
      }
    }
    const pick = <T>(map: Map<string, T>) => Object.fromEntries([...map].filter(([k]) => this.memo.used.has(k)));
    const data: CacheData = { magic: MAGIC, version: 1, tool: VERSION, node: process.version, settings: this.settings, files, compare: pick(this.memo.compare), locate: pick(this.memo.locate) };
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeAtomic(this.path, Buffer.concat([HEADER, serialize(data)]));
    } catch {
      // a cache that cannot be written only costs the next run time
    }
  }
}
