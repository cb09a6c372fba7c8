import { defineRule } from '../../src/rule-api/index.js';
import { strictOnly } from './options.js';
import { reportSequence } from './sequence.js';

/** 审查工作细则一致: the sequence of review points. */
export default defineRule<{ strict: boolean }>({
  id: 'consistency/review-rules',
  description: { 'zh-CN': '审查工作细则与上级清单一致', en: 'Review rules equal the upper-level reference, in order' },
  facet: 'reviewRules',
  severity: 'error',
  lineage: true,
  fiveConsistencies: true,
  optionsSchema: strictOnly,
  defaultOptions: { strict: false },
  messages: {
    'zh-CN': {
      inserted: '审查要点「{actual}」（第{position}条）不在上级清单中',
      removed: '缺少上级清单的审查要点「{expected}」（上级第{position}条）',
      renamed: '审查要点「{actual}」与上级清单的「{expected}」不一致',
      moved: '审查要点「{actual}」在第{position}条，上级清单在第{expectedPosition}条',
      missingAll: '缺少审查工作细则：上级清单有{count}条审查要点',
      extraAll: '上级清单没有审查工作细则，本级有{count}条',
      tooLarge: '审查要点过多或过长（本级{count}条，上级清单{referenceCount}条），超出精确比较的上限，已作近似比较：改写或移动的审查要点可能报告为新增和缺少，字符差异可能较粗',
    },
    en: {
      inserted: 'Review point "{actual}" (no. {position}) is not in the upper level\'s list',
      removed: 'Missing the upper level\'s review point "{expected}" (its no. {position})',
      renamed: 'Review point "{actual}" reads "{expected}" at the upper level',
      moved: 'Review point "{actual}" is no. {position}; the upper level has it as no. {expectedPosition}',
      missingAll: 'No review rules; the upper level has {count}',
      extraAll: 'The upper level has no review rules; this level has {count}',
      tooLarge: 'Too many or too long review points to compare exactly (this level {count}, the upper level {referenceCount}): compared approximately, so a changed or moved point may be reported as inserted plus removed, and diffs may be coarse',
    },
  },
  compare(pair, context) {
    const mine = pair.item.item.reviewRules ?? [];
    const theirs = pair.reference.item.reviewRules ?? [];
    if (mine.length === 0 && theirs.length === 0) return;
    if (mine.length === 0) {
      context.report({
        messageId: 'missingAll',
        path: pair.item.path,
        data: { count: theirs.length },
        related: [{ file: pair.reference.file, path: [...pair.reference.path, 'reviewRules'] }],
      });
      return;
    }
    if (theirs.length === 0) {
      context.report({ messageId: 'extraAll', path: [...pair.item.path, 'reviewRules'], data: { count: mine.length }, related: [{ file: pair.reference.file, path: pair.reference.path }] });
      return;
    }
    reportSequence(pair, context, { key: 'reviewRules', texts: (l) => l as string[], textPath: [] }, mine, theirs);
  },
});
