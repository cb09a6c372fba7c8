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
 * The file is a fixed header, then V8's structured serialization (fast to read, and strings keep
 * their in-memory form) in two parts: first the settings, every file's size and time, where its
 * record lies, and the whole run's result (small); then the memo and each file's record as bytes
 * of their own, one after the other (large). A run reads only the first part, then only the
 * records it needs; writing back, a record it did not change is copied as the bytes it was
 * stored as (never decoded and encoded again). A cache written by another version of the tool or
 * of Node.js, for other settings, or that cannot be read or parsed is ignored and rebuilt, never
 * trusted.
 */
import { closeSync, fstatSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Level } from '../regions/codes.js';
import type { ItemListField } from '../rule-api/checklist.js';
import { VERSION } from '../version.js';
import type { FileRecord } from '../engine/analyze.js';
import { writeAtomic } from '../util/atomic-write.js';
import type { LocatedRange, RawDiagnostic } from '../engine/located.js';
import type { CrossMemo, RunResult } from '../engine/run.js';
import { HEAD_VERSION, HEADER, isSpan, MAGIC, pathState, RACY_MS, readExactly, readHead, type OutputRef, type Span, type StoredOutput } from './cache-head.js';

export { DEFAULT_CACHE_LOCATION } from './cache-head.js';

/**
 * An item summary packed as an array: `[index, code, name, type, levels joined by ",", fingerprints,
 * lists.md fields joined by ",", their values (0 when none)]`.
 */
type PackedItem = [number, string, string, string, string, string, string, FileRecord['items'][number]['lists'] | 0];
/** A record as stored (its file's size and time are in the first part's {@link FileSummary}). */
type StoredRecord = Omit<FileRecord, 'items'> & { items: PackedItem[] };

function pack(record: FileRecord): StoredRecord {
  const { items, ...rest } = record;
  return { ...rest, items: items.map((it): PackedItem => [it.index, it.summary.code, it.summary.name, it.summary.type, it.summary.levels?.join(',') ?? '', it.fp ?? '', it.summary.fields?.join(',') ?? '', it.lists ?? 0]) };
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

function unpack(stored: StoredRecord): FileRecord {
  const items = stored.items.map(([index, code, name, type, levels, fp, fields, lists]) => ({
    index,
    summary: { code, name, type, ...(levels ? { levels: split<Level>(levels) } : {}), ...(fields ? { fields: split<ItemListField>(fields) } : {}) },
    ...(fp ? { fp } : {}),
    ...(lists ? { lists } : {}),
  }));
  return { ...stored, items };
}

/**
 * What the cache keeps of every file besides its record, in the small first part: enough to tell
 * an unchanged file (size, time) and to place it in the region graph without reading its record.
 */
export interface FileSummary {
  size: number;
  /** -1: modified within the last seconds when cached (its content hash decides, never its time). */
  mtimeMs: number;
  /** `region.code` of a file that parsed with a valid region, else ''. */
  region: string;
  /** Its `region.parent`, when given. */
  parent?: string;
  /** The file could not be parsed. */
  failed: boolean;
  /** Items in the document (the report's count). */
  items: number;
  /** It carries top-level lists (decisions, catalogs). */
  lists: boolean;
}

export function summaryOf(record: FileRecord, size: number, mtimeMs: number): FileSummary {
  const summary: FileSummary = { size, mtimeMs, region: record.header?.region.code ?? '', failed: record.parseFailed, items: record.itemCount, lists: record.lists.length > 0 };
  const parent = record.header?.region.parent;
  if (parent !== undefined) summary.parent = parent;
  return summary;
}


/** The first, small part of the file: what the cache is valid for, its files, and the last run's result. */
interface CacheHead {
  magic: typeof MAGIC;
  version: typeof HEAD_VERSION;
  tool: string;
  /** The Node.js version: the serialization format is V8's. */
  node: string;
  settings: string;
  /** Every cached file. */
  files: Record<string, FileSummary>;
  /** Where each cached file's record lies (its serialized {@link StoredRecord}). */
  records: Record<string, Span>;
  /** Where the cross-level memo lies (its serialized {@link StoredMemo}). */
  memo: Span;
  /** The last run, when every one of its files was on disk and not modified within the last seconds. */
  run?: StoredRun;
  /** The command line's last outputs (newest first), replayed before the linter is loaded (cli/fast-replay.ts). */
  outputs?: OutputRef[];
}

interface StoredRun {
  /** Every file of the run in order: display path, size, modification time. */
  files: [string, number, number][];
  result: Omit<RunResult, 'regionOf'> & { regionOf: [string, string][] };
}

/** The cross-level memo as stored. */
interface StoredMemo {
  compare: Record<string, RawDiagnostic[]>;
  locate: Record<string, LocatedRange>;
}


/** A stored output as the first part keeps it, its printed text placed as a part of its own. */
function outputRef(output: StoredOutput, layout: Layout): OutputRef {
  return { key: output.key, paths: output.paths, code: output.code, text: layout.place(serialize({ stdout: output.stdout, stderr: output.stderr })) };
}

/** Whether a file on disk still has the size and time a cache entry recorded. */
function unchangedOnDisk(abs: string, size: number, mtimeMs: number): boolean {
  const now = mtimeMs === -1 ? undefined : pathState(abs);
  return now !== undefined && now[1] === size && now[2] === mtimeMs;
}

/** The second part of a file being written: its pieces in order, each placed after the last. */
class Layout {
  readonly parts: Uint8Array[] = [];
  private at = 0;
  place(bytes: Uint8Array): Span {
    this.parts.push(bytes);
    this.at += bytes.length;
    return [this.at - bytes.length, bytes.length];
  }
}

/** One file of a run, for {@link RunCache.save}: its record, or none when the run did not need it (kept as cached). */
export interface SavedFile {
  file: string;
  abs?: string;
  record?: FileRecord;
}

export class RunCache {
  /** Records read from the second part, by file (undefined: unreadable). */
  private readonly records = new Map<string, FileRecord | undefined>();
  /** The serialized form each record was read from: written back as it is when the record is reused. */
  private readonly blobs = new WeakMap<FileRecord, Uint8Array>();
  /** Memo keys read from disk: a run that used exactly these and no new records need not write. */
  private loadedKeys = new Set<string>();
  private memoData?: CrossMemo;
  /**
   * The open cache file, kept open until {@link close}: every part is read through the descriptor
   * the first part was read from, so all parts are one write's (a run writing the cache meanwhile
   * renames a new file over it).
   */
  private fd?: number;

  private constructor(
    readonly path: string,
    readonly settings: string,
    private readonly head?: CacheHead,
    fd?: number,
    /** Where the second part starts, and its length. */
    private readonly bodyAt = 0,
    private readonly bodyLength = 0,
  ) {
    this.fd = fd;
  }

  /** Open the cache at `path`; an unusable one is treated as empty. Only its small first part is read here. */
  static open(path: string, settings: string): RunCache {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      const size = fstatSync(fd).size;
      const read = readHead(fd, size);
      const head = read?.head as CacheHead | undefined;
      if (
        read &&
        head &&
        head.settings === settings &&
        head.files &&
        typeof head.files === 'object' &&
        head.records &&
        typeof head.records === 'object' &&
        isSpan(head.memo)
      ) {
        return new RunCache(path, settings, head, fd, read.bodyAt, size - read.bodyAt);
      }
    } catch {
      // missing, unreadable, corrupt or foreign: rebuild
    }
    if (fd !== undefined) closeSync(fd);
    return new RunCache(path, settings);
  }

  /** Let go of the cache file. */
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

  /** The bytes of a part of the second part; undefined when the file is closed, or the span is not inside it. */
  private bytesAt(span: Span | undefined): Buffer | undefined {
    if (this.fd === undefined || !isSpan(span) || span[0] + span[1] > this.bodyLength) return undefined;
    try {
      return readExactly(this.fd, this.bodyAt + span[0], span[1]);
    } catch {
      return undefined;
    }
  }

  get memo(): CrossMemo {
    if (!this.memoData) {
      let stored: StoredMemo | undefined;
      const bytes = this.head && this.bytesAt(this.head.memo);
      if (bytes) {
        try {
          const parsed = deserialize(bytes) as StoredMemo;
          if (parsed && typeof parsed.compare === 'object' && typeof parsed.locate === 'object') stored = parsed;
        } catch {
          stored = undefined; // a corrupt memo: rebuilt
        }
      }
      this.memoData = { compare: new Map(Object.entries(stored?.compare ?? {})), locate: new Map(Object.entries(stored?.locate ?? {})), used: new Set() };
      this.loadedKeys = new Set([...this.memoData.compare.keys(), ...this.memoData.locate.keys()]);
    }
    return this.memoData;
  }

  /** The stored bytes of a cached file's record. */
  private blobOf(file: string): Buffer | undefined {
    return this.head?.files[file] ? this.bytesAt(this.head.records[file]) : undefined;
  }

  /** The cached record of `file` (read from its bytes on first use); undefined when there is none or it cannot be read. */
  private record(file: string): FileRecord | undefined {
    if (this.records.has(file)) return this.records.get(file);
    let record: FileRecord | undefined;
    const blob = this.blobOf(file);
    if (blob) {
      try {
        record = unpack(deserialize(blob) as StoredRecord);
        this.blobs.set(record, blob);
      } catch {
        record = undefined;
      }
    }
    this.records.set(file, record);
    return record;
  }

  /** What the cache knows of a file on disk whose size and time are unchanged (its record is not read). */
  unchanged(file: string, abs: string): FileSummary | undefined {
    const summary = this.head?.files[file];
    return summary && unchangedOnDisk(abs, summary.size, summary.mtimeMs) ? summary : undefined;
  }

  /** The cached record of a file on disk when its size and time are unchanged. */
  byMetadata(file: string, abs: string): FileRecord | undefined {
    return this.unchanged(file, abs) ? this.record(file) : undefined;
  }

  /** The record of a file {@link unchanged} found unchanged. */
  recordOf(file: string): FileRecord | undefined {
    return this.record(file);
  }

  /** The content hash the cache knows for a file, if any. */
  known(file: string): string | undefined {
    return this.record(file)?.hash || undefined;
  }

  /** The cached record of a file whose content hash is `hash`. */
  byHash(file: string, hash: string): FileRecord | undefined {
    const record = this.record(file);
    return record && hash && record.hash === hash ? record : undefined;
  }

  /**
   * Keep the command line's output of a run replayed from this cache (nothing else changed): the
   * file is written again with it, every other part copied as the bytes it was stored as (an
   * output it replaces, or the oldest beyond four, is left out). Up to four commands' outputs are
   * kept (say, CI's and the commit hook's).
   */
  addOutput(output: StoredOutput): void {
    const head = this.head;
    if (!head?.run) return;
    const layout = new Layout();
    // Every part copied as stored; one that cannot be read leaves the file for the next run to rebuild.
    const memo = this.bytesAt(head.memo);
    if (!memo) return;
    const memoSpan = layout.place(memo);
    const records: Record<string, Span> = {};
    for (const file of Object.keys(head.files)) {
      const bytes = this.bytesAt(head.records[file]);
      if (!bytes) return;
      records[file] = layout.place(bytes);
    }
    const outputs: OutputRef[] = [outputRef(output, layout)];
    for (const ref of head.outputs ?? []) {
      if (outputs.length === 4) break;
      if (ref.key === output.key) continue;
      const text = this.bytesAt(ref.text);
      if (text) outputs.push({ ...ref, text: layout.place(text) });
    }
    this.write({ ...head, records, memo: memoSpan, outputs }, layout.parts);
  }

  /** Write the file: header, first part, then the second part's pieces in order (atomically, not fsynced). */
  private write(head: CacheHead, parts: Uint8Array[]): void {
    try {
      const headBytes = serialize(head);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(headBytes.length);
      mkdirSync(dirname(this.path), { recursive: true });
      // Not fsynced: the cache is only a copy of what the files give. After a power cut it may be
      // empty or damaged; every part is checked when read and a bad one is rebuilt.
      writeAtomic(this.path, [HEADER, length, headBytes, ...parts], { durable: false });
    } catch {
      // a cache that cannot be written only costs the next run time
    }
  }

  /**
   * Write this run's records, the cross-level memo entries it used and, for a run of the whole
   * dataset, its result (unless nothing changed). `files` are the run's files in order; a file
   * without a record (a partial run did not need it) keeps what the cache had for it, and so do
   * the memo entries such a run did not use. `output`: the command line's output of this run, kept
   * for the next identical command (with the run's result only).
   */
  save(files: SavedFile[], result: RunResult | undefined, output?: StoredOutput): void {
    const memo = this.memo;
    const partial = result === undefined;
    const headFiles = this.head?.files ?? {};
    const summaries: Record<string, FileSummary> = {};
    const blobs: [string, Uint8Array][] = [];
    /** The run's files with their size and time; undefined once one cannot be replayed by them. */
    let runFiles: StoredRun['files'] | undefined = partial ? undefined : [];
    let changed = files.length !== Object.keys(headFiles).length || (!partial && this.head?.run === undefined);
    for (const { file, abs, record } of files) {
      if (!record) {
        // Not needed by this run: as cached, its bytes copied.
        const blob = headFiles[file] && (this.records.has(file) ? this.blobs.get(this.records.get(file)!) : this.blobOf(file));
        if (blob) {
          summaries[file] = headFiles[file];
          blobs.push([file, blob]);
        } else changed = true;
        continue;
      }
      if (!abs || !record.hash) {
        runFiles = undefined;
        changed = true;
        continue;
      }
      try {
        const s = statSync(abs);
        // A file modified within the last seconds could change again without its time moving
        // (coarse clocks): store no time, so the next run checks its content hash.
        const racy = Date.now() - s.mtimeMs < RACY_MS;
        const mtimeMs = racy ? -1 : s.mtimeMs;
        // A record read from the cache is written back as the bytes it was read from (a file whose
        // time changed but not its content keeps its record); only new records are serialized.
        const before = headFiles[file];
        const blob = this.blobs.get(record);
        summaries[file] = blob && before && before.size === s.size && before.mtimeMs === mtimeMs ? before : summaryOf(record, s.size, mtimeMs);
        blobs.push([file, blob ?? serialize(pack(record))]);
        if (summaries[file] !== before || !blob) changed = true;
        if (racy) runFiles = undefined;
        else runFiles?.push([file, s.size, mtimeMs]);
      } catch {
        // gone since it was read: not cached
        runFiles = undefined;
        changed = true;
      }
    }
    if (!changed && !output && [...memo.used].every((k) => this.loadedKeys.has(k))) return;
    const run: StoredRun | undefined = runFiles &&
      result && {
        files: runFiles,
        result: { files: result.files, diagnostics: result.diagnostics, regions: result.regions, items: result.items, fileItems: result.fileItems, regionOf: result.files.map((f) => [f, result.regionOf(f)]) },
      };
    // Memo entries are keyed by content, never wrong: a run of the whole dataset keeps those it
    // used, a partial run also those it did not reach.
    const pick = <T>(map: Map<string, T>) => Object.fromEntries([...map].filter(([k]) => memo.used.has(k) || (partial && this.loadedKeys.has(k))));
    const memoBytes = serialize({ compare: pick(memo.compare), locate: pick(memo.locate) } satisfies StoredMemo);
    const layout = new Layout();
    const memoSpan = layout.place(memoBytes);
    const records: Record<string, Span> = {};
    for (const [file, blob] of blobs) records[file] = layout.place(blob);
    const outputs = output && run ? [outputRef(output, layout)] : undefined;
    this.write({ magic: MAGIC, version: HEAD_VERSION, tool: VERSION, node: process.version, settings: this.settings, files: summaries, records, memo: memoSpan, ...(run ? { run } : {}), ...(outputs ? { outputs } : {}) }, layout.parts);
  }
}
