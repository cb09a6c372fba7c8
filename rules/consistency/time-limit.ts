import { defineRule, type Duration } from '../../src/rule-api/index.js';

/**
 * 办理时限一致: `statutory` (value and unit, or both absent) and `promised` (value and unit).
 * With `promised: not-longer` a lower level may promise fewer days in the same unit. Values in
 * different units are never compared as numbers: a unit difference is its own message. A promised
 * value of 0 is 即办 in any unit.
 */
export default defineRule<{ strict: boolean; promised: 'equal' | 'not-longer' }>({
  id: 'consistency/time-limit',
  description: { 'zh-CN': '法定和承诺办结时限与上级清单一致', en: 'Statutory and promised time limits equal the upper-level reference' },
  facet: 'timeLimit',
  severity: 'error',
  lineage: true,
  fiveConsistencies: true,
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      strict: { type: 'boolean', description: '比较原文 / compare raw text' },
      promised: { enum: ['equal', 'not-longer'], description: 'equal：必须相等；not-longer：下级可承诺更短 / a lower level may promise less' },
    },
  },
  defaultOptions: { strict: false, promised: 'equal' },
  messages: {
    'zh-CN': {
      promisedDiffers: '承诺办结时限为{actual}个{unit}，上级清单为{expected}个{unit}',
      promisedLonger: '承诺办结时限{actual}个{unit}长于上级清单的{expected}个{unit}',
      unitDiffers: '{limit:limit}的单位为「{actual}」，上级清单为「{expected}」',
      statutoryDiffers: '法定办结时限为{actual}个{unit}，上级清单为{expected}个{unit}',
      statutoryMissing: '缺少法定办结时限：上级清单为{expected}个{unit}',
      statutoryExtra: '上级清单没有法定办结时限，本级为{actual}个{unit}',
    },
    en: {
      promisedDiffers: 'Promised time limit is {actual} {unit:unit}; the upper level has {expected}',
      promisedLonger: 'Promised time limit {actual} {unit:unit} is longer than the upper level\'s {expected}',
      unitDiffers: 'The {limit:limit} time limit is in {actual:unit}; the upper level uses {expected:unit}',
      statutoryDiffers: 'Statutory time limit is {actual} {unit:unit}; the upper level has {expected}',
      statutoryMissing: 'No statutory time limit; the upper level has {expected} {unit:unit}',
      statutoryExtra: 'The upper level has no statutory time limit; this level has {actual} {unit:unit}',
    },
  },
  compare({ item, reference }, context) {
    const mine = item.item.timeLimit;
    const theirs = reference.item.timeLimit;
    const here = [...item.path, 'timeLimit'];
    const there = [...reference.path, 'timeLimit'];
    const related = (...rest: string[]) => [{ file: reference.file, path: [...there, ...rest] }];

    const compareDuration = (limit: 'statutory' | 'promised', a: Duration, b: Duration) => {
      // A promised 0 is 即办 in any unit: `0 工作日` equals `0 自然日`.
      if (limit === 'promised' && a.value === 0 && b.value === 0) return;
      if (a.unit !== b.unit) {
        context.report({
          messageId: 'unitDiffers',
          path: [...here, limit, 'unit'],
          data: { limit, expected: a.unit, actual: b.unit },
          related: related(limit, 'unit'),
        });
        return;
      }
      if (a.value === b.value) return;
      const data = { expected: a.value, actual: b.value, unit: a.unit };
      if (limit === 'statutory') {
        context.report({ messageId: 'statutoryDiffers', path: [...here, limit, 'value'], data, related: related(limit, 'value') });
      } else if (context.options.promised === 'equal') {
        context.report({ messageId: 'promisedDiffers', path: [...here, limit, 'value'], data, related: related(limit, 'value') });
      } else if (b.value > a.value) {
        context.report({ messageId: 'promisedLonger', path: [...here, limit, 'value'], data, related: related(limit, 'value') });
      }
    };

    if (theirs.statutory && !mine.statutory) {
      const s = theirs.statutory;
      context.report({ messageId: 'statutoryMissing', path: here, data: { expected: s.value, unit: s.unit }, related: related('statutory') });
    } else if (!theirs.statutory && mine.statutory) {
      const s = mine.statutory;
      context.report({ messageId: 'statutoryExtra', path: [...here, 'statutory'], data: { actual: s.value, unit: s.unit }, related: related() });
    } else if (theirs.statutory && mine.statutory) {
      compareDuration('statutory', theirs.statutory, mine.statutory);
    }
    compareDuration('promised', theirs.promised, mine.promised);
  },
});
