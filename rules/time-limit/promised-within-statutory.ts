import { defineRule } from '../../src/rule-api/index.js';

/** `promised` longer than `statutory` in the same unit. */
export default defineRule({
  id: 'time-limit/promised-within-statutory',
  description: { 'zh-CN': '承诺办结时限不超过法定办结时限', en: 'Promised time limit within the statutory one' },
  severity: 'error',
  messages: {
    'zh-CN': { exceeds: '承诺办结时限{promised}个{unit}超过法定办结时限{statutory}个{unit}' },
    en: { exceeds: 'Promised time limit {promised} exceeds the statutory {statutory} ({unit})' },
  },
  item(ref, context) {
    const { statutory, promised } = ref.item.timeLimit;
    if (!statutory || statutory.unit !== promised.unit || promised.value <= statutory.value) return;
    context.report({
      messageId: 'exceeds',
      path: [...ref.path, 'timeLimit', 'promised', 'value'],
      data: { promised: promised.value, statutory: statutory.value, unit: promised.unit },
      related: [{ file: ref.file, path: [...ref.path, 'timeLimit', 'statutory', 'value'] }],
    });
  },
});
