import { defineRule } from '../../src/engine/rule.js';

/**
 * A reference item whose `levels` names a level, while a loaded region of that level under the
 * reference's region lacks the item. Reported at the reference item's `levels`, once per
 * lacking region, with `related` at that region's first file.
 */
export default defineRule({
  id: 'coverage/missing-lower',
  description: { 'zh-CN': '下级清单缺少应实施的事项', en: 'A lower-level list lacks an item its level must implement' },
  severity: 'warning',
  messages: {
    'zh-CN': { missing: '事项「{name}」（{code}）的行使层级含{levelTitle}，但{regionName}（{region}）清单中没有该事项' },
    en: { missing: 'Item "{name}" ({code}) must be implemented at {level} level, but {regionName} ({region}) lacks it' },
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
            data: { code, name: ref.summary.name, level: lower.level, levelTitle: LEVEL_TITLES[lower.level], region: lower.code, regionName: lower.name },
            related: [{ file: lower.files[0], path: ['items'] }],
          });
        }
      }
    }
  },
});

const LEVEL_TITLES: Record<string, string> = { province: '省级', city: '市级', district: '县级', street: '乡镇（街道）级' };
