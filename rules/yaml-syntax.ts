import { defineRule } from '../src/engine/rule.js';

/** The file is not valid YAML 1.2 (or not UTF-8). Reported by the loader; no hooks. */
export default defineRule({
  id: 'yaml-syntax',
  description: { 'zh-CN': '文件是合法的 UTF-8 YAML 1.2 单文档', en: 'The file is one valid UTF-8 YAML 1.2 document' },
  severity: 'error',
  messages: {
    'zh-CN': {
      invalid: 'YAML 语法错误：{detail}',
      duplicateKey: '键「{key}」重复',
      tabIndent: '不能用制表符（Tab）缩进，请改用空格',
      notUtf8: '文件不是 UTF-8 编码（第 {line} 行起）{hint}',
      utf16: '文件是 {encoding} 编码，请另存为 UTF-8',
      binary: '文件含 NUL 字节，不是文本文件',
      tooLarge: '文件大小 {size} 字节，超过上限 {limit} 字节，未解析',
      tooManyAliases: '别名（*引用）过多或展开过大（上限 {limit}），未解析',
      tooDeep: '嵌套层数超过 {limit} 层，未解析',
      multipleDocuments: '一个文件只能有一个 YAML 文档，此文件有 {count} 个',
      tag: '不允许使用标签「{tag}」：清单只含数据',
      mergeKey: '不允许使用合并键「<<」，请直接写出各字段',
      empty: '文件为空或只有注释，没有清单内容',
      unreadable: '无法读取文件：{reasonZh}',
    },
    en: {
      invalid: 'YAML syntax error: {detail}',
      duplicateKey: 'Duplicate key "{key}"',
      tabIndent: 'Tabs are not allowed for indentation; use spaces',
      notUtf8: 'The file is not UTF-8 (from line {line}){hintEn}',
      utf16: 'The file is {encoding}; save it as UTF-8',
      binary: 'The file contains a NUL byte; it is not a text file',
      tooLarge: 'The file is {size} bytes, over the {limit}-byte limit; not parsed',
      tooManyAliases: 'Too many aliases or too large an expansion (limit {limit}); not parsed',
      tooDeep: 'Collections nest deeper than {limit} levels; not parsed',
      multipleDocuments: 'A file holds one YAML document; this one has {count}',
      tag: 'Tag "{tag}" is not allowed: a checklist holds data only',
      mergeKey: 'Merge keys (<<) are not allowed; write the fields out',
      empty: 'The file is empty or holds only comments',
      unreadable: 'Cannot read the file: {reason}',
    },
  },
});
