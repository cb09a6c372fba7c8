import { defineRule } from '../../src/rule-api/index.js';
import { decisionsOf, entryData, lists, receives, receivingLevel, regionsBelow, RELATED_MESSAGES } from './decisions.js';

const TO_ACTIONS: ReadonlySet<string> = new Set(['下放', '部分下放', '委托', '新增']);

/**
 * A region a decision requires to list an item lacks it: a receiver at a `to` level below the
 * decision's region (下放, 部分下放, 委托, 新增), or that region itself (新增, 承接). Reported once
 * per (region, entry) at the `items` key of the region's first file.
 */
export default defineRule({
  id: 'decision/delegated-missing',
  description: { 'zh-CN': '应承接的事项未列入清单', en: 'A region a decision requires to list an item lacks it' },
  severity: 'warning',
  lineage: true,
  messages: {
    'zh-CN': {
      notReceived: '决定 {docNo} 将事项「{entryName}」（{action}）交由{level:level}实施，但{region:region}清单中没有该事项',
      notListed: '决定 {docNo} 要求本级列入事项「{entryName}」（{action}），但{region:region}清单中没有该事项',
      related: RELATED_MESSAGES['zh-CN'],
    },
    en: {
      notReceived: 'Decision {docNo} gives item "{entryName}" ({action}) to the {level:level} level, but {region:region} lacks it',
      notListed: 'Decision {docNo} requires this level to list item "{entryName}" ({action}), but {region:region} lacks it',
      related: RELATED_MESSAGES.en,
    },
  },
  dataset(dataset, context) {
    const { any, entries } = decisionsOf(dataset);
    if (!any || dataset.unknownIncomplete) return;
    for (const e of entries) {
      const report = (messageId: string, region: typeof e.region) => {
        if (region.incomplete || region.files.length === 0 || lists(e, region)) return;
        context.report({
          messageId,
          file: region.files[0],
          path: ['items'],
          atKey: true,
          data: { ...entryData(e), level: messageId === 'notReceived' ? receivingLevel(region, e.to) : region.level, region: region.code, regionName: region.name },
          related: [{ file: e.file, path: e.path }],
        });
      };
      if (e.action === '新增' || e.action === '承接') report('notListed', e.region);
      if (TO_ACTIONS.has(e.action) && e.to.length > 0) {
        for (const region of regionsBelow(e.region, dataset)) if (receives(region, e.to)) report('notReceived', region);
      }
    }
  },
});
