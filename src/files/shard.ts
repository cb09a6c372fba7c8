/**
 * `--shard i/n` (reports.md, "National scale"): region chains never cross provinces, so a
 * dataset splits exactly by province, the first two digits of its region codes.
 *
 * Which province a file belongs to is read from its head only: the bytes up to `region.code`
 * (a few hundred bytes in practice; at least the first {@link CHUNK}, checked to be UTF-8), never
 * the whole dataset. A file whose head does not show the code as a plain block key within
 * {@link HEAD_BYTES} (flow style, quoted keys, a syntax error before it, …) is loaded whole, once,
 * and its region taken the way the per-file stage takes it (the parsed `region.code`, else the
 * same guess used for unparsable files), so it lands where an unsharded run would place it.
 * Files with no region (unreadable, too large, not UTF-8, no `region.code`) form one group
 * reported by shard 1.
 *
 * One fact is not per province: an unparsable file with no recognisable region silences the
 * coverage rules of the whole dataset (`Dataset.unknownIncomplete`). Such files (`global`) are
 * therefore loaded by every shard, and reported by shard 1 only, so that every shard sees what
 * the unsharded run sees.
 *
 * Assignment (deterministic, from file sizes only): the unknown group first to shard 1; then the
 * provinces by descending bytes (ties: by code), each to the shard with the fewest bytes so far
 * (ties: the lowest shard number). Every shard run of the same checkout computes the same table.
 */
import { isUtf8 } from 'node:buffer';
import { open, stat } from 'node:fs/promises';
import { UsageError } from '../config/errors.js';
import { guessRegion } from '../engine/analyze.js';
import { MAX_FILE_BYTES, loadBytes, loadText, type LoadedFile } from '../load/index.js';
import type { FileInput } from '../load/read.js';
import { compareCodeUnits, summarize } from '../report/build.js';
import type { Locale, Report } from '../types.js';

/** Shard `index` (1-based) of `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** The group of files whose region could not be read: always shard 1. */
export const UNKNOWN_PROVINCE = '';
/** How far into a file its region header is looked for before the file is loaded whole. */
export const HEAD_BYTES = 64 * 1024;
/** Read at a time; the first one is always read whole (or the file, if smaller) and checked. */
const CHUNK = 4096;
/** Files whose heads are read at the same time. */
const CONCURRENCY = 32;

/**
 * `region:` at the start of a line, then only blank, comment or indented lines, then `code:` as
 * the key of an indented line: the first two digits of its value. (The two kinds of line are
 * disjoint, so a header without a code fails in linear time.)
 */
const REGION_HEAD = /^region:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n|[ \t]+[^#\s][^\n]*\r?\n)*?[ \t]+code:[ \t]*["']?([0-9]{6,9})/m;
const FIRST_REGION = /^region:/m;

/** Parse `i/n` (command line): one-line {@link UsageError}, worded in `locale`, for anything else. */
export function parseShard(text: string, locale: Locale = 'en'): ShardSpec {
  const m = /^([0-9]+)\/([0-9]+)$/.exec(text.trim());
  if (!m) {
    throw new UsageError(locale === 'en' ? `--shard "${text}": expected i/n, e.g. --shard 1/4 (shard i of n, counting from 1)` : `--shard「${text}」格式不对：应为 i/n，如 --shard 1/4（共 n 个分片中的第 i 个，从 1 数起）`);
  }
  const [index, count] = [Number(m[1]), Number(m[2])];
  if (locale !== 'en' && Number.isSafeInteger(count) && count < 1) throw new UsageError(`--shard：分片数至少为 1，收到 ${count}`);
  if (locale !== 'en' && Number.isSafeInteger(index) && Number.isSafeInteger(count) && (index < 1 || index > count)) {
    throw new UsageError(`--shard：没有第 ${index}/${count} 个分片；分片编号为 1 到 ${count}`);
  }
  return checkShard({ index, count }, '--shard');
}

/** Check a shard given to the library (`shard: { index, count }`) or parsed from the command line. */
export function checkShard(value: unknown, name = 'option shard'): ShardSpec {
  const v = value as Partial<ShardSpec> | null;
  if (v === null || typeof v !== 'object' || Array.isArray(v) || !Number.isSafeInteger(v.index) || !Number.isSafeInteger(v.count)) {
    throw new UsageError(`${name}: expected { index, count } whole numbers, shard index of count (from 1)`);
  }
  const { index, count } = v as ShardSpec;
  if (count < 1) throw new UsageError(`${name}: the number of shards must be at least 1, got ${count}`);
  if (index < 1 || index > count) throw new UsageError(`${name}: shard ${index}/${count} does not exist; shards are numbered 1 to ${count}`);
  return { index, count };
}

/** A file's province (first two digits of its region code, or {@link UNKNOWN_PROVINCE}) and size. */
export interface ProvinceOf {
  province: string;
  bytes: number;
  /** An unparsable file with no recognisable region: part of every shard's dataset. */
  global?: boolean;
}

const GLOBAL = (bytes: number): ProvinceOf => ({ province: UNKNOWN_PROVINCE, bytes, global: true });

/** Province from a text's head: undefined when the head does not show it plainly. */
function fromHead(text: string): string | undefined {
  const m = REGION_HEAD.exec(text);
  // The first `region:` line must be the one matched: an earlier one is a header too odd to guess.
  if (!m || FIRST_REGION.exec(text)!.index !== m.index) return undefined;
  return m[1].slice(0, 2);
}

/**
 * Whether bytes read from a file's start would fail to decode as the loader decodes (UTF-16 BOM,
 * a NUL, bytes that are not UTF-8); `more`: the file goes on, so a sequence cut at the end is fine.
 */
function undecodable(bytes: Uint8Array, more: boolean): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  if (bytes.includes(0)) return true;
  let end = bytes.length;
  if (more) {
    // Drop a multi-byte sequence the read cut short: its lead byte is among the last three bytes.
    for (let back = 1; back <= 3 && back <= end; back++) {
      const b = bytes[end - back];
      if ((b & 0xc0) === 0x80) continue;
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (need > back) end -= back;
      break;
    }
  }
  return !isUtf8(bytes.subarray(0, end));
}

/** Province of a loaded file, exactly as the per-file stage would take its region. */
function fromLoaded(loaded: LoadedFile, bytes: number): ProvinceOf {
  let code = '';
  if (loaded.value === undefined) {
    code = guessRegion(loaded.text);
    if (!code) return GLOBAL(bytes);
  } else {
    const value = loaded.value as Record<string, unknown> | null;
    const region = value && typeof value === 'object' && !Array.isArray(value) && value.region && typeof value.region === 'object' ? (value.region as Record<string, unknown>) : undefined;
    const c = region?.code;
    code = typeof c === 'string' ? c : typeof c === 'number' ? String(c) : '';
  }
  return { province: /^[0-9]{2}/.test(code) ? code.slice(0, 2) : UNKNOWN_PROVINCE, bytes };
}

/** Read a file's head (up to `region.code`) and tell its province. Never throws. */
export async function provinceOf(input: FileInput): Promise<ProvinceOf> {
  if (input.text !== undefined) {
    // Already decoded text (editors): no encoding checks apply.
    const bytes = Buffer.byteLength(input.text);
    const province = fromHead(input.text.slice(0, HEAD_BYTES));
    return province !== undefined ? { province, bytes } : fromLoaded(loadText(input.file, input.text, input.bom ?? false), bytes);
  }
  if (input.bytes !== undefined) {
    const head = input.bytes.subarray(0, HEAD_BYTES);
    const province = undecodable(head, head.length < input.bytes.length) ? undefined : fromHead(new TextDecoder().decode(head));
    return province !== undefined ? { province, bytes: input.bytes.length } : fromLoaded(loadBytes(input.file, input.bytes), input.bytes.length);
  }
  let size: number;
  try {
    const s = await stat(input.abs!);
    if (!s.isFile()) return GLOBAL(0); // the run reports it unreadable
    size = s.size;
  } catch {
    return GLOBAL(0); // the run reports it unreadable
  }
  if (size > MAX_FILE_BYTES) return GLOBAL(size); // reported too large, not read
  let handle;
  try {
    handle = await open(input.abs!, 'r');
    const chunks: Buffer[] = [];
    let read = 0;
    while (read < HEAD_BYTES) {
      const buffer = Buffer.alloc(CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, read);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      read += bytesRead;
      const head = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      // Bytes the loader will not decode leave the file without a region, as in the run.
      if (undecodable(head, read < size)) return GLOBAL(size);
      const province = fromHead(head.toString('utf8'));
      if (province !== undefined) return { province, bytes: size };
    }
    // No plain header in the head: load the file whole, as the run will.
    return fromLoaded(loadBytes(input.file, await handle.readFile()), size);
  } catch {
    return GLOBAL(size); // the run reports it unreadable
  } finally {
    await handle?.close();
  }
}

/**
 * Provinces → shard (1-based). The unknown group goes to shard 1 first; then provinces by
 * descending bytes (ties by code) each go to the lightest shard so far (ties: lowest number).
 */
export function assignShards(bytesByProvince: Map<string, number>, count: number): Map<string, number> {
  const out = new Map<string, number>();
  const load = new Array<number>(count).fill(0);
  if (bytesByProvince.has(UNKNOWN_PROVINCE)) {
    out.set(UNKNOWN_PROVINCE, 1);
    load[0] += bytesByProvince.get(UNKNOWN_PROVINCE)!;
  }
  const provinces = [...bytesByProvince].filter(([p]) => p !== UNKNOWN_PROVINCE).sort((a, b) => b[1] - a[1] || compareCodeUnits(a[0], b[0]));
  for (const [province, bytes] of provinces) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s] < load[best]) best = s;
    out.set(province, best + 1);
    load[best] += bytes;
  }
  return out;
}

/** The shard table of a run's inputs: each input's province, and each province's shard. */
export interface ShardPlan {
  provinces: string[];
  shardOf: Map<string, number>;
  provinceOfFile: Map<string, string>;
  /** Files every shard loads (unparsable, no recognisable region); shard 1 reports them. */
  global: Set<string>;
}

export async function planShards(inputs: FileInput[], count: number): Promise<ShardPlan> {
  const found = new Array<ProvinceOf>(inputs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, inputs.length) }, async () => {
      while (next < inputs.length) {
        const at = next++;
        found[at] = await provinceOf(inputs[at]);
      }
    }),
  );
  const bytes = new Map<string, number>();
  const provinceOfFile = new Map<string, string>();
  const global = new Set<string>();
  inputs.forEach((input, i) => {
    bytes.set(found[i].province, (bytes.get(found[i].province) ?? 0) + found[i].bytes);
    provinceOfFile.set(input.file, found[i].province);
    if (found[i].global) global.add(input.file);
  });
  const shardOf = assignShards(bytes, count);
  return { provinces: [...bytes.keys()].filter((p) => p !== UNKNOWN_PROVINCE).sort(compareCodeUnits), shardOf, provinceOfFile, global };
}

/** What a shard lints: its inputs (order kept), and those of them it loads but does not report. */
export interface ShardSelection<T> {
  inputs: T[];
  /** Files of other shards loaded for the dataset-wide facts they carry (see {@link ShardPlan.global}). */
  hidden: Set<string>;
}

/** The inputs of shard `spec.index` of `spec.count`. */
export async function selectShard<T extends FileInput>(inputs: T[], spec: ShardSpec): Promise<ShardSelection<T>> {
  if (spec.count === 1) return { inputs, hidden: new Set() };
  const plan = await planShards(inputs, spec.count);
  const hidden = new Set<string>();
  const mine = inputs.filter((i) => {
    if (plan.shardOf.get(plan.provinceOfFile.get(i.file)!) === spec.index) return true;
    if (!plan.global.has(i.file)) return false;
    hidden.add(i.file);
    return true;
  });
  return { inputs: mine, hidden };
}

/** A shard's report without the files it loaded only for the dataset (their items uncounted). */
export function withoutHidden(report: Report, hidden: Set<string>, hiddenItems: number): Report {
  if (hidden.size === 0) return report;
  const files = report.files.filter((f) => !hidden.has(f.file));
  return { ...report, summary: summarize(files, { regions: report.summary.regions, items: report.summary.items - hiddenItems }), files };
}
