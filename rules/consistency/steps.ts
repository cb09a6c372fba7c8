import { defineRule, type Step } from '../../src/rule-api/index.js';
import { strictOnly } from './options.js';
import { reportSequence } from './sequence.js';

/** 办理环节一致: the sequence of step names; `days` of steps whose names match. */
export default defineRule<{ strict: boolean }>({
  id: 'consistency/steps',
  description: { 'zh-CN': '办理环节与上级清单一致（顺序、名称、天数）', en: 'Processing steps equal the upper-level reference (order, names, days)' },
  facet: 'steps',
  severity: 'error',
  lineage: true,
  fiveConsistencies: true,
  optionsSchema: strictOnly,
  defaultOptions: { strict: false },
  messages: {
    'zh-CN': {
      inserted: '办理环节「{actual}」（第{position}步）不在上级清单中',
      removed: '缺少上级清单的办理环节「{expected}」（上级第{position}步）',
      renamed: '办理环节「{actual}」与上级清单的「{expected}」名称不一致',
      moved: '办理环节「{actual}」在第{position}步，上级清单在第{expectedPosition}步',
      daysDiffer: '办理环节「{step}」为{actual}天，上级清单为{expected}天',
      tooLarge: '办理环节过多或名称过长（本级{count}个，上级清单{referenceCount}个），超出精确比较的上限，已作近似比较：改名或移动的环节可能报告为新增和缺少，字符差异可能较粗',
    },
    en: {
      inserted: 'Step "{actual}" (step {position}) is not in the upper level\'s list',
      removed: 'Missing the upper level\'s step "{expected}" (its step {position})',
      renamed: 'Step "{actual}" is named "{expected}" at the upper level',
      moved: 'Step "{actual}" is step {position}; the upper level has it as step {expectedPosition}',
      daysDiffer: 'Step "{step}" takes {actual} days; the upper level has {expected}',
      tooLarge: 'Too many or too long steps to compare exactly (this level {count}, the upper level {referenceCount}): compared approximately, so a renamed or moved step may be reported as inserted plus removed, and diffs may be coarse',
    },
  },
  compare(pair, context) {
    const mine = pair.item.item.steps;
    const theirs = pair.reference.item.steps;
    const edits = reportSequence(pair, context, { key: 'steps', texts: (l) => (l as Step[]).map((s) => s.name), textPath: ['name'] }, mine, theirs);
    for (const e of edits) {
      if (e.kind !== 'match' && e.kind !== 'moved') continue;
      const expected = theirs[e.from].days;
      const actual = mine[e.to].days;
      if (expected === undefined || actual === undefined || expected === actual) continue;
      context.report({
        messageId: 'daysDiffer',
        path: [...pair.item.path, 'steps', e.to, 'days'],
        data: { step: mine[e.to].name, expected, actual },
        related: [{ file: pair.reference.file, path: [...pair.reference.path, 'steps', e.from, 'days'] }],
      });
    }
  },
});
