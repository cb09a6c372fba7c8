import { defineRule } from '../../src/rule-api/index.js';
import { decisionsOf, entryData, matchingItems, receives, RELATED_MESSAGES } from './decisions.js';

/** A fully delegated (下放) item is still in the list of the region whose decision delegated it. */
export default defineRule({
  id: 'decision/delegated-retained',
  description: { 'zh-CN': '已全部下放的事项仍在本级清单中', en: 'A fully delegated item is still in the delegating level’s list' },
  severity: 'warning',
  lineage: true,
  messages: {
    'zh-CN': { retained: '事项「{name}」（{code}）已由决定 {docNo} 下放至{to:level}，本级不应再保留', related: RELATED_MESSAGES['zh-CN'] },
    en: { retained: 'Item "{name}" ({code}) was delegated to the {to:level} level by decision {docNo}; this level should no longer list it', related: RELATED_MESSAGES.en },
  },
  dataset(dataset, context) {
    const { any, entries } = decisionsOf(dataset);
    if (!any) return;
    const seen = new Set<unknown>();
    for (const e of entries) {
      if (e.action !== '下放' || e.to.length === 0 || receives(e.region, e.to)) continue;
      for (const item of matchingItems(e, e.region)) {
        if (seen.has(item)) continue;
        seen.add(item);
        context.report({
          messageId: 'retained',
          file: item.file,
          path: item.path,
          itemCode: item.summary.code,
          data: { code: item.summary.code, name: item.summary.name, ...entryData(e), to: e.to },
          related: [{ file: e.file, path: e.path }],
        });
      }
    }
  },
});
