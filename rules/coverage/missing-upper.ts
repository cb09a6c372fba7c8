import { defineRule } from '../../src/rule-api/index.js';
import { decisionsOf, entriesInForce, matches, receives } from '../decision/decisions.js';

/** Actions that give an item to the receiving levels below the decision's region (lists.md). */
const GIVING: ReadonlySet<string> = new Set(['下放', '部分下放', '委托', '新增']);

/**
 * An item whose code no ancestor region has, while some ancestor region's list is loaded, unless a
 * decision of an ancestor delegated (下放, 部分下放, 委托) or added (新增) it to this region's level,
 * or a decision in force cancelled it (decision/cancelled-present reports that).
 */
export default defineRule({
  id: 'coverage/missing-upper',
  description: { 'zh-CN': '事项在上级清单中不存在', en: 'Item not found in any upper-level list' },
  severity: 'warning',
  lineage: true,
  messages: {
    'zh-CN': { missing: '事项「{name}」（{code}）不在任何上级清单中（已加载：{ancestors:region}）' },
    en: { missing: 'Item "{name}" ({code}) is in no upper-level list (loaded: {ancestors:region})' },
  },
  region(region, context) {
    const ancestors = region.chain.slice(1);
    // An ancestor that failed to parse may hold the items: stay silent rather than raise false alarms.
    if (ancestors.length === 0 || context.dataset.unknownIncomplete || ancestors.some((r) => r.incomplete)) return;
    const loaded = ancestors.map((r) => ({ code: r.code, name: r.name }));
    // An item a decision of an ancestor gave to this region's level is not missing upstream; an
    // item a decision in force cancelled is decision/cancelled-present's (one mistake, one finding).
    const inForce = decisionsOf(context.dataset).any ? entriesInForce(region, context.dataset) : [];
    const given = inForce.filter((e) => (e.region.code !== region.code && GIVING.has(e.action) && receives(region, e.to)) || e.action === '取消');
    for (const ref of region.items) {
      const { code, name } = ref.summary;
      if (region.byCode.get(code) !== ref) continue; // a duplicate: item/unique-code speaks
      if (ancestors.some((r) => r.presentCodes.has(code))) continue;
      if (given.some((e) => matches(e, ref))) continue;
      context.report({ messageId: 'missing', file: ref.file, path: ref.path, data: { code, name, ancestors: loaded } });
    }
  },
});
