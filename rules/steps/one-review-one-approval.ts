import { defineRule, normalize } from '../../src/rule-api/index.js';

/** `reviewMode: 一审一核` means exactly the steps 受理, 核准, handled by different roles. */
export default defineRule({
  id: 'steps/one-review-one-approval',
  description: { 'zh-CN': '一审一核事项的办理环节恰为受理、核准，且岗位不同', en: '一审一核 items have exactly the steps 受理, 核准, by different roles' },
  severity: 'error',
  messages: {
    'zh-CN': {
      wrongSteps: '审批模式为{reviewMode}，办理环节应为「{expected}」，实为「{actual}」',
      sameRole: '{reviewMode}的受理和核准由同一岗位「{role}」办理，受理人不得同时核准',
    },
    en: {
      wrongSteps: 'Review mode "{reviewMode}" requires exactly the steps {expected}; found {actual}',
      sameRole: 'Under "{reviewMode}" the same role "{role}" both accepts and approves',
    },
  },
  item(ref, context) {
    if (ref.item.reviewMode !== '一审一核') return;
    const steps = ref.item.steps;
    const names = steps.map((s) => normalize(s.name));
    if (names.length !== 2 || names[0] !== '受理' || names[1] !== '核准') {
      context.report({ messageId: 'wrongSteps', path: [...ref.path, 'steps'], data: { reviewMode: ref.item.reviewMode, expected: ['受理', '核准'], actual: steps.map((s) => s.name) }, related: [{ file: ref.file, path: [...ref.path, 'reviewMode'] }] });
      return;
    }
    const [a, b] = steps;
    if (a.role !== undefined && b.role !== undefined && normalize(a.role) === normalize(b.role)) {
      context.report({ messageId: 'sameRole', path: [...ref.path, 'steps', 1, 'role'], data: { reviewMode: ref.item.reviewMode, role: b.role }, related: [{ file: ref.file, path: [...ref.path, 'steps', 0, 'role'] }] });
    }
  },
});
