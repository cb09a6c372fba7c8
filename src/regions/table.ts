/**
 * The built-in region table (lists.md, rules `region/name` and `coverage/streets`): GB/T 2260
 * names of 6-digit regions and the statistics office's names of 9-digit townships (乡镇/街道),
 * generated at build time by scripts/build-region-table.mjs from a maintained code-table
 * package, with its data year. Never fetched at run time; decoded on first use.
 */
import { inflateRawSync } from 'node:zlib';
import { REGION_TABLE_DEFLATED, REGION_TABLE_SOURCE, REGION_TABLE_YEAR } from './table-data.js';

/** The year of the statistics office's code table the built-in table was generated from. */
export const regionTableYear: number = REGION_TABLE_YEAR;
/** Where the table came from (package and version). */
export const regionTableSource: string = REGION_TABLE_SOURCE;

/** What a 9-digit township is: 街道 (street), 镇 (town), 乡 (township, also 苏木), or another 乡级 unit. */
export type TownshipKind = 'street' | 'town' | 'township' | 'other';

/** One 6-digit region's line of the table, parsed: its name and its townships (codes in order, and names by code). */
interface Region {
  name: string;
  towns: string[];
  townNames: Map<string, string>;
}

interface Line {
  /** Byte offsets of the line in the inflated table. */
  start: number;
  end: number;
  region?: Region;
}

/**
 * The table inflated (UTF-8 bytes) and where each 6-digit region's line is. Built on the first
 * lookup; a line is decoded and parsed only when one of its codes is asked for (a run asks for a
 * few of the ~3,300 regions; decoding all ~41,000 townships up front took tens of milliseconds).
 */
let table: { bytes: Buffer; lines: Map<string, Line> } | undefined;

function lines(): Map<string, Line> {
  if (table) return table.lines;
  const bytes = inflateRawSync(Buffer.from(REGION_TABLE_DEFLATED, 'base64'));
  // Codes, tabs and newlines are ASCII: read as latin1 (one character per byte, a cheap copy), the
  // text's positions are the bytes' offsets, and the codes read as they would as UTF-8.
  const text = bytes.toString('latin1');
  const index = new Map<string, Line>();
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let tab = text.indexOf('\t', start);
    if (tab === -1 || tab > end) tab = end;
    index.set(text.slice(start, tab), { start, end });
    start = end + 1;
  }
  table = { bytes, lines: index };
  return index;
}

/** The 6-digit region of the table with this code, its line parsed on first use. */
function region(code: string): Region | undefined {
  const line = lines().get(code);
  if (!line) return undefined;
  if (!line.region) {
    const parts = table!.bytes.toString('utf8', line.start, line.end).split('\t');
    const towns: string[] = [];
    const townNames = new Map<string, string>();
    for (let i = 2; i < parts.length; i++) {
      const t = code + parts[i].slice(0, 3);
      townNames.set(t, parts[i].slice(3));
      towns.push(t);
    }
    line.region = { name: parts[1], towns, townNames };
  }
  return line.region;
}

/** The table as text: one line per 6-digit region, `code<TAB>name<TAB>ddd<township name>…`. */
export function regionTableText(): string {
  return inflateRawSync(Buffer.from(REGION_TABLE_DEFLATED, 'base64')).toString('utf8');
}

/** The table's name of a 6- or 9-digit region code, or undefined when the table lacks the code. */
export function regionName(code: string): string | undefined {
  if (typeof code !== 'string') return undefined;
  if (code.length === 9) return region(code.slice(0, 6))?.townNames.get(code);
  return code.length === 6 ? region(code)?.name : undefined;
}

/** The 9-digit township codes under a 6-digit district code, in code order (empty when none). */
export function townshipsOf(district: string): readonly string[] {
  const towns = typeof district === 'string' && district.length === 6 ? region(district)?.towns : undefined;
  return towns?.length ? towns : [];
}

/**
 * The kind of a 9-digit township code by the table's name (…街道 and …办事处 are streets; …镇 a
 * town; …乡 and …苏木 a township), else by the statistics office's numbering (001–099 街道, so
 * Beijing's …地区 are streets; 100–199 镇; 200–399 乡; others 乡级 units such as 开发区). Undefined for a code the table lacks.
 */
export function townshipKind(code: string): TownshipKind | undefined {
  if (!/^\d{9}$/.test(code)) return undefined;
  const name = regionName(code);
  if (name === undefined) return undefined;
  return kindOf(code, name);
}

/** Whether a 9-digit code is a 街道 (street) in the table (see {@link townshipKind}). */
export function isStreet(code: string): boolean {
  return townshipKind(code) === 'street';
}

function kindOf(code: string, name: string): TownshipKind {
  if (/(街道|办事处)$/.test(name)) return 'street';
  if (/镇$/.test(name)) return 'town';
  if (/(乡|苏木)$/.test(name)) return 'township';
  const n = Number(code.slice(6));
  if (n >= 1 && n <= 99) return 'street';
  if (n >= 100 && n <= 199) return 'town';
  if (n >= 200 && n <= 399) return 'township';
  return 'other';
}
