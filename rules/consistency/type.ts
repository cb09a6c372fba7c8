import { defineRule } from '../../src/rule-api/index.js';

/** The item's type (事项类型) equals the reference's. */
export default defineRule({
  id: 'consistency/type',
  description: { 'zh-CN': '事项类型与上级清单一致', en: 'Item type equals the upper-level reference' },
  facet: 'type',
  severity: 'error',
  lineage: true,
  messages: {
    'zh-CN': { differs: '事项类型「{actual}」与上级清单的「{expected}」不一致' },
    en: { differs: 'Item type "{actual}" differs from the upper level\'s "{expected}"' },
  },
  compare({ item, reference }, context) {
    const expected = reference.item.type;
    const actual = item.item.type;
    if (expected === actual) return;
    context.report({
      messageId: 'differs',
      path: [...item.path, 'type'],
      data: { expected, actual },
      related: [{ file: reference.file, path: [...reference.path, 'type'] }],
    });
  },
});
