/**
 * Shared resolution for the lists.md references (`prerequisites`, catalog `items`) and for the
 * catalogs (`intermediaryCatalog`, `feeCatalog`) the `intermediary/*` and `fee/*` rules check.
 *
 * - A reference `{ code?, name }` resolves in the region chain (the region's own files first,
 *   then its ancestors'): by `code` when it has one, otherwise by normalized name. A code that
 *   resolves to an item of another (normalized) name is `mismatchedName`, not unresolved.
 * - An item "lists" a catalog entry when its entry matches it by code where both have one,
 *   else by normalized name.
 *
 * Indexes are built once per dataset (the rules share them) and only read the documents that
 * the rules need.
 */
import { normalize, type DatasetView, type FileView, type ItemListField, type ItemView, type JsonPath, type RegionView, type RuleContext } from '../../src/rule-api/index.js';

/** A `{ code?, name }` as written, when well-formed (the schema reports the others). */
export interface Ref {
  code?: string;
  name: string;
}

export function asRef(value: unknown): Ref | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as { code?: unknown; name?: unknown };
  if (typeof v.name !== 'string' || v.name === '') return undefined;
  if (v.code !== undefined && typeof v.code !== 'string') return undefined;
  return v.code !== undefined && v.code !== '' ? { code: v.code, name: v.name } : { name: v.name };
}

export function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((s) => typeof s === 'string') ? (value as string[]) : undefined;
}

export interface Resolution {
  item: ItemView;
  /** Matched by code, and the names differ after normalization. */
  mismatchedName: boolean;
}

const nameIndexes = new WeakMap<RegionView, Map<string, ItemView>>();

function byName(region: RegionView): Map<string, ItemView> {
  let index = nameIndexes.get(region);
  if (!index) {
    index = new Map();
    for (const item of region.items) {
      const key = normalize(item.summary.name);
      if (!index.has(key)) index.set(key, item);
    }
    nameIndexes.set(region, index);
  }
  return index;
}

/** Resolve `ref` in `region`'s chain: by code when given, otherwise by normalized name. */
export function resolveRef(ref: Ref, region: RegionView): Resolution | undefined {
  if (ref.code !== undefined) {
    for (const r of region.chain) {
      const item = r.byCode.get(ref.code);
      if (item) return { item, mismatchedName: normalize(item.summary.name) !== normalize(ref.name) };
    }
    return undefined;
  }
  const key = normalize(ref.name);
  for (const r of region.chain) {
    const item = byName(r).get(key);
    if (item) return { item, mismatchedName: false };
  }
  return undefined;
}

/** Whether an item's entry and a catalog entry match: by code where both have one, else by normalized name. */
export function listsEntry(entry: Ref, catalog: Ref): boolean {
  if (entry.code !== undefined && catalog.code !== undefined) return entry.code === catalog.code;
  return normalize(entry.name) === normalize(catalog.name);
}

/** One well-formed catalog entry where it stands. */
export interface CatalogEntry<T> {
  file: FileView;
  index: number;
  /** `[<catalog key>, index]`. */
  path: JsonPath;
  ref: Ref;
  value: T;
}

export type CatalogKey = 'intermediaryCatalog' | 'feeCatalog';

interface Catalogs {
  /** Some loaded file has a list under this key (well-formed or not). */
  present: boolean;
  /** Each region's own entries, files in path order. */
  byRegion: Map<string, CatalogEntry<Record<string, unknown>>[]>;
  /** Each region's entries by code and by normalized name (built on first lookup). */
  lookup: Map<string, CatalogLookup>;
}

interface CatalogLookup {
  /** The first entry with this code. */
  byCode: Map<string, CatalogEntry<Record<string, unknown>>>;
  /** The first entry with this normalized name, any code or none. */
  byName: Map<string, CatalogEntry<Record<string, unknown>>>;
  /** The first entry without a code with this normalized name. */
  byNameNoCode: Map<string, CatalogEntry<Record<string, unknown>>>;
  position: Map<CatalogEntry<Record<string, unknown>>, number>;
}

const catalogIndexes = new WeakMap<DatasetView, Map<CatalogKey, Catalogs>>();

/** The catalog entries under `key` of every region (built once per dataset and key). */
export function catalogs(dataset: DatasetView, key: CatalogKey): Catalogs {
  let perKey = catalogIndexes.get(dataset);
  if (!perKey) catalogIndexes.set(dataset, (perKey = new Map()));
  let result = perKey.get(key);
  if (result) return result;
  result = { present: false, byRegion: new Map(), lookup: new Map() };
  for (const region of dataset.regions.values()) {
    const own: CatalogEntry<Record<string, unknown>>[] = [];
    for (const file of region.files) {
      if (!file.lists.includes(key)) continue; // known without loading the file
      const list = (file.doc as Record<string, unknown> | undefined)?.[key];
      if (list === undefined) continue;
      result.present = true;
      if (!Array.isArray(list)) continue;
      list.forEach((value: unknown, index) => {
        const ref = asRef(value);
        if (ref) own.push({ file, index, path: [key, index], ref, value: value as Record<string, unknown> });
      });
    }
    result.byRegion.set(region.code, own);
  }
  perKey.set(key, result);
  return result;
}

function lookupOf(index: Catalogs, regionCode: string): CatalogLookup | undefined {
  let lookup = index.lookup.get(regionCode);
  if (lookup) return lookup;
  const own = index.byRegion.get(regionCode);
  if (!own || own.length === 0) return undefined;
  lookup = { byCode: new Map(), byName: new Map(), byNameNoCode: new Map(), position: new Map() };
  own.forEach((c, i) => {
    lookup!.position.set(c, i);
    const name = normalize(c.ref.name);
    if (c.ref.code !== undefined && !lookup!.byCode.has(c.ref.code)) lookup!.byCode.set(c.ref.code, c);
    if (!lookup!.byName.has(name)) lookup!.byName.set(name, c);
    if (c.ref.code === undefined && !lookup!.byNameNoCode.has(name)) lookup!.byNameNoCode.set(name, c);
  });
  index.lookup.set(regionCode, lookup);
  return lookup;
}

/**
 * The first catalog entry of `region`'s chain (own region first, then entries in order) that
 * `entry` matches ({@link listsEntry}), found in a per-region index rather than by scanning.
 */
export function findInChain(index: Catalogs, region: RegionView, entry: Ref): CatalogEntry<Record<string, unknown>> | undefined {
  const name = normalize(entry.name);
  for (const r of region.chain) {
    const lookup = lookupOf(index, r.code);
    if (!lookup) continue;
    if (entry.code === undefined) {
      const hit = lookup.byName.get(name);
      if (hit) return hit;
      continue;
    }
    // With a code: an entry with a code matches by code, one without by name; the earlier wins.
    const byCode = lookup.byCode.get(entry.code);
    const byName = lookup.byNameNoCode.get(name);
    if (byCode && byName) return lookup.position.get(byCode)! < lookup.position.get(byName)! ? byCode : byName;
    if (byCode ?? byName) return byCode ?? byName;
  }
  return undefined;
}

/** A chain some file of which could not be read: absence findings stay silent about it. */
export function chainIncomplete(dataset: DatasetView, region: RegionView): boolean {
  return dataset.unknownIncomplete || region.chain.some((r) => r.incomplete);
}

const giving = new WeakMap<RegionView, Map<ItemListField, ItemView[]>>();

/**
 * The region's schema-valid items that give a lists.md field (in the region's order), from one
 * pass over the region shared by every rule that asks: most items give none of these fields, so
 * the rules walk only the few that do.
 */
export function itemsGiving(region: RegionView, field: ItemListField): readonly ItemView[] {
  let byField = giving.get(region);
  if (!byField) {
    byField = new Map();
    for (const item of region.items) {
      const fields = item.summary.fields;
      if (!fields) continue;
      for (const f of fields) {
        const list = byField.get(f);
        if (list) list.push(item);
        else byField.set(f, [item]);
      }
    }
    giving.set(region, byField);
  }
  return byField.get(field) ?? [];
}

/** Every schema-valid item of the dataset, regions in the dataset's order. */
export function* allItems(dataset: DatasetView): Generator<ItemView> {
  for (const region of dataset.regions.values()) yield* region.items;
}

/**
 * The check of `intermediary/not-in-catalog` and `fee/not-in-catalog`: each entry of an item's
 * `field` must be in a `key` catalog of its region's chain (matched by code where both have one,
 * else by normalized name); a code found under another name is one `mismatchedName`. Runs only
 * when some loaded file has the catalog.
 */
export function checkListedInCatalog(dataset: DatasetView, context: RuleContext, key: CatalogKey, field: 'intermediaries' | 'fees'): void {
  const index = catalogs(dataset, key);
  if (!index.present) return;
  for (const region of dataset.regions.values()) {
    const incomplete = chainIncomplete(dataset, region);
    for (const item of itemsGiving(region, field)) {
      const list = item.item[field];
      if (!Array.isArray(list)) continue;
      list.forEach((value, j) => {
        const ref = asRef(value);
        if (!ref) return;
        const path = [...item.path, field, j];
        const found = findInChain(index, region, ref);
        if (!found) {
          if (!incomplete) context.report({ messageId: 'notInCatalog', file: item.file, path, data: { item: item.summary.name, name: ref.name } });
          return;
        }
        if (normalize(found.ref.name) !== normalize(ref.name)) {
          const catalogRegion = found.file.header?.region;
          context.report({
            messageId: 'mismatchedName',
            file: item.file,
            path,
            data: { item: item.summary.name, code: ref.code, name: ref.name, catalogName: found.ref.name, catalogRegion: catalogRegion?.code, catalogRegionName: catalogRegion?.name },
            related: [{ file: found.file, path: found.path }],
          });
        }
      });
    }
  }
}
