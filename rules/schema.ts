import { defineRule } from '../src/engine/rule.js';

/** The document violates schemas/checklist.schema.json. Reported by the engine; no hooks. */
export default defineRule({
  id: 'schema',
  description: { 'zh-CN': '文件符合清单格式（JSON Schema）', en: 'The document follows the checklist format (JSON Schema)' },
  severity: 'error',
  messages: {
    'zh-CN': {
      required: '{parentTitle}缺少必填字段「{title}」({property})',
      additionalProperties: '{parentTitle}中有未知字段「{property}」（可用字段：{known}）',
      type: '「{title}」({property}) 应为 {expected}，实为 {actual}',
      quoteCode: '「{title}」({property}) 应为加引号的字符串："{value}"（不加引号会被当作数字，丢失前导零）',
      enum: '「{title}」({property}) 的值「{value}」无效，可选：{allowed}',
      pattern: '「{title}」({property}) 格式不正确：{detail}',
      minimum: '「{title}」({property}) {detail}',
      minLength: '「{title}」({property}) 不能为空',
      minItems: '「{title}」({property}) {detail}',
      uniqueItems: '「{title}」({property}) {detail}',
    },
    en: {
      required: '{parentTitle} is missing the required field "{property}" ({title})',
      additionalProperties: 'Unknown field "{property}" in {parentTitle} (known: {known})',
      type: '"{property}" ({title}) must be {expected}, not {actual}',
      quoteCode: '"{property}" ({title}) must be a quoted string: "{value}" (unquoted, it is a number and loses leading zeros)',
      enum: '"{property}" ({title}) has the invalid value "{value}"; allowed: {allowed}',
      pattern: '"{property}" ({title}) has the wrong format: {detail}',
      minimum: '"{property}" ({title}) {detail}',
      minLength: '"{property}" ({title}) must not be empty',
      minItems: '"{property}" ({title}) {detail}',
      uniqueItems: '"{property}" ({title}) {detail}',
    },
  },
});
