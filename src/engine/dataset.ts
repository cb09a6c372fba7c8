/**
 * The dataset: files grouped into regions, regions chained, items indexed by code once.
 * Built once per run from the loaded files; rules read it, never change it.
 */
import type { LoadedFile } from '../load/index.js';
import { facetKey, type Fingerprints } from './fingerprint.js';
import { normalize } from '../text/compare.js';
import type { DatasetView, FileView, ItemView, RegionView } from '../rule-api/views.js';
import { chainOf, resolveParents } from '../regions/chain.js';
import type { Level } from '../regions/codes.js';
import type { JsonPath } from '../types.js';

export type { Duration, Material, Step, Item, ItemReference, PowerSource, Fee, Duty, Responsibility, DecisionAction, DecisionEntry, Decision, IntermediaryService, CatalogFee, Checklist, FileHeader, ItemSummary } from '../rule-api/checklist.js';
import type { Checklist, FileHeader, FileList, Item, ItemSummary } from '../rule-api/checklist.js';
import { ITEM_LIST_FIELDS } from '../rule-api/checklist.js';

/**
 * One file as the rules see it. In the per-file stage its document is at hand; in the
 * cross-level stage it is loaded again only when a rule needs more than the summaries
 * (`doc`, `loaded`), so a clean file is parsed once.
 */
export class SourceFile implements FileView {
  private loadedFile?: LoadedFile;
  private value?: Checklist;

  constructor(
    /** Display path (relative, `/` separators). */
    readonly file: string,
    /** The region code; for an unparsable file, the code guessed from its text, or ''. */
    readonly regionCode: string,
    /** Set when the file parsed and its `region` is valid. */
    readonly header: FileHeader | undefined,
    /** Indices of items that violate the schema: skipped by every other rule. */
    readonly invalidItems: Set<number>,
    /** The file could not be parsed (a `yaml-syntax` problem). */
    readonly parseFailed: boolean,
    private readonly load: () => LoadedFile,
    loaded?: LoadedFile,
    /** Content hash of the file as analyzed ('' when unknown). */
    readonly hash = '',
    /** Item codes by index, for items whose code is a string. */
    private readonly codes?: Map<number, string>,
    /** The top-level lists of lists.md the file carries. */
    readonly lists: readonly FileList[] = [],
  ) {
    this.loadedFile = loaded;
  }

  /** The code of item `index`, without loading the file when the codes are known. */
  itemCode(index: number): string | undefined {
    if (this.codes) return this.codes.get(index);
    const code = (this.doc?.items[index] as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? code : undefined;
  }

  /** The file's text, value and node index (loaded again on first use in the cross-level stage). */
  get loaded(): LoadedFile {
    if (!this.loadedFile) {
      this.loadedFile = this.load();
      // A reload reads single items from the bytes when they are the ones the spans describe.
      this.loadedFile.useItemSpans(this.itemSpans);
    }
    return this.loadedFile;
  }

  private itemSpans?: readonly number[];

  /** Where the file's items are, from its record (see src/load/item-bytes.ts). */
  setItemSpans(spans: readonly number[] | undefined): void {
    this.itemSpans = spans;
  }

  /** The whole document, when the file parsed and its region is valid. */
  get doc(): Checklist | undefined {
    if (!this.header) return undefined;
    return (this.value ??= this.loaded.value as Checklist);
  }

  private items?: Map<number, Item>;

  /** Item `index`, parsing just that item when the file's layout allows (the cross-level stage). */
  item(index: number): Item {
    if (this.value) return this.value.items[index];
    let item = this.items?.get(index);
    if (item === undefined) {
      const lists = this.listValues?.get(index);
      item = lists ? listsFirst(lists, () => this.loaded.item(index) as Item) : (this.loaded.item(index) as Item);
      (this.items ??= new Map()).set(index, item);
    }
    return item;
  }

  private listValues?: Map<number, Partial<Item>>;

  /** The values of an item's lists.md fields, from its record: read without loading the file. */
  setListValues(index: number, values: Partial<Item>): void {
    (this.listValues ??= new Map()).set(index, values);
  }

  /** Forget the document, text and indexes (each is loaded again if needed). */
  release(): void {
    this.loadedFile?.release();
    this.value = undefined;
    this.items = undefined;
  }
}

/**
 * The lists.md fields a record carries for the cross-level stage: all but `responsibility`, which
 * only per-item rules read (in the per-file stage) and whose long texts would otherwise travel from
 * the workers and stay in memory with every record.
 */
export const RECORD_LIST_FIELDS = ITEM_LIST_FIELDS.filter((k) => k !== 'responsibility');
const LIST_FIELDS: ReadonlySet<PropertyKey> = new Set(RECORD_LIST_FIELDS);

/**
 * An item whose lists.md fields come from its record and everything else from the file, loaded
 * only when another field is read: the cross-level rules of lists.md read those fields of many
 * items, and would otherwise load (nearly) every file again.
 */
function listsFirst(lists: Partial<Item>, load: () => Item): Item {
  let full: Item | undefined;
  const real = () => (full ??= load());
  return new Proxy({} as Item, {
    get: (_, key) => (LIST_FIELDS.has(key) ? (lists as Record<PropertyKey, unknown>)[key as string] : Reflect.get(real(), key)),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      return d && { ...d, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}

export interface ItemRef extends ItemView {
  summary: ItemSummary;
  /** The full item: loads the file's document on first use in the cross-level stage. */
  readonly item: Item;
  file: SourceFile;
  index: number;
  path: JsonPath;
  region: RegionData;
  fp?: Fingerprints;
}

class LazyItemRef implements ItemRef {
  readonly path: JsonPath;

  constructor(
    readonly file: SourceFile,
    readonly index: number,
    readonly summary: ItemSummary,
    readonly region: RegionData,
    readonly fp?: Fingerprints,
  ) {
    this.path = ['items', index];
  }

  get item(): Item {
    return this.file.item(this.index);
  }

  get normalizedName(): string {
    return normalize(this.summary.name);
  }

  /** From the name's fingerprint when there is one (no normalizing again), else the normalized name. */
  get nameKey(): string {
    const fp = facetKey(this.fp, 'name');
    return fp !== undefined ? `fp:${fp}` : `name:${normalize(this.summary.name)}`;
  }
}

export function itemRef(file: SourceFile, index: number, summary: ItemSummary, region: RegionData, fp?: Fingerprints): ItemRef {
  return new LazyItemRef(file, index, summary, region, fp);
}

export interface RegionData extends RegionView {
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

export interface Dataset extends DatasetView {
  files: SourceFile[];
  regions: Map<string, RegionData>;
  /** Compare with the topmost region that has the code (`root`) or the nearest (`parent`). */
  referenceMode: 'root' | 'parent';
  /** Some unparsable file has no recognisable region: coverage rules stay silent. */
  unknownIncomplete: boolean;
  referenceOf(item: ItemRef): ItemRef;
}

/** What the per-file stage tells the dataset about one file's items. */
export interface FileItems {
  /** `lists`: the item's lists.md fields that have a value (RECORD_LIST_FIELDS), when it has any. */
  items: { index: number; summary: ItemSummary; fp?: Fingerprints; lists?: Partial<Item> }[];
  presentCodes: string[];
  /** Where the items are in the file's text and bytes (src/load/item-bytes.ts), when recorded. */
  itemSpans?: number[];
}

/** Group files (sorted by path) into regions, index items by code once, and chain the regions. */
export function buildDataset(files: { source: SourceFile; items: FileItems }[], referenceMode: 'root' | 'parent', asOf?: string): Dataset {
  const regions = new Map<string, RegionData>();
  let unknownIncomplete = false;
  for (const { source: f, items } of files) {
    if (!f.header) continue;
    const r = f.header.region;
    let region = regions.get(r.code);
    if (!region) {
      region = { code: r.code, name: r.name, level: r.level, explicitParent: r.parent, files: [], items: [], byCode: new Map(), presentCodes: new Set(), chain: [], incomplete: false };
      regions.set(r.code, region);
    } else if (region.explicitParent === undefined && r.parent !== undefined) {
      region.explicitParent = r.parent;
    }
    region.files.push(f);
    if (items.itemSpans) f.setItemSpans(items.itemSpans);
    for (const code of items.presentCodes) region.presentCodes.add(code);
    for (const it of items.items) {
      if (it.lists) f.setListValues(it.index, it.lists);
      const ref = itemRef(f, it.index, it.summary, region, it.fp);
      region.items.push(ref);
      if (!region.byCode.has(it.summary.code)) region.byCode.set(it.summary.code, ref);
    }
  }
  for (const { source: f } of files) {
    if (!f.parseFailed) continue;
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
    const code = ref.summary.code;
    if (referenceMode === 'parent') {
      for (let i = 1; i < chain.length; i++) {
        const hit = chain[i].byCode.get(code);
        if (hit) return hit;
      }
      return ref;
    }
    for (let i = chain.length - 1; i >= 1; i--) {
      const hit = chain[i].byCode.get(code);
      if (hit) return hit;
    }
    return ref;
  };
  return { files: files.map((f) => f.source), regions, referenceMode, unknownIncomplete, referenceOf, ...(asOf !== undefined ? { asOf } : {}) };
}
