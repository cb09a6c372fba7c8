import { defineRule } from '../../src/rule-api/index.js';
import { reportDuplicates } from './unique.js';

/** One item code twice in a region (across all its files). */
export default defineRule({
  id: 'item/unique-code',
  description: { 'zh-CN': '同一区划内事项编码不重复', en: 'Item codes are unique within a region' },
  severity: 'error',
  lineage: true,
  messages: {
    'zh-CN': { duplicate: '事项编码「{value}」在本区划中重复（首次出现于 {firstFile}）' },
    en: { duplicate: 'Item code "{value}" appears twice in this region (first in {firstFile})' },
  },
  region(region, context) {
    reportDuplicates(region, context, (ref) => ref.summary.code, 'code');
  },
});
