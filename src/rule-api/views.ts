/**
 * Read-only views of the data a rule sees: one file, one item, one region, the whole dataset.
 * They are interfaces: the engine implements them (and may load a file again behind them), a
 * rule only reads them. Nothing here exposes parser nodes, offsets or lines — a rule speaks in
 * JSON paths and values, and the engine finds the ranges.
 */
import type { Checklist, FileHeader, FileList, Item, ItemSummary, Level } from './checklist.js';
import type { JsonPath } from '../types.js';

/** One checklist file. */
export interface FileView {
  /** Display path: relative to the working directory, `/` separators. */
  readonly file: string;
  /** The file's region code (for a file that could not be parsed, the code guessed from its text, or ''). */
  readonly regionCode: string;
  /** `region`, `department` and `system` as written, when the file parsed and its region is valid. */
  readonly header: FileHeader | undefined;
  /**
   * The top-level lists of lists.md the file carries (`decisions`, `intermediaryCatalog`,
   * `feeCatalog`, possibly empty): known without loading the file, so a rule reads `doc` only
   * where they are.
   */
  readonly lists: readonly FileList[];
  /** The whole document, when the file parsed and its region is valid (may load the file again). */
  readonly doc: Checklist | undefined;
  /** The code of item `index`, without loading the file when it is known. */
  itemCode(index: number): string | undefined;
  /** Item `index` (in the cross-level stage only that item is parsed, where the layout allows). */
  item(index: number): Item;
}

/** One schema-valid item where it stands. */
export interface ItemView {
  /** Code, name, type and levels: at hand without loading the file again. */
  readonly summary: ItemSummary;
  /** The full item (may load it from its file). */
  readonly item: Item;
  readonly file: FileView;
  /** Its index in the file's `items`. */
  readonly index: number;
  /** `['items', index]`. */
  readonly path: JsonPath;
  readonly region: RegionView;
  /** The name after normalization (format.md, "Text comparison"). */
  readonly normalizedName: string;
  /**
   * An opaque key, equal for two items exactly when their normalized names are equal: cheaper
   * than {@link normalizedName} (taken from the item's fingerprint), for grouping by name.
   */
  readonly nameKey: string;
}

/** One region, all its files merged. */
export interface RegionView {
  readonly code: string;
  readonly name: string;
  readonly level: Level;
  readonly files: readonly FileView[];
  /** Every schema-valid item of every file, files in path order. */
  readonly items: readonly ItemView[];
  /** The first occurrence of each code. */
  readonly byCode: ReadonlyMap<string, ItemView>;
  /** Codes of every item, schema-valid or not. */
  readonly presentCodes: ReadonlySet<string>;
  readonly parent?: RegionView;
  /** Itself, then its ancestors (format.md, "Levels and the region chain"). */
  readonly chain: readonly RegionView[];
  /** Some file of the region could not be parsed: coverage rules stay silent about it. */
  readonly incomplete: boolean;
}

/** Every file and region of a run. */
export interface DatasetView {
  readonly files: readonly FileView[];
  readonly regions: ReadonlyMap<string, RegionView>;
  /** `root`: compare with the topmost region that has the code; `parent`: the nearest. */
  readonly referenceMode: 'root' | 'parent';
  /** Some unparsable file has no recognisable region: coverage rules stay silent. */
  readonly unknownIncomplete: boolean;
  /**
   * The config's `asOf` (`YYYY-MM-DD`), when set: a decision counts only from its `effective`
   * date (default `date`) plus its `transition` ({@link decisionInForce}).
   */
  readonly asOf?: string;
  /** The item `item` is compared with (format.md, "The reference an item is compared with"). */
  referenceOf(item: ItemView): ItemView;
}
