/**
 * The figures of `qingdan-lint stats`, from a linted dataset (the engine's own regions, chains
 * and references) and the findings of that run: reported ones from the report, suppressed ones
 * from inline comments (observed in the run) and the baseline (`files[].suppressed`).
 */
import type { Dataset, ItemRef, RegionData } from '../engine/dataset.js';
import { normalize } from '../text/compare.js';
import { requirementsOf } from '../../rules/decision/decisions.js';
import { streetCoverageOf } from '../../rules/coverage/streets.js';
import { compareCodeUnits } from '../report/build.js';
import type { Report } from '../types.js';
import { VERSION } from '../version.js';
import { DIMENSIONS, DIMENSION_RULES, type CompareCounts, type DecisionCounts, type Dimension, type DimensionName, type GroupBy, type GroupKey, type GroupStats, type Sections, type StatsReport, type StreetFigures } from './types.js';

/** A finding as the statistics need it. */
export interface FindingRef {
  ruleId: string;
  region: string;
  itemCode?: string;
}

export interface StatsInput {
  dataset: Dataset;
  report: Report;
  /** Findings inline comments suppressed in the run. */
  inlineSuppressed: FindingRef[];
  /** Whether a rule is on for a file. */
  ruleOn: (file: string, ruleId: string) => boolean;
  groupBy: GroupBy;
  /** The earlier dataset of `--compare-to`. */
  earlier?: Dataset;
  compareTo?: string;
}

export const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const ratio = (a: number, b: number): number | null => (b === 0 ? null : round4(a / b));

type Status = 'consistent' | 'differing' | 'suppressed';

interface DimCounter {
  on: boolean;
  compared: number;
  consistent: number;
  differing: number;
  suppressed: number;
}

class Acc {
  /** Schema-valid items (the figures below are theirs). */
  total = 0;
  /** Items that violate the schema: counted in `items.total` only. */
  invalid = 0;
  byType = new Map<string, number>();
  references = 0;
  compared = 0;
  dims = new Map<DimensionName | 'allFive', DimCounter>();
  coverageKnown = true;
  expected = 0;
  present = 0;
  extra = 0;
  decisions = new Map<string, Map<string, DecisionCounts>>();
  withStatutory = 0;
  compressed = 0;
  compressionSum = 0;
  compressionN = 0;
  immediate = 0;
  within = { '0': 0, '3': 0, '5': 0 };
  stepSum = 0;
  atMost3 = 0;
  atMost5 = 0;
  oneReview = 0;
  oneReviewDepartments = new Set<string>();
  materialSum = 0;
  deferrable = 0;
  itemsWithDeferrable = 0;
  powerItems = 0;
  withDuties = 0;
  withAccountability = 0;
  withBoth = 0;
  withPrerequisites = 0;
  withIntermediaries = 0;
  withFees = 0;
  unresolved = 0;
  notInCatalog = 0;
  streets: StreetFigures[] = [];
  compare?: Map<string, CompareCounts>;

  constructor() {
    for (const d of [...DIMENSIONS, 'allFive' as const]) this.dims.set(d, { on: false, compared: 0, consistent: 0, differing: 0, suppressed: 0 });
  }

  sections(withCompare: boolean): Sections {
    const consistency = {} as Sections['consistency'];
    for (const [name, c] of this.dims) {
      consistency[name] = c.on ? ({ compared: c.compared, consistent: c.consistent, differing: c.differing, suppressed: c.suppressed, rate: ratio(c.consistent, c.compared) } satisfies Dimension) : null;
    }
    const byIssuerLevel: Sections['decisions']['byIssuerLevel'] = {};
    let applicable = 0;
    let implemented = 0;
    for (const level of [...this.decisions.keys()].sort(compareCodeUnits)) {
      const actions = this.decisions.get(level)!;
      byIssuerLevel[level] = {};
      for (const action of [...actions.keys()].sort(compareCodeUnits)) {
        const c = actions.get(action)!;
        byIssuerLevel[level][action] = { applicable: c.applicable, implemented: c.implemented, outstanding: c.applicable - c.implemented };
        applicable += c.applicable;
        implemented += c.implemented;
      }
    }
    const out: Sections = {
      items: { total: this.total + this.invalid, invalid: this.invalid, byType: sortedRecord(this.byType), references: this.references, compared: this.compared },
      consistency,
      coverage: this.coverageKnown ? { expected: this.expected, present: this.present, rate: ratio(this.present, this.expected), extra: this.extra } : null,
      decisions: { applicable, implemented, outstanding: applicable - implemented, byIssuerLevel },
      timeLimits: {
        withStatutory: this.withStatutory,
        compressed: this.compressed,
        meanCompression: this.compressionN ? round4(this.compressionSum / this.compressionN) : null,
        immediate: this.immediate,
        immediateRate: ratio(this.immediate, this.total),
        within: { ...this.within },
      },
      steps: {
        mean: ratio(this.stepSum, this.total),
        atMost3: this.atMost3,
        atMost5: this.atMost5,
        oneReviewOneApproval: this.oneReview,
        oneReviewOneApprovalDepartments: [...this.oneReviewDepartments].sort(compareCodeUnits),
      },
      materials: { mean: ratio(this.materialSum, this.total), total: this.materialSum, deferrable: this.deferrable, itemsWithDeferrable: this.itemsWithDeferrable },
      responsibility: { powerItems: this.powerItems, withDuties: this.withDuties, withAccountability: this.withAccountability, rate: ratio(this.withBoth, this.powerItems) },
      links: { withPrerequisites: this.withPrerequisites, withIntermediaries: this.withIntermediaries, withFees: this.withFees, unresolved: this.unresolved, notInCatalog: this.notInCatalog },
      streets: [...this.streets].sort((a, b) => compareCodeUnits(a.district, b.district)),
    };
    if (withCompare) {
      {
        const byType: Record<string, CompareCounts> = {};
        const sum: CompareCounts = { kept: 0, removed: 0, added: 0 };
        const counts = this.compare ?? new Map<string, CompareCounts>();
        for (const type of [...counts.keys()].sort(compareCodeUnits)) {
          const c = counts.get(type)!;
          byType[type] = { ...c };
          sum.kept += c.kept;
          sum.removed += c.removed;
          sum.added += c.added;
        }
        out.compare = { ...sum, byType };
      }
    }
    return out;
  }
}

function sortedRecord(map: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of [...map.keys()].sort(compareCodeUnits)) out[k] = map.get(k)!;
  return out;
}

const LINK_UNRESOLVED = new Set(['prerequisite/unresolved']);
const LINK_NOT_IN_CATALOG = new Set(['intermediary/not-in-catalog', 'fee/not-in-catalog']);

/** An item's value as the statistics read it (fields beyond format.md are optional, lists.md). */
type ItemValue = Record<string, unknown> & {
  code: string;
  name: string;
  type: string;
  timeLimit?: { statutory?: { value: number; unit: string }; promised?: { value: number; unit: string } };
  materials?: { necessity?: string }[];
  steps?: unknown[];
  reviewMode?: string;
};

const nonEmptyArray = (v: unknown): boolean => Array.isArray(v) && v.length > 0;

export function computeStats(input: StatsInput): StatsReport {
  const { dataset, groupBy } = input;
  const onMemo = new Map<string, boolean>();
  const ruleOn = (file: string, ruleId: string): boolean => {
    const k = `${file}\u0000${ruleId}`;
    let on = onMemo.get(k);
    if (on === undefined) onMemo.set(k, (on = input.ruleOn(file, ruleId)));
    return on;
  };
  const regions = [...dataset.regions.values()].sort((a, b) => compareCodeUnits(a.code, b.code));
  const groups = new Map<string, { key: GroupKey; acc: Acc }>();
  const total = new Acc();
  const keyString = (k: GroupKey) => [k.region, k.department ?? '', k.system ?? '', k.type ?? ''].join('\u0000') + (k.department === undefined ? '\u0001' : '') + (k.system === undefined ? '\u0001' : '');
  const groupOf = (key: GroupKey): Acc => {
    const s = keyString(key);
    let g = groups.get(s);
    if (!g) groups.set(s, (g = { key, acc: new Acc() }));
    return g.acc;
  };
  const keyFor = (region: RegionData, ref: { file: ItemRef['file'] } | undefined, type: string | undefined): GroupKey => {
    const key: GroupKey = { region: region.code, name: region.name };
    if (groupBy === 'department' && ref?.file.header?.department?.name !== undefined) key.department = ref.file.header.department.name;
    if (groupBy === 'system' && ref?.file.header?.system !== undefined) key.system = ref.file.header.system;
    if (groupBy === 'type' && type !== undefined) key.type = type;
    return key;
  };
  const both = (region: RegionData, ref: { file: ItemRef['file'] } | undefined, type: string | undefined, f: (a: Acc) => void) => {
    f(groupOf(keyFor(region, ref, type)));
    f(total);
  };

  // Findings by (region, item code, rule).
  const fkey = (region: string, code: string | undefined, ruleId: string) => `${region}\u0000${code ?? ''}\u0000${ruleId}`;
  const reported = new Set<string>();
  const suppressed = new Set<string>();
  const linkFindings: FindingRef[] = [];
  for (const f of input.report.files) {
    for (const d of f.diagnostics) {
      reported.add(fkey(d.region, d.itemCode, d.ruleId));
      if (LINK_UNRESOLVED.has(d.ruleId) || LINK_NOT_IN_CATALOG.has(d.ruleId)) linkFindings.push(d);
    }
    const baseline = (f as { suppressed?: FindingRef[] }).suppressed;
    if (Array.isArray(baseline)) for (const d of baseline) suppressed.add(fkey(d.region, d.itemCode, d.ruleId));
  }
  for (const d of input.inlineSuppressed) suppressed.add(fkey(d.region, d.itemCode, d.ruleId));

  /** A dimension is on for a group when its rule is on for some file of the group's items. */
  const markOn = (a: Acc, files: { file: string }[]) => {
    for (const dim of DIMENSIONS) {
      const c = a.dims.get(dim)!;
      if (!c.on && files.some((f) => ruleOn(f.file, DIMENSION_RULES[dim]))) c.on = a.dims.get('allFive')!.on = true;
    }
  };
  // Every loaded region has a group (with no item, the group of its region alone).
  for (const region of regions) {
    if (region.items.length > 0) continue;
    const a = groupOf(keyFor(region, undefined, undefined));
    markOn(a, region.files);
    markOn(total, region.files);
  }

  /** Where an item's findings go: the group of its first occurrence. */
  const groupOfItem = new Map<string, GroupKey>();

  for (const region of regions) {
    for (const ref of region.items) {
      const item = ref.item as unknown as ItemValue;
      const type = ref.summary.type;
      const first = region.byCode.get(ref.summary.code) === ref;
      const key = keyFor(region, ref, type);
      if (first) groupOfItem.set(`${region.code}\u0000${ref.summary.code}`, key);
      const accs = [groupOf(key), total];
      const reference = first ? dataset.referenceOf(ref) : undefined;
      const statusOf = (ruleId: string): Status => {
        const k = fkey(region.code, ref.summary.code, ruleId);
        return reported.has(k) ? 'differing' : suppressed.has(k) ? 'suppressed' : 'consistent';
      };
      const dimStatus: Partial<Record<DimensionName | 'allFive', Status>> = {};
      if (reference && reference !== ref) {
        let all: Status = 'consistent';
        for (const dim of DIMENSIONS) {
          const rule = DIMENSION_RULES[dim];
          const s = statusOf(rule);
          dimStatus[dim] = s;
          if (ruleOn(ref.file.file, rule)) {
            if (s === 'differing') all = 'differing';
            else if (s === 'suppressed' && all === 'consistent') all = 'suppressed';
          }
        }
        dimStatus.allFive = all;
      }
      const statutory = item.timeLimit?.statutory;
      const promised = item.timeLimit?.promised;
      const materials = Array.isArray(item.materials) ? item.materials : [];
      const deferrable = materials.filter((m) => m && m.necessity === '容缺后补').length;
      const steps = Array.isArray(item.steps) ? item.steps.length : 0;
      const responsibility = item.responsibility as { duties?: unknown; accountability?: unknown } | undefined;
      const power = type !== '公共服务';
      const department = ref.file.header?.department?.name;
      for (const a of accs) {
        markOn(a, [ref.file]);
        a.total++;
        a.byType.set(type, (a.byType.get(type) ?? 0) + 1);
        if (reference) {
          if (reference === ref) a.references++;
          else {
            a.compared++;
            for (const dim of [...DIMENSIONS, 'allFive' as const]) {
              const c = a.dims.get(dim)!;
              c.compared++;
              c[dimStatus[dim]!]++;
            }
          }
        }
        if (statutory) {
          a.withStatutory++;
          if (promised && statutory.unit === promised.unit) {
            if (promised.value < statutory.value) a.compressed++;
            if (statutory.value > 0) {
              a.compressionSum += 1 - promised.value / statutory.value;
              a.compressionN++;
            }
          }
        }
        if (promised) {
          if (promised.value === 0) a.immediate++;
          if (promised.value <= 0) a.within['0']++;
          if (promised.value <= 3) a.within['3']++;
          if (promised.value <= 5) a.within['5']++;
        }
        a.stepSum += steps;
        if (steps <= 3) a.atMost3++;
        if (steps <= 5) a.atMost5++;
        if (item.reviewMode === '一审一核') {
          a.oneReview++;
          if (department !== undefined) a.oneReviewDepartments.add(department);
        }
        a.materialSum += materials.length;
        a.deferrable += deferrable;
        if (deferrable) a.itemsWithDeferrable++;
        if (power) {
          a.powerItems++;
          const duties = nonEmptyArray(responsibility?.duties);
          const accountability = nonEmptyArray(responsibility?.accountability);
          if (duties) a.withDuties++;
          if (accountability) a.withAccountability++;
          if (duties && accountability) a.withBoth++;
        }
        if (nonEmptyArray(item.prerequisites)) a.withPrerequisites++;
        if (nonEmptyArray(item.intermediaries)) a.withIntermediaries++;
        if (nonEmptyArray(item.fees)) a.withFees++;
      }
    }
    // Items that violate the schema count as items, and for nothing else.
    for (const f of region.files) {
      if (f.invalidItems.size === 0) continue;
      for (const a of groupBy === 'type' ? [total] : [groupOf(keyFor(region, { file: f }, undefined)), total]) a.invalid += f.invalidItems.size;
    }
    // This region's values are counted: let its files go (loaded again only if needed).
    for (const f of region.files) f.release();
  }

  for (const d of linkFindings) {
    const region = dataset.regions.get(d.region);
    if (!region) continue;
    const key = (d.itemCode !== undefined && groupOfItem.get(`${d.region}\u0000${d.itemCode}`)) || keyFor(region, region.files[0] && { file: region.files[0] }, undefined);
    for (const a of [groupOf(key), total]) {
      if (LINK_UNRESOLVED.has(d.ruleId)) a.unresolved++;
      else a.notInCatalog++;
    }
  }

  coverage(dataset, regions, groupBy, keyFor, groupOf, total);
  decisions(dataset, groupBy, groupOf, keyFor, total);
  streets(dataset, groupBy, groupOf, keyFor, total);
  if (input.earlier) compare(regions, input.earlier, both, total);

  // Department names differ from level to level: a department group has no coverage of its own.
  if (groupBy === 'department') for (const g of groups.values()) g.acc.coverageKnown = false;
  const sortedGroups = [...groups.values()].sort((a, b) => compareKeys(a.key, b.key));
  const withCompare = input.earlier !== undefined;
  const out: StatsReport = {
    version: 1,
    tool: { name: 'qingdan-lint', version: VERSION },
    groupBy,
    groups: sortedGroups.map((g) => ({ key: g.key, ...g.acc.sections(withCompare) }) satisfies GroupStats),
    total: total.sections(withCompare),
  };
  if (input.compareTo !== undefined) out.compareTo = input.compareTo;
  return out;
}

function compareKeys(a: GroupKey, b: GroupKey): number {
  return (
    compareCodeUnits(a.region, b.region) ||
    compareOptional(a.department, b.department) ||
    compareOptional(a.system, b.system) ||
    compareOptional(a.type, b.type)
  );
}

function compareOptional(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return compareCodeUnits(a, b);
}

type KeyFor = (region: RegionData, ref: { file: ItemRef['file'] } | undefined, type: string | undefined) => GroupKey;

/**
 * 认领率: for a region with a loaded upper level, the items of its upper levels whose reference
 * (for this region) names this region's level in `levels`, and how many it lists; and the items
 * no upper level has. Department groups have no coverage (names differ from level to level).
 */
function coverage(dataset: Dataset, regions: RegionData[], groupBy: GroupBy, keyFor: KeyFor, groupOf: (k: GroupKey) => Acc, total: Acc): void {
  for (const region of regions) {
    if (region.chain.length < 2) continue;
    const ancestors = region.chain.slice(1);
    const codes = new Set<string>();
    for (const a of ancestors) for (const code of a.byCode.keys()) codes.add(code);
    for (const code of [...codes].sort(compareCodeUnits)) {
      let reference: ItemRef | undefined;
      if (dataset.referenceMode === 'parent') {
        for (const a of ancestors) if ((reference = a.byCode.get(code))) break;
      } else {
        for (let i = ancestors.length - 1; i >= 0 && !reference; i--) reference = ancestors[i].byCode.get(code);
      }
      if (!reference?.summary.levels?.includes(region.level)) continue;
      const present = region.byCode.has(code);
      const own = region.byCode.get(code);
      const key = groupBy === 'department' ? undefined : keyFor(region, groupBy === 'system' ? reference : own ?? reference, reference.summary.type);
      for (const a of key ? [groupOf(key), total] : [total]) {
        a.expected++;
        if (present) a.present++;
      }
    }
    for (const [code, ref] of region.byCode) {
      if (codes.has(code)) continue;
      const key = groupBy === 'department' ? undefined : keyFor(region, ref, ref.summary.type);
      for (const a of key ? [groupOf(key), total] : [total]) a.extra++;
    }
  }
}

/**
 * Decisions (lists.md): the requirements of each entry in force, by the region that must meet
 * them, from the same analysis the `decision/*` rules make ({@link requirementsOf}).
 */
function decisions(dataset: Dataset, groupBy: GroupBy, groupOf: (k: GroupKey) => Acc, keyFor: KeyFor, total: Acc): void {
  for (const r of requirementsOf(dataset)) {
    const where = r.region as RegionData;
    const issuerLevel = String(r.entry.decision.issuerLevel ?? r.entry.region.level);
    const key = groupBy === 'region' ? keyFor(where, undefined, undefined) : undefined;
    for (const a of key ? [groupOf(key), total] : [total]) {
      let byAction = a.decisions.get(issuerLevel);
      if (!byAction) a.decisions.set(issuerLevel, (byAction = new Map()));
      let c = byAction.get(r.entry.action);
      if (!c) byAction.set(r.entry.action, (c = { applicable: 0, implemented: 0, outstanding: 0 }));
      c.applicable++;
      if (r.met) c.implemented++;
    }
  }
}

/** Street coverage per district: the same analysis `coverage/streets` makes ({@link streetCoverageOf}). */
function streets(dataset: Dataset, groupBy: GroupBy, groupOf: (k: GroupKey) => Acc, keyFor: KeyFor, total: Acc): void {
  for (const c of streetCoverageOf(dataset)) {
    const d = c.district as RegionData;
    const items = c.streets.reduce((n, r) => n + r.items.length, 0);
    const figures: StreetFigures = { district: d.code, name: d.name, inTable: c.inTableKnown ? c.inTable.length : null, withList: c.streets.length, items, itemsPerStreet: ratio(items, c.streets.length) };
    if (groupBy === 'region') groupOf(keyFor(d, undefined, undefined)).streets.push(figures);
    total.streets.push(figures);
  }
}

/** `--compare-to`: per region, items kept, removed and added (matched by code, else normalized name). */
function compare(regions: RegionData[], earlier: Dataset, both: (region: RegionData, ref: { file: ItemRef['file'] } | undefined, type: string | undefined, f: (a: Acc) => void) => void, total: Acc): void {
  const bump = (a: Acc, type: string, what: keyof CompareCounts) => {
    a.compare ??= new Map();
    let c = a.compare.get(type);
    if (!c) a.compare.set(type, (c = { kept: 0, removed: 0, added: 0 }));
    c[what]++;
  };
  total.compare ??= new Map();
  const seen = new Set<string>();
  for (const region of regions) {
    seen.add(region.code);
    const before = earlier.regions.get(region.code);
    const old = before ? [...before.byCode.values()] : [];
    const oldByCode = new Map(old.map((r) => [r.summary.code, r]));
    const oldByName = new Map<string, ItemRef>();
    for (const r of old) if (!oldByName.has(normalize(r.summary.name))) oldByName.set(normalize(r.summary.name), r);
    const matched = new Set<ItemRef>();
    for (const ref of region.byCode.values()) {
      let hit = oldByCode.get(ref.summary.code);
      if (hit && matched.has(hit)) hit = undefined;
      if (!hit) {
        const byName = oldByName.get(normalize(ref.summary.name));
        if (byName && !matched.has(byName) && !region.byCode.has(byName.summary.code)) hit = byName;
      }
      if (hit) matched.add(hit);
      both(region, ref, ref.summary.type, (a) => bump(a, ref.summary.type, hit ? 'kept' : 'added'));
    }
    for (const r of old) if (!matched.has(r)) both(region, r, r.summary.type, (a) => bump(a, r.summary.type, 'removed'));
  }
  // Regions only the earlier dataset has count as removed in the total.
  for (const before of earlier.regions.values()) {
    if (seen.has(before.code)) continue;
    for (const r of before.byCode.values()) bump(total, r.summary.type, 'removed');
  }
}
