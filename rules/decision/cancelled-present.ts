import { defineRule } from '../../src/rule-api/index.js';
import { decisionsOf, entriesInForce, entryData, firstMatchByItem, RELATED_MESSAGES } from './decisions.js';

/** An item cancelled (取消) by a decision of its region or an ancestor is still listed. */
export default defineRule({
  id: 'decision/cancelled-present',
  description: { 'zh-CN': '已取消的事项仍在清单中', en: 'An item cancelled by a decision is still listed' },
  severity: 'error',
  lineage: true,
  messages: {
    'zh-CN': { cancelled: '事项「{name}」（{code}）已由决定 {docNo} 取消，但仍在清单中', related: RELATED_MESSAGES['zh-CN'] },
    en: { cancelled: 'Item "{name}" ({code}) was cancelled by decision {docNo} but is still listed', related: RELATED_MESSAGES.en },
  },
  dataset(dataset, context) {
    if (!decisionsOf(dataset).any) return;
    for (const region of dataset.regions.values()) {
      const cancels = entriesInForce(region, dataset).filter((e) => e.action === '取消');
      if (cancels.length === 0) continue;
      const cancelled = firstMatchByItem(region, cancels);
      if (cancelled.size === 0) continue;
      for (const item of region.items) {
        const e = cancelled.get(item);
        if (!e) continue;
        context.report({
          messageId: 'cancelled',
          file: item.file,
          path: item.path,
          itemCode: item.summary.code,
          data: { code: item.summary.code, name: item.summary.name, ...entryData(e) },
          related: [{ file: e.file, path: e.path }],
        });
      }
    }
  },
});
