import { defineRule } from '../../src/rule-api/index.js';

/**
 * A reference item whose `levels` names a level, while a loaded region of that level under the
 * reference's region lacks the item. Reported at the reference item's `levels`, once per
 * lacking region, with `related` at that region's first file.
 */
export default defineRule({
  id: 'coverage/missing-lower',
  description: { 'zh-CN': '下级清单缺少应实施的事项', en: 'A lower-level list lacks an item its level must implement' },
  severity: 'warning',
  lineage: true,
  messages: {
    'zh-CN': {
      missing: '事项「{name}」（{code}）的行使层级含{level:level}，但{region:region}清单中没有该事项',
      // Its own wording of the related location (the lacking region's list), from the same data.
      related: '缺少该事项的{region:region}清单',
    },
    en: {
      missing: 'Item "{name}" ({code}) must be implemented at {level:level} level, but {region:region} lacks it',
      related: 'the list of {region:region}, which lacks the item',
    },
  },
  dataset(dataset, context) {
    if (dataset.unknownIncomplete) return;
    for (const lower of dataset.regions.values()) {
      if (lower.incomplete || lower.files.length === 0) continue;
      const seen = new Set<string>();
      for (const upper of lower.chain.slice(1)) {
        for (const ref of upper.items) {
          const code = ref.summary.code;
          if (seen.has(code) || upper.byCode.get(code) !== ref) continue;
          if (!ref.summary.levels?.includes(lower.level)) continue;
          if (dataset.referenceOf(ref) !== ref) continue; // not the reference: its own reference speaks
          seen.add(code);
          if (lower.presentCodes.has(code)) continue;
          context.report({
            messageId: 'missing',
            file: ref.file,
            path: [...ref.path, 'levels'],
            data: { code, name: ref.summary.name, level: lower.level, region: lower.code, regionName: lower.name },
            related: [{ file: lower.files[0], path: ['items'] }],
          });
        }
      }
    }
  },
});
