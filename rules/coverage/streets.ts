import { defineRule, isStreet, regionName, townshipsOf, type DatasetView, type RegionView } from '../../src/rule-api/index.js';

/** A district with at least one loaded street list, its street lists and the table's streets. */
export interface StreetCoverage {
  district: RegionView;
  /** The loaded street regions (with files) whose parent is the district, in code order. */
  streets: RegionView[];
  /** Whether the built-in table has the district's townships. */
  inTableKnown: boolean;
  /** The district's streets in the built-in table (empty when the table lacks the district). */
  inTable: readonly string[];
  /** Streets of the table with no loaded list. */
  missing: string[];
}

const coverageCache = new WeakMap<DatasetView, StreetCoverage[]>();

/**
 * Street coverage of every district with at least one loaded street list, in district code
 * order: what `coverage/streets` reports and `stats` counts (one analysis for both). Streets are
 * the 街道 of the built-in region table (a name ending in 街道/办事处, else township codes
 * 001–099; 镇 and 乡 are not streets).
 */
export function streetCoverageOf(dataset: DatasetView): StreetCoverage[] {
  const hit = coverageCache.get(dataset);
  if (hit) return hit;
  const streetsOf = new Map<string, RegionView[]>();
  for (const region of dataset.regions.values()) {
    if (region.level !== 'street' || region.files.length === 0) continue;
    const district = region.chain[1];
    if (!district || district.level !== 'district') continue;
    let list = streetsOf.get(district.code);
    if (!list) streetsOf.set(district.code, (list = []));
    list.push(region);
  }
  const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const out: StreetCoverage[] = [];
  for (const [code, streets] of streetsOf) {
    const district = dataset.regions.get(code);
    if (!district) continue;
    const listed = new Set(streets.map((s) => s.code));
    const townships = townshipsOf(code);
    const inTable = townships.filter((t) => isStreet(t));
    out.push({ district, streets: streets.sort(byCode), inTableKnown: townships.length > 0, inTable, missing: inTable.filter((t) => !listed.has(t)) });
  }
  out.sort((a, b) => byCode(a.district, b.district));
  coverageCache.set(dataset, out);
  return out;
}

/**
 * A district with at least one loaded street list lacks lists for some of its streets. One
 * diagnostic per district, at the `region` key of its first file.
 */
export default defineRule({
  id: 'coverage/streets',
  description: { 'zh-CN': '区县已有街道清单时，所有街道都应有清单', en: 'A district with street lists has a list for every street' },
  severity: 'warning',
  lineage: true,
  messages: {
    'zh-CN': { missing: '{district:region}已加载 {loaded} 个街道的清单，缺少 {count} 个街道的清单：{missing:region}' },
    en: { missing: '{district:region} has lists for {loaded} streets but none for {count}: {missing:region}' },
  },
  dataset(dataset, context) {
    // A file that could not be parsed may be a missing street's list: stay silent.
    if (dataset.unknownIncomplete) return;
    for (const { district, streets, missing } of streetCoverageOf(dataset)) {
      if (missing.length === 0 || district.files.length === 0 || streets.some((s) => s.incomplete)) continue;
      context.report({
        messageId: 'missing',
        file: district.files[0],
        path: ['region'],
        atKey: true,
        data: {
          district: district.code,
          districtName: district.name,
          loaded: streets.length,
          count: missing.length,
          missing: missing.map((t) => ({ code: t, name: regionName(t) ?? '' })),
        },
      });
    }
  },
});
