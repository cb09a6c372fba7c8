import { checkCreditCode, defineRule } from '../../src/rule-api/index.js';

/** `creditCode` passes the GB 32100 check digit and the GB 11714 check digit inside it. */
export default defineRule<{ allow: string[] }>({
  id: 'department/credit-code',
  description: { 'zh-CN': '统一社会信用代码校验位正确（GB 32100、GB 11714）', en: 'Unified social credit code check digits are right (GB 32100, GB 11714)' },
  severity: 'error',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { allow: { type: 'array', items: { type: 'string' }, description: '校验位规则实施前发放、予以放行的代码 / codes issued before the checksum was enforced' } },
  },
  defaultOptions: { allow: [] },
  messages: {
    'zh-CN': {
      invalidFormat: '统一社会信用代码「{code}」格式错误：{reason:creditReason}',
      invalidCheckDigit: '统一社会信用代码「{code}」校验位应为「{expected}」，实为「{actual}」（GB 32100）',
      invalidOrgCheckDigit: '统一社会信用代码「{code}」中组织机构代码「{orgCode}」的校验位应为「{expected}」，实为「{actual}」（GB 11714）',
    },
    en: {
      invalidFormat: 'Credit code "{code}" is malformed: {reason:creditReason}',
      invalidCheckDigit: 'Credit code "{code}" should end in check digit "{expected}", not "{actual}" (GB 32100)',
      invalidOrgCheckDigit: 'The organization code "{orgCode}" inside "{code}" should have check digit "{expected}", not "{actual}" (GB 11714)',
    },
  },
  file(file, context) {
    const code = file.doc!.department?.creditCode;
    // A code that is not 18 digits and capital letters is the schema's finding, not this rule's.
    if (typeof code !== 'string' || !/^[0-9A-Z]{18}$/.test(code) || context.options.allow.includes(code)) return;
    const problem = checkCreditCode(code);
    if (problem) context.report({ messageId: problem.messageId, path: ['department', 'creditCode'], data: { code, ...problem.data } });
  },
});
