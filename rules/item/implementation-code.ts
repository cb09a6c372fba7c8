import { defineRule } from '../../src/rule-api/index.js';

/** `implementationCode` starts with the file's `department.creditCode` and ends with the item's `code`. */
export default defineRule({
  id: 'item/implementation-code',
  description: { 'zh-CN': '实施编码由实施机构统一社会信用代码和事项编码组成', en: 'Implementation code is the agency credit code followed by the item code' },
  severity: 'warning',
  messages: {
    'zh-CN': {
      prefix: '实施编码「{implementationCode}」应以部门统一社会信用代码「{creditCode}」开头',
      suffix: '实施编码「{implementationCode}」应以事项编码「{code}」结尾',
    },
    en: {
      prefix: 'Implementation code "{implementationCode}" should start with the department credit code "{creditCode}"',
      suffix: 'Implementation code "{implementationCode}" should end with the item code "{code}"',
    },
  },
  item(ref, context) {
    const implementationCode = ref.item.implementationCode;
    if (implementationCode === undefined) return;
    const creditCode = ref.file.doc?.department?.creditCode;
    const path = [...ref.path, 'implementationCode'];
    if (typeof creditCode === 'string' && !implementationCode.startsWith(creditCode)) {
      context.report({ messageId: 'prefix', path, data: { implementationCode, creditCode }, related: [{ file: ref.file, path: ['department', 'creditCode'] }] });
    }
    if (!implementationCode.endsWith(ref.item.code)) {
      context.report({ messageId: 'suffix', path, data: { implementationCode, code: ref.item.code } });
    }
  },
});
