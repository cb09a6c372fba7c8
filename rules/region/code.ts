import { defineRule, isAncestorShaped, levelOfCode } from '../../src/rule-api/index.js';

/** Region code format; `level` agrees with the code; `parent` is an ancestor-shaped code. */
export default defineRule({
  id: 'region/code',
  description: { 'zh-CN': '行政区划代码格式正确、与层级一致', en: 'Region code is well-formed and agrees with the level' },
  severity: 'error',
  messages: {
    'zh-CN': {
      invalidCode: '行政区划代码「{code}」无效：{reason:regionCodeReason}',
      levelMismatch: '层级为「{level}」，但代码「{code}」表示「{expected}」',
      invalidParent: '上级行政区划代码「{parent}」不是「{code}」的上级（须为更高层级且编码形式相符）',
    },
    en: {
      invalidCode: 'Region code "{code}" is invalid: {reason:regionCodeReason}',
      levelMismatch: 'Level is "{level}" but code "{code}" denotes "{expected}"',
      invalidParent: 'Parent code "{parent}" cannot be an ancestor of "{code}"',
    },
  },
  file(file, context) {
    const region = file.doc!.region;
    const expected = levelOfCode(region.code);
    if (!expected) {
      context.report({ messageId: 'invalidCode', path: ['region', 'code'], data: { code: region.code, reason: 'provinceZero' } });
      return;
    }
    if (expected !== region.level) {
      context.report({ messageId: 'levelMismatch', path: ['region', 'level'], data: { code: region.code, level: region.level, expected } });
    }
    if (region.parent !== undefined && !isAncestorShaped(region.parent, region.code)) {
      context.report({ messageId: 'invalidParent', path: ['region', 'parent'], data: { code: region.code, parent: region.parent } });
    }
  },
});
