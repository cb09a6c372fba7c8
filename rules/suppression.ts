import { defineRule } from '../src/rule-api/index.js';

/** Suppression comments must give a reason, name known rules and suppress something. */
export default defineRule({
  id: 'suppression',
  description: { 'zh-CN': '抑制注释须说明理由、规则存在且确有抑制', en: 'Suppression comments give a reason, name known rules and suppress something' },
  severity: 'warning',
  messages: {
    'zh-CN': {
      missingReason: '抑制注释须在「--」后说明理由（如审改办批复），此注释未生效',
      unknownRule: '抑制注释中的规则「{rule}」不存在',
      unused: '抑制注释没有抑制任何问题（{rules}），请删除',
    },
    en: {
      missingReason: 'A suppression comment needs a reason after "--"; this one has no effect',
      unknownRule: 'Unknown rule "{rule}" in suppression comment',
      unused: 'The suppression comment suppresses nothing ({rules}); remove it',
    },
  },
});
