import { defineRule, normalize } from '../../src/rule-api/index.js';
import { decisionsOf } from './decisions.js';
import { itemsGiving } from '../prerequisite/resolve.js';

/** A `decisionRefs` element names a 文号 no loaded decision has (compared normalized). */
export default defineRule({
  id: 'decision/unknown-ref',
  description: { 'zh-CN': '引用的决定文号不存在', en: 'A decision reference names no loaded decision' },
  severity: 'warning',
  lineage: true,
  messages: {
    'zh-CN': { unknown: '事项「{name}」引用的决定 {docNo} 不在已加载的任何决定中' },
    en: { unknown: 'Item "{name}" refers to decision {docNo}, which no loaded decision has' },
  },
  dataset(dataset, context) {
    const { any, docNos } = decisionsOf(dataset);
    if (!any) return;
    for (const region of dataset.regions.values()) {
      for (const item of itemsGiving(region, 'decisionRefs')) {
        const refs = (item.item as { decisionRefs?: unknown }).decisionRefs;
        if (!Array.isArray(refs)) continue;
        refs.forEach((ref: unknown, k) => {
          if (typeof ref !== 'string' || ref === '' || docNos.has(normalize(ref))) return;
          context.report({
            messageId: 'unknown',
            file: item.file,
            path: [...item.path, 'decisionRefs', k],
            itemCode: item.summary.code,
            data: { name: item.summary.name, code: item.summary.code, docNo: ref },
          });
        });
      }
    }
  },
});
