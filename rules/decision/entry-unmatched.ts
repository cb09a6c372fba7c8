import { defineRule } from '../../src/rule-api/index.js';
import { decisionsOf, lists, regionsBelow } from './decisions.js';

const ACTIONS: ReadonlySet<string> = new Set(['下放', '部分下放', '委托', '调整']);

/**
 * A 下放/部分下放/委托/调整 entry that matches no item in its region, the region's ancestors or
 * below it: probably a name written differently or a wrong code. (A 承接 or 新增 whose item the
 * region lacks is `decision/delegated-missing`.)
 */
export default defineRule({
  id: 'decision/entry-unmatched',
  description: { 'zh-CN': '决定条目找不到对应事项', en: 'A decision entry matches no item' },
  severity: 'info',
  lineage: true,
  messages: {
    'zh-CN': { unmatched: '决定 {docNo} 第 {entry} 条（{action}「{entryName}」）在本级、上级和下级清单中都找不到对应事项，请核对名称或编码' },
    en: { unmatched: 'Decision {docNo}, entry {entry} ({action} "{entryName}") matches no item in this region, above it or below it: check its name or code' },
  },
  dataset(dataset, context) {
    const { any, entries } = decisionsOf(dataset);
    if (!any || dataset.unknownIncomplete) return;
    for (const e of entries) {
      if (!ACTIONS.has(e.action)) continue;
      const regions = [...e.region.chain, ...regionsBelow(e.region, dataset)];
      if (regions.some((r) => r.incomplete)) continue; // an unparsable file may hold the item
      if (regions.some((r) => lists(e, r))) continue;
      context.report({
        messageId: 'unmatched',
        file: e.file,
        path: e.path,
        data: { docNo: e.decision.docNo, action: e.action, entry: e.entryIndex + 1, entryName: e.entry.name, entryCode: e.code ?? '' },
      });
    }
  },
});
