import { defineRule } from '../../src/rule-api/index.js';

/** An item whose code no ancestor region has, while some ancestor region's list is loaded. */
export default defineRule({
  id: 'coverage/missing-upper',
  description: { 'zh-CN': '事项在上级清单中不存在', en: 'Item not found in any upper-level list' },
  severity: 'warning',
  messages: {
    'zh-CN': { missing: '事项「{name}」（{code}）不在任何上级清单中（已加载：{ancestors:region}）' },
    en: { missing: 'Item "{name}" ({code}) is in no upper-level list (loaded: {ancestors:region})' },
  },
  region(region, context) {
    const ancestors = region.chain.slice(1);
    // An ancestor that failed to parse may hold the items: stay silent rather than raise false alarms.
    if (ancestors.length === 0 || context.dataset.unknownIncomplete || ancestors.some((r) => r.incomplete)) return;
    const loaded = ancestors.map((r) => ({ code: r.code, name: r.name }));
    for (const ref of region.items) {
      const { code, name } = ref.summary;
      if (region.byCode.get(code) !== ref) continue; // a duplicate: item/unique-code speaks
      if (ancestors.some((r) => r.presentCodes.has(code))) continue;
      context.report({ messageId: 'missing', file: ref.file, path: ref.path, data: { code, name, ancestors: loaded } });
    }
  },
});
