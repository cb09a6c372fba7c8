/**
 * The dataset: files grouped into regions, regions chained, items indexed by code once.
 * Built once per run from the loaded files; rules read it, never change it.
 */
import type { LoadedFile } from '../load/index.js';
import { chainOf, resolveParents } from '../regions/chain.js';
import type { Level } from '../regions/codes.js';
import type { JsonPath } from '../types.js';

export interface Duration {
  value: number;
  unit: '工作日' | '自然日';
}
export interface Material {
  name: string;
  form: string;
  copies: number;
  necessity: string;
  medium?: string;
  source?: string;
}
export interface Step {
  name: string;
  days?: number;
  role?: string;
}
export interface Item {
  code: string;
  implementationCode?: string;
  name: string;
  type: string;
  basis?: string[];
  levels?: Level[];
  reviewMode?: '一审一核' | '标准';
  timeLimit: { statutory?: Duration; promised: Duration };
  materials: Material[];
  steps: Step[];
  reviewRules?: string[];
}
export interface Checklist {
  region: { code: string; name: string; level: Level; parent?: string };
  department?: { name?: string; creditCode?: string };
  system?: string;
  items: Item[];
}

export interface SourceFile {
  /** Display path (relative, `/` separators). */
  file: string;
  loaded: LoadedFile;
  /** The region code; for an unparsable file, the code guessed from its text, or ''. */
  regionCode: string;
  /** The document, when it parsed and its `region` is valid. */
  doc?: Checklist;
  /** Indices of items that violate the schema: skipped by every other rule. */
  invalidItems: Set<number>;
}

export interface ItemRef {
  item: Item;
  file: SourceFile;
  index: number;
  path: JsonPath;
  region: RegionData;
}

export interface RegionData {
  code: string;
  name: string;
  level: Level;
  explicitParent?: string;
  files: SourceFile[];
  /** Every valid item of every file, files in path order. */
  items: ItemRef[];
  /** First occurrence of each code. */
  byCode: Map<string, ItemRef>;
  /** Codes of every item, schema-valid or not (a number that lost its quotes counts as its digits). */
  presentCodes: Set<string>;
  parent?: RegionData;
  /** Itself, then its ancestors. */
  chain: RegionData[];
  /** Some file of this region could not be parsed: coverage rules stay silent about it. */
  incomplete: boolean;
}

export interface Dataset {
  files: SourceFile[];
  regions: Map<string, RegionData>;
  /** Compare with the topmost region that has the code (`root`) or the nearest (`parent`). */
  referenceMode: 'root' | 'parent';
  /** Some unparsable file has no recognisable region: coverage rules stay silent. */
  unknownIncomplete: boolean;
  referenceOf(item: ItemRef): ItemRef;
}

export function itemCount(dataset: Dataset): number {
  let n = 0;
  for (const r of dataset.regions.values()) n += r.items.length;
  return n;
}

/** Group files (sorted by path) into regions and chain them. */
export function buildDataset(files: SourceFile[], referenceMode: 'root' | 'parent'): Dataset {
  const regions = new Map<string, RegionData>();
  let unknownIncomplete = false;
  for (const f of files) {
    if (!f.doc) continue;
    const r = f.doc.region;
    let region = regions.get(r.code);
    if (!region) {
      region = { code: r.code, name: r.name, level: r.level, explicitParent: r.parent, files: [], items: [], byCode: new Map(), presentCodes: new Set(), chain: [], incomplete: false };
      regions.set(r.code, region);
    } else if (region.explicitParent === undefined && r.parent !== undefined) {
      region.explicitParent = r.parent;
    }
    region.files.push(f);
    const items = Array.isArray(f.doc.items) ? f.doc.items : [];
    for (let i = 0; i < items.length; i++) {
      const code = (items[i] as { code?: unknown } | null)?.code;
      if (typeof code === 'string' || typeof code === 'number') region.presentCodes.add(String(code));
      if (f.invalidItems.has(i)) continue;
      const ref: ItemRef = { item: items[i], file: f, index: i, path: ['items', i], region };
      region.items.push(ref);
      if (!region.byCode.has(ref.item.code)) region.byCode.set(ref.item.code, ref);
    }
  }
  for (const f of files) {
    if (f.doc || f.loaded.problems.length === 0) continue;
    const region = regions.get(f.regionCode);
    if (region) region.incomplete = true;
    else if (!f.regionCode) unknownIncomplete = true;
  }
  const parents = resolveParents([...regions.values()].map((r) => ({ code: r.code, explicitParent: r.explicitParent })));
  for (const region of regions.values()) {
    const p = parents.get(region.code);
    region.parent = p === undefined ? undefined : regions.get(p);
    region.chain = chainOf(region.code, parents).map((c) => regions.get(c)!);
  }
  const referenceOf = (ref: ItemRef): ItemRef => {
    const chain = ref.region.chain;
    if (referenceMode === 'parent') {
      for (let i = 1; i < chain.length; i++) {
        const hit = chain[i].byCode.get(ref.item.code);
        if (hit) return hit;
      }
      return ref;
    }
    for (let i = chain.length - 1; i >= 1; i--) {
      const hit = chain[i].byCode.get(ref.item.code);
      if (hit) return hit;
    }
    return ref;
  };
  return { files, regions, referenceMode, unknownIncomplete, referenceOf };
}
