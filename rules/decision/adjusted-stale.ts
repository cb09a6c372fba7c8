import { defineRule, normalize, type ItemView } from '../../src/rule-api/index.js';
import { decisionsOf, entryData, matchingItems, regionsBelow, RELATED_MESSAGES } from './decisions.js';

/**
 * A 调整 entry not applied: an item of the decision's region or below it that matches the entry
 * (by code, old name, or the new values) does not carry `newName`, `newType` or `newCode`.
 * Reported at the stale field, once per item and field; name and type are fixable.
 */
export default defineRule({
  id: 'decision/adjusted-stale',
  description: { 'zh-CN': '调整决定未落实到事项', en: 'An adjustment decision is not applied to an item' },
  severity: 'warning',
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
      const { newName, newType, newCode } = e.entry;
      const checks: { field: 'name' | 'type' | 'code'; expected: string; stale: (i: ItemView) => boolean; fixable: boolean }[] = [];
      if (typeof newName === 'string' && newName !== '') checks.push({ field: 'name', expected: newName, stale: (i) => normalize(i.summary.name) !== normalize(newName), fixable: true });
      if (typeof newType === 'string' && newType !== '') checks.push({ field: 'type', expected: newType, stale: (i) => i.summary.type !== newType, fixable: true });
      if (typeof newCode === 'string' && newCode !== '') checks.push({ field: 'code', expected: newCode, stale: (i) => i.summary.code !== newCode, fixable: false });
      if (checks.length === 0) continue;
      for (const region of [e.region, ...regionsBelow(e.region, dataset)]) {
        for (const item of matchingItems(e, region)) {
          let done = reported.get(item);
          if (!done) reported.set(item, (done = new Set()));
          for (const c of checks) {
            if (done.has(c.field) || !c.stale(item)) continue;
            done.add(c.field);
            context.report({
              messageId: c.field,
              file: item.file,
              path: [...item.path, c.field],
              itemCode: item.summary.code,
              data: { ...entryData(e), code: item.summary.code, name: item.summary.name, expected: c.expected, actual: item.summary[c.field] },
              related: [{ file: e.file, path: e.path }],
              ...(c.fixable ? { fix: { value: c.expected } } : {}),
            });
          }
        }
      }
    }
  },
});
