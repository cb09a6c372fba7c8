import { defineRule, type ItemView } from '../../src/rule-api/index.js';
import { decisionsOf, entryData, matchingItems, receives, RELATED_MESSAGES } from './decisions.js';

const ACTIONS: ReadonlySet<string> = new Set(['下放', '部分下放', '委托']);

/**
 * The reference item of a delegated item (the topmost item of the decision region's chain that
 * the entry matches) does not reflect the delegation in its `levels`: a `to` level is missing,
 * or (full 下放, the region's level not in `to`) the region's own level is still named.
 */
export default defineRule({
  id: 'decision/levels-stale',
  description: { 'zh-CN': '行使层级未按决定更新', en: 'The reference item’s levels do not follow a delegation' },
  severity: 'warning',
  lineage: true,
  messages: {
    'zh-CN': {
      missingLevel: '决定 {docNo} 已将事项「{name}」（{code}）{action}至{to:level}，但行使层级缺少{missing:level}',
      staleLevel: '决定 {docNo} 已将事项「{name}」（{code}）全部下放至{to:level}，但行使层级仍含{stale:level}',
      related: RELATED_MESSAGES['zh-CN'],
    },
    en: {
      missingLevel: 'Decision {docNo} gave item "{name}" ({code}) to the {to:level} level ({action}), but its levels lack {missing:level}',
      staleLevel: 'Decision {docNo} fully delegated item "{name}" ({code}) to the {to:level} level, but its levels still name {stale:level}',
      related: RELATED_MESSAGES.en,
    },
  },
  dataset(dataset, context) {
    const { any, entries } = decisionsOf(dataset);
    if (!any) return;
    const done = new Set<string>();
    for (const e of entries) {
      if (!ACTIONS.has(e.action) || e.to.length === 0) continue;
      // The reference: the topmost region of the chain that lists the item.
      let ref: ItemView | undefined;
      for (const region of [...e.region.chain].reverse()) {
        ref = matchingItems(e, region)[0];
        if (ref) break;
      }
      if (!ref) continue;
      const key = (id: string) => `${ref.file.file}\u0000${ref.index}\u0000${id}`;
      const levels = ref.summary.levels;
      const base = { ...entryData(e), code: ref.summary.code, name: ref.summary.name, to: e.to };
      const missing = e.to.filter((l) => !levels?.includes(l));
      if (missing.length > 0 && !done.has(key('missingLevel'))) {
        done.add(key('missingLevel'));
        context.report({
          messageId: 'missingLevel',
          file: ref.file,
          path: levels ? [...ref.path, 'levels'] : ref.path,
          itemCode: ref.summary.code,
          data: { ...base, missing },
          related: [{ file: e.file, path: e.path }],
        });
      }
      if (e.action === '下放' && levels && !receives(e.region, e.to) && levels.includes(e.region.level) && !done.has(key('staleLevel'))) {
        done.add(key('staleLevel'));
        context.report({
          messageId: 'staleLevel',
          file: ref.file,
          path: [...ref.path, 'levels'],
          itemCode: ref.summary.code,
          data: { ...base, stale: e.region.level },
          related: [{ file: e.file, path: e.path }],
        });
      }
    }
  },
});
