/**
 * `--shard i/n` (reports.md, "National scale"): region chains never cross provinces, so a
 * dataset splits exactly by province, the first two digits of its region codes.
 *
 * Which province a file belongs to is read from its head only: the bytes up to `region.code`
 * (a few hundred bytes in practice), never the whole dataset. A file whose head does not show
 * the code as a plain block key within {@link HEAD_BYTES} (flow style, quoted keys, a syntax
 * error before it, …) is loaded whole, once, and its region taken the way the per-file stage
 * takes it (the parsed `region.code`, else the same guess used for unparsable files), so it lands
 * where an unsharded run would place it. Files with no region at all (unreadable, too large,
 * not UTF-8, no `region.code`) touch no other file: they form one group pinned to shard 1.
 *
 * Assignment (deterministic, from file sizes only): the unknown group first to shard 1; then the
 * provinces by descending bytes (ties: by code), each to the shard with the fewest bytes so far
 * (ties: the lowest shard number). Every shard run of the same checkout computes the same table.
 */
import { open, stat } from 'node:fs/promises';
import { UsageError } from '../config/errors.js';
import { guessRegion } from '../engine/analyze.js';
import { MAX_FILE_BYTES, loadBytes, loadText, type LoadedFile } from '../load/index.js';
import type { FileInput } from '../load/read.js';
import { compareCodeUnits } from '../report/build.js';

/** Shard `index` (1-based) of `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** The group of files whose region could not be read: always shard 1. */
export const UNKNOWN_PROVINCE = '';
/** How far into a file its region header is looked for before the file is loaded whole. */
export const HEAD_BYTES = 64 * 1024;
const CHUNK = 4096;
/** Files whose heads are read at the same time. */
const CONCURRENCY = 32;

/**
 * `region:` at the start of a line, then only blank, comment or indented lines, then `code:` as
 * the key of an indented line: the first two digits of its value. (The two kinds of line are
 * disjoint, so a header without a code fails in linear time.)
 */
const REGION_HEAD = /^region:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n|[ \t]+[^#\s][^\n]*\r?\n)*?[ \t]+code:[ \t]*["']?([0-9]{2})/m;
const FIRST_REGION = /^region:/m;

/** Parse `i/n` (command line): one-line {@link UsageError} for anything else. */
export function parseShard(text: string): ShardSpec {
  const m = /^([0-9]+)\/([0-9]+)$/.exec(text.trim());
  if (!m) throw new UsageError(`--shard "${text}": expected i/n, e.g. --shard 1/4 (shard i of n, counting from 1)`);
  return checkShard({ index: Number(m[1]), count: Number(m[2]) }, '--shard');
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
}

/** Province from a text's head: undefined when the head does not show it plainly. */
function fromHead(text: string): string | undefined {
  const m = REGION_HEAD.exec(text);
  // The first `region:` line must be the one matched: an earlier one is a header too odd to guess.
  if (!m || FIRST_REGION.exec(text)!.index !== m.index) return undefined;
  return m[1];
}

/** Province of a loaded file, exactly as the per-file stage would take its region. */
function fromLoaded(loaded: LoadedFile): string {
  let code = '';
  if (loaded.value === undefined) code = guessRegion(loaded.text);
  else {
    const value = loaded.value as Record<string, unknown> | null;
    const region = value && typeof value === 'object' && !Array.isArray(value) && value.region && typeof value.region === 'object' ? (value.region as Record<string, unknown>) : undefined;
    const c = region?.code;
    code = typeof c === 'string' ? c : typeof c === 'number' ? String(c) : '';
  }
  return /^[0-9]{2}/.test(code) ? code.slice(0, 2) : UNKNOWN_PROVINCE;
}

/** Read a file's head (up to `region.code`) and tell its province. Never throws. */
export async function provinceOf(input: FileInput): Promise<ProvinceOf> {
  if (input.text !== undefined) {
    return { province: fromHead(input.text.slice(0, HEAD_BYTES)) ?? fromLoaded(loadText(input.file, input.text, input.bom ?? false)), bytes: Buffer.byteLength(input.text) };
  }
  if (input.bytes !== undefined) {
    const head = new TextDecoder().decode(input.bytes.subarray(0, HEAD_BYTES));
    return { province: fromHead(head) ?? fromLoaded(loadBytes(input.file, input.bytes)), bytes: input.bytes.length };
  }
  let size: number;
  try {
    const s = await stat(input.abs!);
    if (!s.isFile()) return { province: UNKNOWN_PROVINCE, bytes: 0 };
    size = s.size;
  } catch {
    return { province: UNKNOWN_PROVINCE, bytes: 0 }; // the run reports it unreadable
  }
  if (size > MAX_FILE_BYTES) return { province: UNKNOWN_PROVINCE, bytes: size }; // reported too large, no region
  let handle;
  try {
    handle = await open(input.abs!, 'r');
    const decoder = new TextDecoder();
    const buffer = Buffer.alloc(CHUNK);
    let text = '';
    let read = 0;
    while (read < HEAD_BYTES) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, read);
      if (bytesRead === 0) break;
      read += bytesRead;
      text += decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
      const province = fromHead(text);
      if (province !== undefined) return { province, bytes: size };
    }
    // No plain header in the head: load the file whole, as the run will.
    const whole = await handle.readFile();
    return { province: fromLoaded(loadBytes(input.file, whole)), bytes: size };
  } catch {
    return { province: UNKNOWN_PROVINCE, bytes: size };
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
  inputs.forEach((input, i) => {
    bytes.set(found[i].province, (bytes.get(found[i].province) ?? 0) + found[i].bytes);
    provinceOfFile.set(input.file, found[i].province);
  });
  const shardOf = assignShards(bytes, count);
  return { provinces: [...bytes.keys()].filter((p) => p !== UNKNOWN_PROVINCE).sort(compareCodeUnits), shardOf, provinceOfFile };
}

/** The inputs of shard `spec.index` of `spec.count` (order kept). */
export async function selectShard<T extends FileInput>(inputs: T[], spec: ShardSpec): Promise<T[]> {
  if (spec.count === 1) return inputs;
  const plan = await planShards(inputs, spec.count);
  return inputs.filter((i) => plan.shardOf.get(plan.provinceOfFile.get(i.file)!) === spec.index);
}
