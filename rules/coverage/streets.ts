import { defineRule, isStreet, regionName, townshipsOf, type RegionView } from '../../src/rule-api/index.js';

/**
 * A district with at least one loaded street list lacks lists for some of its streets: the
 * 街道 of the built-in region table (township codes 001–099 or a name ending in 街道/办事处; 镇
 * and 乡 are not streets). One diagnostic per district, at the `region` key of its first file.
 */
export default defineRule({
  id: 'coverage/streets',
  description: { 'zh-CN': '区县已有街道清单时，所有街道都应有清单', en: 'A district with street lists has a list for every street' },
  severity: 'warning',
  messages: {
    'zh-CN': { missing: '{district:region}已加载 {loaded} 个街道的清单，缺少 {count} 个街道的清单：{missing:region}' },
    en: { missing: '{district:region} has lists for {loaded} streets but none for {count}: {missing:region}' },
  },
  dataset(dataset, context) {
    // A file that could not be parsed may be a missing street's list: stay silent.
    if (dataset.unknownIncomplete) return;
    const streetsOf = new Map<string, RegionView[]>();
    for (const region of dataset.regions.values()) {
      if (region.level !== 'street' || region.files.length === 0) continue;
      const district = region.chain[1];
      if (!district || district.level !== 'district') continue;
      let list = streetsOf.get(district.code);
      if (!list) streetsOf.set(district.code, (list = []));
      list.push(region);
    }
    for (const [code, streets] of [...streetsOf].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const district = dataset.regions.get(code);
      if (!district || district.files.length === 0 || streets.some((s) => s.incomplete)) continue;
      const listed = new Set(streets.map((s) => s.code));
      const missing = townshipsOf(code).filter((t) => isStreet(t) && !listed.has(t));
      if (missing.length === 0) continue;
      context.report({
        messageId: 'missing',
        file: district.files[0],
        path: ['region'],
        atKey: true,
        data: {
          district: code,
          districtName: district.name,
          loaded: streets.length,
          count: missing.length,
          missing: missing.map((t) => ({ code: t, name: regionName(t) ?? '' })),
        },
      });
    }
  },
});
