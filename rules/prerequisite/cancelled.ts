import { defineRule } from '../../src/rule-api/index.js';
import { entryData, RELATED_MESSAGES } from '../decision/decisions.js';
import { cancelledBy } from './cancelled-entry.js';
import { asRef, itemsGiving } from './resolve.js';

/** A `prerequisites` entry naming an item that a 取消 decision in force for the region cancelled. */
export default defineRule({
  id: 'prerequisite/cancelled',
  description: { 'zh-CN': '前置审批事项已被决定取消', en: 'Prerequisite approval cancelled by a decision' },
  severity: 'warning',
  lineage: true,
  messages: {
    'zh-CN': {
      cancelled: '事项「{item}」的前置审批「{name}」已由决定 {docNo} 取消，不应再作为前置条件',
      related: RELATED_MESSAGES['zh-CN'],
    },
    en: {
      cancelled: 'Item "{item}": prerequisite "{name}" was cancelled by decision {docNo} and can no longer be required',
      related: RELATED_MESSAGES.en,
    },
  },
  dataset(dataset, context) {
    for (const region of dataset.regions.values()) {
      for (const item of itemsGiving(region, 'prerequisites')) {
        const list = item.item.prerequisites;
        if (!Array.isArray(list)) continue;
        list.forEach((value, j) => {
          const ref = asRef(value);
          if (!ref) return;
          const e = cancelledBy(ref, region, dataset);
          if (!e) return;
          context.report({
            messageId: 'cancelled',
            file: item.file,
            path: [...item.path, 'prerequisites', j],
            data: { item: item.summary.name, code: ref.code, name: ref.name, ...entryData(e) },
            related: [{ file: e.file, path: e.path }],
          });
        });
      }
    }
  },
});
