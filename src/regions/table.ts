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

let names: Map<string, string> | undefined;
let townships: Map<string, string[]> | undefined;

function decode(): Map<string, string> {
  if (names) return names;
  names = new Map();
  townships = new Map();
  for (const line of regionTableText().split('\n')) {
    const parts = line.split('\t');
    const code = parts[0];
    names.set(code, parts[1]);
    const towns: string[] = [];
    for (let i = 2; i < parts.length; i++) {
      const t = code + parts[i].slice(0, 3);
      names.set(t, parts[i].slice(3));
      towns.push(t);
    }
    if (towns.length > 0) townships.set(code, towns);
  }
  return names;
}

/** The table as text: one line per 6-digit region, `code<TAB>name<TAB>ddd<township name>…`. */
export function regionTableText(): string {
  return inflateRawSync(Buffer.from(REGION_TABLE_DEFLATED, 'base64')).toString('utf8');
}

/** The table's name of a 6- or 9-digit region code, or undefined when the table lacks the code. */
export function regionName(code: string): string | undefined {
  return decode().get(code);
}

/** The 9-digit township codes under a 6-digit district code, in code order (empty when none). */
export function townshipsOf(district: string): readonly string[] {
  decode();
  return townships!.get(district) ?? [];
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
