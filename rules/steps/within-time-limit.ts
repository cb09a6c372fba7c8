import { defineRule } from '../../src/rule-api/index.js';

/** The sum of step `days` exceeds `promised` (checked only when every step gives days). */
export default defineRule({
  id: 'steps/within-time-limit',
  description: { 'zh-CN': '各办理环节天数之和不超过承诺办结时限', en: 'Step days add up to no more than the promised time limit' },
  severity: 'warning',
  messages: {
    'zh-CN': { exceeds: '各办理环节合计{sum}天，超过承诺办结时限{promised}个{unit}' },
    en: { exceeds: 'Steps add up to {sum} days, more than the promised {promised} ({unit})' },
  },
  item(ref, context) {
    const steps = ref.item.steps;
    if (!steps.every((s) => typeof s.days === 'number')) return;
    const sum = steps.reduce((n, s) => n + (s.days as number), 0);
    const promised = ref.item.timeLimit.promised;
    if (sum <= promised.value) return;
    context.report({
      messageId: 'exceeds',
      path: [...ref.path, 'steps'],
      data: { sum, promised: promised.value, unit: promised.unit },
      related: [{ file: ref.file, path: [...ref.path, 'timeLimit', 'promised', 'value'] }],
    });
  },
});
