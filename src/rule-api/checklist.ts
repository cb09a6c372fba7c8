/**
 * The checklist data model as rules read it (format.md, lists.md): a file's document, its items
 * and their parts. Plain data, as parsed from YAML.
 */
export type { Checklist, Item, Material, Step, Duration, FileHeader, ItemSummary } from '../engine/dataset.js';
export type { Level } from '../regions/codes.js';
