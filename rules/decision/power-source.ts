import { defineRule, type ItemView, type RegionView, type ReportDescriptor } from '../../src/rule-api/index.js';
import { decisionsOf, entriesInForce, entryData, firstMatchByItem, receives, RELATED_MESSAGES, type EntryInForce } from './decisions.js';
import { itemsGiving } from '../prerequisite/resolve.js';

/**
 * An item's 权力来源 disagrees with the decisions, one diagnostic per item for the first of:
 * 上级下放 with no ancestor's 下放/部分下放 to this level; 上级委托 with no ancestor's 委托 to
 * this level; 上级委托/同级委托 without `entrustedBy`; an item an ancestor entrusts (委托) to this
 * level whose `powerSource` is not 上级委托.
 */
export default defineRule({
  id: 'decision/power-source',
  description: { 'zh-CN': '权力来源与决定不符', en: 'The power source disagrees with the decisions' },
  severity: 'warning',
  lineage: true,
  messages: {
    'zh-CN': {
      noDelegation: '事项「{name}」（{code}）的权力来源为“上级下放”，但没有上级决定将其下放至{level:level}',
      noEntrustment: '事项「{name}」（{code}）的权力来源为“上级委托”，但没有上级决定将其委托至{level:level}',
      noEntrustedBy: '事项「{name}」（{code}）为委托实施，但未写明委托机关（entrustedBy）',
      notEntrusted: '决定 {docNo} 将事项「{name}」（{code}）委托{level:level}实施，权力来源应为“上级委托”',
      related: RELATED_MESSAGES['zh-CN'],
    },
    en: {
      noDelegation: 'Item "{name}" ({code}) says its power was delegated by an upper level, but no upper-level decision delegates it to the {level:level} level',
      noEntrustment: 'Item "{name}" ({code}) says its power is entrusted by an upper level, but no upper-level decision entrusts it to the {level:level} level',
      noEntrustedBy: 'Item "{name}" ({code}) is exercised by entrustment but names no entrusting authority (entrustedBy)',
      notEntrusted: 'Decision {docNo} entrusts item "{name}" ({code}) to the {level:level} level: its power source should be the upper level\'s entrustment',
      related: RELATED_MESSAGES.en,
    },
  },
  dataset(dataset, context) {
    if (!decisionsOf(dataset).any) return;
    for (const region of dataset.regions.values()) {
      const fromAbove = entriesInForce(region, dataset).filter((e) => e.region.code !== region.code && receives(region, e.to));
      const matched: Matched = {
        delegated: firstMatchByItem(region, fromAbove.filter((e) => e.action === '下放' || e.action === '部分下放')),
        entrusted: firstMatchByItem(region, fromAbove.filter((e) => e.action === '委托')),
      };
      // Only an item that gives a power source or an entrusting body, or that an entry entrusts, can be wrong.
      const candidates = new Set<ItemView>([...itemsGiving(region, 'powerSource'), ...itemsGiving(region, 'entrustedBy'), ...matched.entrusted.keys()]);
      for (const item of region.items) if (candidates.has(item)) check(item, region, matched, context);
    }
  },
});

/** The first entry of an ancestor's decision giving each item to the region, by kind. */
interface Matched {
  delegated: Map<ItemView, EntryInForce>;
  entrusted: Map<ItemView, EntryInForce>;
}

function check(item: ItemView, region: RegionView, matched: Matched, context: { report(descriptor: ReportDescriptor): void }): void {
  // The item is loaded only when it gives a power source or an entrusting body.
  const gives = item.summary.fields?.some((f) => f === 'powerSource' || f === 'entrustedBy');
  const full = (gives ? item.item : {}) as { powerSource?: unknown; entrustedBy?: unknown };
  const source = typeof full.powerSource === 'string' ? full.powerSource : undefined;
  const base = { code: item.summary.code, name: item.summary.name, level: region.level };
  const at = source === undefined ? item.path : [...item.path, 'powerSource'];
  const report = (messageId: string, e?: EntryInForce) =>
    context.report({
      messageId,
      file: item.file,
      path: at,
      itemCode: item.summary.code,
      data: e ? { ...entryData(e), ...base } : base,
      ...(e ? { related: [{ file: e.file, path: e.path }] } : {}),
    });
  if (source === '上级下放' && !matched.delegated.has(item)) return report('noDelegation');
  if (source === '上级委托' && !matched.entrusted.has(item)) return report('noEntrustment');
  if ((source === '上级委托' || source === '同级委托') && !(typeof full.entrustedBy === 'string' && full.entrustedBy !== '')) return report('noEntrustedBy');
  const entrusting = source === '上级委托' ? undefined : matched.entrusted.get(item);
  if (entrusting) report('notEntrusted', entrusting);
}
