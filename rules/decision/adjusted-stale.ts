import { defineRule, type ItemView } from '../../src/rule-api/index.js';
import { decisionsOf, entryData, matchingItems, regionsBelow, RELATED_MESSAGES, staleFields } from './decisions.js';

/**
 * A 调整 entry not applied: an item of the decision's region or below it that matches the entry
 * (by code, old name, or the new values) does not carry `newName`, `newType` or `newCode`.
 * Reported at the stale field, once per item and field; name and type are fixable.
 */
export default defineRule({
  id: 'decision/adjusted-stale',
  description: { 'zh-CN': '调整决定未落实到事项', en: 'An adjustment decision is not applied to an item' },
  severity: 'warning',
  lineage: true,
  fixable: true,
  messages: {
    'zh-CN': {
      name: '决定 {docNo} 已将事项名称调整为「{expected}」，本清单仍为「{actual}」',
      type: '决定 {docNo} 已将事项类型调整为「{expected}」，本清单仍为「{actual}」',
      code: '决定 {docNo} 已将事项编码调整为 {expected}，本清单仍为 {actual}',
      related: RELATED_MESSAGES['zh-CN'],
    },
    en: {
      name: 'Decision {docNo} renamed the item "{expected}"; this list still says "{actual}"',
      type: 'Decision {docNo} changed the item type to "{expected}"; this list still says "{actual}"',
      code: 'Decision {docNo} changed the item code to {expected}; this list still says {actual}',
      related: RELATED_MESSAGES.en,
    },
  },
  dataset(dataset, context) {
    const { any, entries } = decisionsOf(dataset);
    if (!any) return;
    const reported = new WeakMap<ItemView, Set<string>>();
    for (const e of entries) {
      if (e.action !== '调整') continue;
      // The new code is never fixed: it changes the item's identity and what refers to it.
      const newValue = { name: e.entry.newName, type: e.entry.newType, code: e.entry.newCode };
      for (const region of [e.region, ...regionsBelow(e.region, dataset)]) {
        for (const item of matchingItems(e, region)) {
          let done = reported.get(item);
          if (!done) reported.set(item, (done = new Set()));
          for (const field of staleFields(e, item)) {
            if (done.has(field)) continue;
            done.add(field);
            const expected = newValue[field]!;
            context.report({
              messageId: field,
              file: item.file,
              path: [...item.path, field],
              itemCode: item.summary.code,
              data: { ...entryData(e), code: item.summary.code, name: item.summary.name, expected, actual: item.summary[field] },
              related: [{ file: e.file, path: e.path }],
              ...(field !== 'code' ? { fix: { value: expected } } : {}),
            });
          }
        }
      }
    }
  },
});
