import { defineRule, normalize } from '../../src/rule-api/index.js';

const DEFAULT_STAGES: Record<string, string[]> = {
  行政许可: ['受理', '审查', '决定', '送达', '事后监管'],
  行政处罚: ['立案', '调查取证', '审查', '告知', '决定', '送达', '执行'],
};

/**
 * The expected stages a duty's stage covers: those its normalized text starts with or names
 * (contains), so "审查和决定" covers 审查 and 决定 and "受理环节" covers 受理.
 */
function covered(stage: string, expected: string[]): string[] {
  const text = normalize(stage);
  return expected.filter((e) => {
    const want = normalize(e);
    return want !== '' && (text.startsWith(want) || text.includes(want));
  });
}

/** The responsibility duties cover every stage expected for the item's type. */
export default defineRule<{ stages: Record<string, string[]> }>({
  id: 'responsibility/stages',
  description: { 'zh-CN': '责任清单的职责覆盖该类事项应有的各环节', en: 'Responsibility duties cover every stage expected for the item type' },
  severity: 'off',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      stages: {
        type: 'object',
        additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } },
        description: '各事项类型应有的环节；未列出的类型不检查 / the stages expected per item type; types not listed are not checked',
      },
    },
  },
  defaultOptions: { stages: DEFAULT_STAGES },
  messages: {
    'zh-CN': { missingStages: '{type}事项「{name}」的责任清单缺少以下环节的职责：{missing}' },
    en: { missingStages: 'The responsibility duties of {type} item "{name}" miss the stages {missing}' },
  },
  item(ref, context) {
    const { item } = ref;
    const expected = typeof item.type === 'string' ? context.options.stages[item.type] : undefined;
    if (!expected || expected.length === 0) return;
    const duties = (item.responsibility as { duties?: unknown } | undefined)?.duties;
    // No responsibility or no duties array: responsibility/missing's (or the schema's) finding.
    if (!Array.isArray(duties)) return;
    const seen = new Set<string>();
    for (const duty of duties) {
      const stage = (duty as { stage?: unknown } | null)?.stage;
      if (typeof stage === 'string') for (const e of covered(stage, expected)) seen.add(e);
    }
    const missing = expected.filter((e) => !seen.has(e));
    if (missing.length > 0) {
      context.report({ messageId: 'missingStages', path: [...ref.path, 'responsibility', 'duties'], data: { type: item.type, name: item.name, missing } });
    }
  },
});
