/**
 * Shared logic of the `decision/*` rules (lists.md, "What each action requires"): the decision
 * entries of the dataset with where they stand, the entries in force for a region (those of
 * the files of its region and its ancestors), "below R", the receiving level of a region and
 * the matching of an entry with an item.
 */
import { addDays, isCalendarDate, normalize, type DatasetView, type Decision, type DecisionAction, type DecisionEntry, type FileView, type ItemView, type JsonPath, type Level, type RegionView } from '../../src/rule-api/index.js';

const ACTIONS: ReadonlySet<string> = new Set(['取消', '部分取消', '下放', '部分下放', '委托', '调整', '新增', '承接']);
const LEVEL_NAMES: ReadonlySet<string> = new Set(['province', 'city', 'district', 'street']);

/** One well-formed decision entry where it stands. */
export interface EntryInForce {
  /** The file holding the decision. */
  file: FileView;
  /** R: the region of that file. */
  region: RegionView;
  decision: Decision;
  decisionIndex: number;
  entry: DecisionEntry;
  entryIndex: number;
  action: DecisionAction;
  /** `['decisions', i, 'entries', j]`. */
  path: JsonPath;
  /** The entry's code, when it has a string one. */
  code?: string;
  normalizedName: string;
  /** `to` with only known levels (empty when absent). */
  to: Level[];
}

export interface Decisions {
  /** Every well-formed entry, files in path order, then decisions and entries in order. */
  entries: EntryInForce[];
  /** Normalized 文号 of every decision. */
  docNos: Set<string>;
  /** Some loaded file has `decisions`: the `decision/*` rules run only then. */
  any: boolean;
}

const cache = new WeakMap<DatasetView, Decisions>();

function isString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

/**
 * The date from which a decision counts with the config's `asOf`: its `effective` date (default
 * `date`) plus its `transition` (工作日 Monday to Friday). Undefined when it has no usable date
 * (the schema reports that; such a decision counts).
 */
export function countsFrom(decision: Decision): string | undefined {
  const base = isString(decision.effective) ? decision.effective : decision.date;
  if (!isString(base) || !isCalendarDate(base)) return undefined;
  const t = decision.transition;
  if (t && typeof t === 'object' && typeof t.value === 'number' && (t.unit === '工作日' || t.unit === '自然日')) return addDays(base, t.value, t.unit) ?? base;
  return base;
}

/** Whether a decision counts in this run: always without `asOf`, else from {@link countsFrom}. */
export function inForce(decision: Decision, asOf: string | undefined): boolean {
  if (asOf === undefined) return true;
  const from = countsFrom(decision);
  return from === undefined || from <= asOf;
}

/**
 * The decisions of the dataset (computed once per dataset and shared by the rules). Every
 * decision's 文号 is known (`docNos`), but only the entries of decisions in force (`asOf`) count.
 */
export function decisionsOf(dataset: DatasetView): Decisions {
  const hit = cache.get(dataset);
  if (hit) return hit;
  const result: Decisions = { entries: [], docNos: new Set(), any: false };
  for (const file of dataset.files) {
    const region = dataset.regions.get(file.regionCode);
    if (!file.lists.includes('decisions')) continue; // known without loading the file
    const decisions = (file.doc as { decisions?: unknown } | undefined)?.decisions;
    if (!Array.isArray(decisions)) continue;
    result.any = true;
    decisions.forEach((d: unknown, i) => {
      if (!d || typeof d !== 'object') return;
      const decision = d as Decision;
      if (isString(decision.docNo)) result.docNos.add(normalize(decision.docNo));
      if (!region || !isString(decision.docNo) || !Array.isArray(decision.entries) || !inForce(decision, dataset.asOf)) return;
      decision.entries.forEach((e: unknown, j) => {
        if (!e || typeof e !== 'object') return;
        const entry = e as DecisionEntry;
        if (!ACTIONS.has(entry.action as string) || !isString(entry.name)) return;
        if (entry.code !== undefined && !isString(entry.code)) return;
        const to = Array.isArray(entry.to) ? entry.to.filter((l): l is Level => LEVEL_NAMES.has(l as string)) : [];
        // An entry the schema rejects (a delegation without receiving levels, an adjustment that
        // names nothing new) is the schema's finding alone: one mistake, one diagnostic.
        if (['下放', '部分下放', '委托'].includes(entry.action) && !Array.isArray(entry.to)) return;
        if (entry.action === '调整' && entry.newName === undefined && entry.newType === undefined && entry.newCode === undefined) return;
        if ((['newName', 'newType', 'newCode'] as const).some((k) => entry[k] !== undefined && !isString(entry[k]))) return;
        result.entries.push({
          file, region, decision, decisionIndex: i, entry, entryIndex: j, action: entry.action,
          path: ['decisions', i, 'entries', j], code: entry.code, normalizedName: normalize(entry.name), to,
        });
      });
    });
  }
  cache.set(dataset, result);
  return result;
}

const inForceCache = new WeakMap<RegionView, EntryInForce[]>();

/** The entries in force for `region`: those of its own files and its ancestors' (nearest first). */
export function entriesInForce(region: RegionView, dataset: DatasetView): EntryInForce[] {
  const hit = inForceCache.get(region);
  if (hit) return hit;
  const codes = region.chain.map((r) => r.code);
  const all = decisionsOf(dataset).entries;
  const result = codes.flatMap((code) => all.filter((e) => e.region.code === code));
  inForceCache.set(region, result);
  return result;
}

/** Every loaded region (with files) whose chain passes through `r`, `r` excluded, in code order. */
export function regionsBelow(r: RegionView, dataset: DatasetView): RegionView[] {
  const out: RegionView[] = [];
  for (const region of dataset.regions.values()) {
    if (region === r || region.files.length === 0) continue;
    if (region.chain.some((c) => c.code === r.code)) out.push(region);
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** 省直管县: a district whose declared parent is a province. */
export function isDirectCounty(region: RegionView): boolean {
  if (region.level !== 'district') return false;
  const parent = region.files.map((f) => f.header?.region.parent).find(isString);
  if (parent !== undefined) return /^\d\d0000$/.test(parent);
  return region.code.slice(2, 4) === '90'; // 省直辖县级行政区划 (e.g. 429004 仙桃市)
}

/** Whether `region` receives what a decision gives to `to` (a 省直管县 region counts as `city`, and as itself). */
export function receives(region: RegionView, to: readonly Level[]): boolean {
  return to.includes(region.level) || (isDirectCounty(region) && to.includes('city'));
}

const names = new WeakMap<ItemView, string>();

/** The item's normalized name (computed here: `ItemView.normalizedName` may be a fingerprint). */
export function nameOf(item: ItemView): string {
  let name = names.get(item);
  if (name === undefined) names.set(item, (name = normalize(item.summary.name)));
  return name;
}

/** The level of `to` at which `region` receives (its own, else `city` for a 省直管县 region). */
export function receivingLevel(region: RegionView, to: readonly Level[]): Level {
  return to.includes(region.level) ? region.level : 'city';
}

/** Whether the entry matches the item: by `code` when the entry has one, else by normalized name (调整: the new values too). */
export function matches(e: EntryInForce, item: ItemView): boolean {
  const summary = item.summary;
  if (e.code !== undefined) {
    if (summary.code === e.code) return true;
    return e.action === '调整' && isString(e.entry.newCode) && summary.code === e.entry.newCode;
  }
  const normalizedName = nameOf(item);
  if (normalizedName === e.normalizedName) return true;
  return e.action === '调整' && isString(e.entry.newName) && normalizedName === normalize(e.entry.newName);
}

interface RegionIndex {
  byCode: Map<string, ItemView[]>;
  /** By normalized name, built on first use (normalizing every name of the region once). */
  byName?: Map<string, ItemView[]>;
  position: Map<ItemView, number>;
}

const NONE: readonly ItemView[] = [];
const regionIndexes = new WeakMap<RegionView, RegionIndex>();

/** The region's schema-valid items by code (and, lazily, by normalized name), built once per region. */
function indexOf(region: RegionView): RegionIndex {
  let index = regionIndexes.get(region);
  if (index) return index;
  index = { byCode: new Map(), position: new Map() };
  region.items.forEach((item, i) => {
    index!.position.set(item, i);
    const list = index!.byCode.get(item.summary.code);
    if (list) list.push(item);
    else index!.byCode.set(item.summary.code, [item]);
  });
  regionIndexes.set(region, index);
  return index;
}

function byName(region: RegionView, name: string): readonly ItemView[] {
  const index = indexOf(region);
  if (!index.byName) {
    index.byName = new Map();
    for (const item of region.items) {
      const key = nameOf(item);
      const list = index.byName.get(key);
      if (list) list.push(item);
      else index.byName.set(key, [item]);
    }
  }
  return index.byName.get(name) ?? NONE;
}

/**
 * The region's schema-valid items that match the entry, in the region's order: by `code` (for
 * a 调整 whose old code no item has any more, by `newCode`), else by normalized name (for 调整,
 * the new name too). Looked up in a per-region index, never by scanning the region's items.
 */
export function matchingItems(e: EntryInForce, region: RegionView): readonly ItemView[] {
  const index = indexOf(region);
  if (e.code !== undefined) {
    const out = index.byCode.get(e.code) ?? NONE;
    if (out.length > 0 || e.action !== '调整') return out;
    return isString(e.entry.newCode) ? (index.byCode.get(e.entry.newCode) ?? NONE) : NONE;
  }
  const old = byName(region, e.normalizedName);
  if (e.action !== '调整' || !isString(e.entry.newName)) return old;
  const renamed = byName(region, normalize(e.entry.newName));
  if (renamed.length === 0 || renamed === old) return old;
  if (old.length === 0) return renamed;
  return [...new Set([...old, ...renamed])].sort((a, b) => index.position.get(a)! - index.position.get(b)!);
}

/**
 * For each item of the region some entry matches, the first such entry in `entries`' order (as
 * `entries.find((e) => matches(e, item))` gives for 取消, 下放, 部分下放, 委托 and 新增 entries).
 */
export function firstMatchByItem(region: RegionView, entries: readonly EntryInForce[]): Map<ItemView, EntryInForce> {
  const out = new Map<ItemView, EntryInForce>();
  for (const e of entries) for (const item of matchingItems(e, region)) if (!out.has(item)) out.set(item, e);
  return out;
}

/** Whether the region lists the entry's item (any item, schema-valid or not, by code). */
export function lists(e: EntryInForce, region: RegionView): boolean {
  if (e.code !== undefined && region.presentCodes.has(e.code)) return true;
  return matchingItems(e, region).length > 0;
}

/** The `related` location of an entry and the facts messages quote. */
export function relatedOf(e: EntryInForce) {
  return { file: e.file, path: e.path };
}

export function entryData(e: EntryInForce): Record<string, unknown> {
  return { docNo: e.decision.docNo, action: e.action, entry: e.entryIndex + 1, entryName: e.entry.name, entryCode: e.code ?? '' };
}

/** The words of the `related` message every decision rule shares. */
export const RELATED_MESSAGES = {
  'zh-CN': '决定 {docNo} 第 {entry} 条（{action}「{entryName}」）',
  en: 'decision {docNo}, entry {entry} ({action} "{entryName}")',
} as const;

/** What a decision entry requires of one region (lists.md, "What each action requires"). */
export interface Requirement {
  entry: EntryInForce;
  /** The region that must meet it. */
  region: RegionView;
  /**
   * `absent`: the region does not list the item (取消; R after a full 下放); `present`: it lists it
   * (receivers; R for 新增 and 承接); `applied`: the matching item carries the new values (调整, one
   * requirement per matching item); `none`: nothing to do (部分取消, counted only).
   */
  must: 'absent' | 'present' | 'applied' | 'none';
  met: boolean;
  /** For `applied`: the item. */
  item?: ItemView;
}

const requirementsCache = new WeakMap<DatasetView, Requirement[]>();

/** The fields a 调整 entry changes, with the entry key giving the new value. */
export const ADJUSTED_FIELDS = [
  ['name', 'newName'],
  ['type', 'newType'],
  ['code', 'newCode'],
] as const;

/** The fields of an item that do not yet carry a 调整 entry's new values (names compared normalized). */
export function staleFields(e: EntryInForce, item: ItemView): ('name' | 'type' | 'code')[] {
  const out: ('name' | 'type' | 'code')[] = [];
  for (const [field, key] of ADJUSTED_FIELDS) {
    const expected = e.entry[key];
    if (!isString(expected)) continue;
    const stale = field === 'name' ? nameOf(item) !== normalize(expected) : item.summary[field] !== expected;
    if (stale) out.push(field);
  }
  return out;
}

/** Whether an item carries a 调整 entry's new name, type and code. */
export function adjusted(e: EntryInForce, item: ItemView): boolean {
  return staleFields(e, item).length === 0;
}

/**
 * Every requirement of every decision entry in force, in entry order, then R before the regions
 * below it (code order): the figures of `stats` (applicable, implemented, outstanding) are
 * counted from these, the same analysis the `decision/*` rules make.
 */
export function requirementsOf(dataset: DatasetView): Requirement[] {
  const hit = requirementsCache.get(dataset);
  if (hit) return hit;
  const out: Requirement[] = [];
  for (const e of decisionsOf(dataset).entries) {
    const below = regionsBelow(e.region, dataset);
    const receivers = below.filter((r) => receives(r, e.to));
    const need = (region: RegionView, must: 'absent' | 'present') => out.push({ entry: e, region, must, met: must === 'present' ? lists(e, region) : !lists(e, region) });
    switch (e.action) {
      case '取消':
        for (const r of [e.region, ...below]) need(r, 'absent');
        break;
      case '下放':
        if (!e.to.includes(e.region.level)) need(e.region, 'absent');
        for (const r of receivers) need(r, 'present');
        break;
      case '部分下放':
      case '委托':
        for (const r of receivers) need(r, 'present');
        break;
      case '新增':
        need(e.region, 'present');
        for (const r of receivers) need(r, 'present');
        break;
      case '承接':
        need(e.region, 'present');
        break;
      case '调整':
        for (const r of [e.region, ...below]) for (const item of matchingItems(e, r)) out.push({ entry: e, region: r, must: 'applied', met: adjusted(e, item), item });
        break;
      default:
        out.push({ entry: e, region: e.region, must: 'none', met: true });
    }
  }
  requirementsCache.set(dataset, out);
  return out;
}
