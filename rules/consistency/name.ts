import { defineRule, diffText, normalize } from '../../src/rule-api/index.js';
import { strictOnly } from './options.js';

/** 事项名称一致: the item's name equals the reference's. */
export default defineRule<{ strict: boolean }>({
  id: 'consistency/name',
  description: { 'zh-CN': '事项名称与上级清单一致', en: 'Item name equals the upper-level reference' },
  facet: 'name',
  severity: 'error',
  lineage: true,
  fiveConsistencies: true,
  optionsSchema: strictOnly,
  defaultOptions: { strict: false },
  messages: {
    'zh-CN': { differs: '事项名称「{actual}」与上级清单的「{expected}」不一致' },
    en: { differs: 'Item name "{actual}" differs from the upper level\'s "{expected}"' },
  },
  compare({ item, reference }, context) {
    const expected = reference.item.name;
    const actual = item.item.name;
    if (normalize(expected, context.options.strict) === normalize(actual, context.options.strict)) return;
    context.report({
      messageId: 'differs',
      path: [...item.path, 'name'],
      data: { expected, actual },
      diff: diffText(expected, actual),
      related: [{ file: reference.file, path: [...reference.path, 'name'] }],
    });
  },
});
