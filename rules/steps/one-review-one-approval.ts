import { defineRule, normalize } from '../../src/rule-api/index.js';

/**
 * `reviewMode: 一审一核` means exactly the steps 受理, 核准, handled by different roles; with
 * option `allowFinal`, the "2+1" form 受理 → 核准 → <a step named in allowFinal> passes too.
 */
export default defineRule<{ allowFinal: string[] }>({
  id: 'steps/one-review-one-approval',
  description: { 'zh-CN': '一审一核事项的办理环节恰为受理、核准，且岗位不同', en: '一审一核 items have exactly the steps 受理, 核准, by different roles' },
  severity: 'error',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      allowFinal: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: '"2+1"模式下核准之后允许的第三个环节，如办结、发证、送达 / the third steps allowed after 核准 ("2+1"), e.g. 办结, 发证, 送达',
      },
    },
  },
  defaultOptions: { allowFinal: [] },
  messages: {
    'zh-CN': {
      wrongSteps: '审批模式为{reviewMode}，办理环节应为「{expected}」，实为「{actual}」',
      wrongStepsFinal: '审批模式为{reviewMode}，办理环节应为「{expected}」，或其后再加一个「{allowFinal}」之一，实为「{actual}」',
      sameRole: '{reviewMode}的受理和核准由同一岗位「{role}」办理，受理人不得同时核准',
    },
    en: {
      wrongSteps: 'Review mode "{reviewMode}" requires exactly the steps {expected}; found {actual}',
      wrongStepsFinal: 'Review mode "{reviewMode}" requires the steps {expected}, optionally followed by one of {allowFinal}; found {actual}',
      sameRole: 'Under "{reviewMode}" the same role "{role}" both accepts and approves',
    },
  },
  item(ref, context) {
    if (ref.item.reviewMode !== '一审一核') return;
    const steps = ref.item.steps;
    const names = steps.map((s) => normalize(s.name));
    const allowFinal = context.options.allowFinal;
    const finals = new Set(allowFinal.map((f) => normalize(f)));
    const twoPlusOne = names.length === 3 && finals.has(names[2]);
    if ((names.length !== 2 && !twoPlusOne) || names[0] !== '受理' || names[1] !== '核准') {
      const data = { reviewMode: ref.item.reviewMode, expected: ['受理', '核准'], actual: steps.map((s) => s.name) };
      const related = [{ file: ref.file, path: [...ref.path, 'reviewMode'] }];
      if (allowFinal.length > 0) context.report({ messageId: 'wrongStepsFinal', path: [...ref.path, 'steps'], data: { ...data, allowFinal }, related });
      else context.report({ messageId: 'wrongSteps', path: [...ref.path, 'steps'], data, related });
      return;
    }
    const [a, b] = steps;
    if (a.role !== undefined && b.role !== undefined && normalize(a.role) === normalize(b.role)) {
      context.report({ messageId: 'sameRole', path: [...ref.path, 'steps', 1, 'role'], data: { reviewMode: ref.item.reviewMode, role: b.role }, related: [{ file: ref.file, path: [...ref.path, 'steps', 0, 'role'] }] });
    }
  },
});
