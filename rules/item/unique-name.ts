import { defineRule } from '../../src/rule-api/index.js';
import { reportDuplicates } from './unique.js';

/** One normalized item name twice in a region. */
export default defineRule({
  id: 'item/unique-name',
  description: { 'zh-CN': '同一区划内事项名称不重复', en: 'Item names are unique within a region' },
  severity: 'warning',
  lineage: true,
  messages: {
    'zh-CN': { duplicate: '事项名称「{value}」在本区划中重复（首次出现于 {firstFile}，编码 {firstCode}）' },
    en: { duplicate: 'Item name "{value}" appears twice in this region (first in {firstFile}, code {firstCode})' },
  },
  region(region, context) {
    reportDuplicates(region, context, (ref) => ref.nameKey, 'name');
  },
});
