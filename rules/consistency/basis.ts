import { defineRule, normalize } from '../../src/rule-api/index.js';
import { strictOnly } from './options.js';

/** 设定依据 equal to the reference's, compared as a set. Off in `recommended`. */
export default defineRule<{ strict: boolean }>({
  id: 'consistency/basis',
  description: { 'zh-CN': '设定依据与上级清单一致（按集合比较）', en: 'Legal basis equals the upper-level reference, as a set' },
  facet: 'basis',
  severity: 'off',
  lineage: true,
  optionsSchema: strictOnly,
  defaultOptions: { strict: false },
  messages: {
    'zh-CN': { missing: '缺少上级清单的设定依据「{expected}」', extra: '设定依据「{actual}」不在上级清单中' },
    en: { missing: 'Missing the upper level\'s legal basis "{expected}"', extra: 'Legal basis "{actual}" is not in the upper level\'s list' },
  },
  compare({ item, reference }, context) {
    const strict = context.options.strict;
    const mine = item.item.basis ?? [];
    const theirs = reference.item.basis ?? [];
    const mineSet = new Set(mine.map((b) => normalize(b, strict)));
    const theirSet = new Set(theirs.map((b) => normalize(b, strict)));
    const refPath = reference.item.basis ? [...reference.path, 'basis'] : reference.path;
    theirs.forEach((b, i) => {
      if (mineSet.has(normalize(b, strict))) return;
      context.report({
        messageId: 'missing',
        path: item.item.basis ? [...item.path, 'basis'] : item.path,
        data: { expected: b },
        related: [{ file: reference.file, path: [...reference.path, 'basis', i] }],
      });
    });
    mine.forEach((b, i) => {
      if (theirSet.has(normalize(b, strict))) return;
      context.report({ messageId: 'extra', path: [...item.path, 'basis', i], data: { actual: b }, related: [{ file: reference.file, path: refPath }] });
    });
  },
});
