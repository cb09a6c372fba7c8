/**
 * The format additions of lists.md in schemas/checklist.schema.json: the new item fields, the
 * two new item types, and the top-level `decisions`, `intermediaryCatalog` and `feeCatalog`.
 * A file using all of them is clean under the default rules; each mistake is one `schema`
 * diagnostic at the offending node, naming the field in Chinese and English.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { isCalendarDate, schema } from '../src/schema/validate.js';
import type { Locale } from '../src/types.js';
import { ROOT } from './helpers.js';

const DIR = join(ROOT, 'test', 'fixtures', 'schema-lists');

async function diagnostics(file: string, locale: Locale = 'zh-CN') {
  const report = await lint({ cwd: join(DIR, 'invalid'), config: false, patterns: [file], locale });
  expect(report.summary.files).toBe(1);
  return report.files.flatMap((f) => f.diagnostics).map(({ ruleId, messageId, line, column, path, data, message }) => ({ ruleId, messageId, line, column, path, data, message }));
}

describe('schema: lists.md additions', () => {
  it('a file using every new field and list has no diagnostic at all', async () => {
    const report = await lint({ cwd: join(DIR, 'valid'), config: false });
    expect(report.summary).toEqual({ files: 1, regions: 1, items: 4, errors: 0, warnings: 0, infos: 0 });
  });

  it('an unknown key in a decision entry', async () => {
    expect(await diagnostics('unknown-key.yaml')).toEqual([
      {
        ruleId: 'schema',
        messageId: 'additionalProperties',
        line: 10,
        column: 9,
        path: ['decisions', 0, 'entries', 0, 'remark'],
        data: { property: 'remark', parentTitle: '决定条目', known: ['action', 'code', 'name', 'to', 'newName', 'newType', 'newCode', 'department', 'basis', 'measures', 'note'] },
        message: '决定条目中有未知字段「remark」（可用字段：action、code、name、to、newName、newType、newCode、department、basis、measures、note）',
      },
    ]);
  });

  it('下放 without `to`: one diagnostic naming the condition', async () => {
    const data = { property: 'to', title: '接收层级', parentTitle: '决定条目', condition: 'action', conditionTitle: '处理方式', conditionValue: '下放' };
    const at = { ruleId: 'schema', messageId: 'requiredWhen', line: 10, column: 9, path: ['decisions', 0, 'entries', 1], data };
    expect(await diagnostics('delegate-without-to.yaml')).toEqual([{ ...at, message: '决定条目的「处理方式」(action) 为「下放」时须填写「接收层级」(to)' }]);
    expect(await diagnostics('delegate-without-to.yaml', 'en')).toEqual([{ ...at, message: '决定条目: "to" (接收层级) is required when "action" (处理方式) is "下放"' }]);
  });

  it('调整 without newName, newType or newCode: one diagnostic, not one per alternative', async () => {
    const data = { properties: ['newName', 'newType', 'newCode'], titles: ['新名称', '新事项类型', '新事项编码'], parentTitle: '决定条目', condition: 'action', conditionTitle: '处理方式', conditionValue: '调整' };
    const at = { ruleId: 'schema', messageId: 'requiredAnyWhen', line: 8, column: 9, path: ['decisions', 0, 'entries', 0], data };
    expect(await diagnostics('adjust-without-new.yaml')).toEqual([{ ...at, message: '决定条目的「处理方式」(action) 为「调整」时须至少填写以下字段之一：新名称、新事项类型、新事项编码（newName、newType、newCode）' }]);
    expect(await diagnostics('adjust-without-new.yaml', 'en')).toEqual([
      { ...at, message: '决定条目: at least one of newName, newType, newCode (新名称, 新事项类型, 新事项编码) is required when "action" (处理方式) is "调整"' },
    ]);
  });

  it('dates: YYYY-MM-DD and a real calendar day (an unquoted date is a string in YAML 1.2)', async () => {
    expect(await diagnostics('bad-date.yaml')).toEqual([
      {
        ruleId: 'schema',
        messageId: 'date',
        line: 6,
        column: 11,
        path: ['decisions', 0, 'date'],
        data: { property: 'date', title: '印发日期', value: '2015/12/25' },
        message: '「印发日期」(date) 应为 YYYY-MM-DD 格式的实际日期，实为「2015/12/25」',
      },
      {
        ruleId: 'schema',
        messageId: 'date',
        line: 10,
        column: 16,
        path: ['decisions', 1, 'effective'],
        data: { property: 'effective', title: '施行日期', value: '2015-02-29' },
        message: '「施行日期」(effective) 应为 YYYY-MM-DD 格式的实际日期，实为「2015-02-29」',
      },
    ]);
    expect(['2016-02-29', '2000-02-29', '2015-12-31', '2015-04-30'].filter(isCalendarDate)).toHaveLength(4);
    expect(['1900-02-29', '2015-02-29', '2015-04-31', '2015-13-01', '2015-00-10', '2015-01-00', '2015-1-01', ' 2015-01-01'].filter(isCalendarDate)).toEqual([]);
  });

  it('an unknown powerSource', async () => {
    expect(await diagnostics('bad-power-source.yaml')).toEqual([
      {
        ruleId: 'schema',
        messageId: 'enum',
        line: 10,
        column: 18,
        path: ['items', 0, 'powerSource'],
        data: { property: 'powerSource', title: '权力来源', value: '上级下发', allowed: ['法定本级行使', '上级下放', '上级授权', '同级授权', '上级委托', '同级委托'] },
        message: '「权力来源」(powerSource) 的值「上级下发」无效，可选：法定本级行使、上级下放、上级授权、同级授权、上级委托、同级委托',
      },
    ]);
  });

  it('empty responsibility duties', async () => {
    expect(await diagnostics('empty-duties.yaml')).toEqual([
      {
        ruleId: 'schema',
        messageId: 'minItems',
        line: 11,
        column: 7,
        path: ['items', 0, 'responsibility', 'duties'],
        data: { property: 'duties', title: '责任事项', limit: 1 },
        message: '「责任事项」(duties) 不应少于 1 个项',
      },
    ]);
  });

  it('a number as docNo', async () => {
    expect(await diagnostics('number-doc-no.yaml')).toEqual([
      {
        ruleId: 'schema',
        messageId: 'type',
        line: 5,
        column: 12,
        path: ['decisions', 0, 'docNo'],
        data: { property: 'docNo', title: '文号', expected: 'string', actual: 'number' },
        message: '「文号」(docNo) 应为 string，实为 number',
      },
    ]);
  });

  it('an unquoted newCode gets the quoting hint', async () => {
    expect(await diagnostics('unquoted-new-code.yaml')).toEqual([
      {
        ruleId: 'schema',
        messageId: 'quoteCode',
        line: 8,
        column: 46,
        path: ['decisions', 0, 'entries', 0, 'newCode'],
        data: { property: 'newCode', title: '新事项编码', expected: 'string', actual: 'number', value: '122001001' },
        message: '「新事项编码」(newCode) 应为加引号的字符串："122001001"（不加引号会被当作数字，丢失前导零）',
      },
    ]);
  });

  it('every property of the schema has a Chinese title and description (editor hovers)', () => {
    const missing: string[] = [];
    const visit = (node: unknown, at: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const [key, sub] of Object.entries((n.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (!/[\u4e00-\u9fff]/.test(String(sub.title ?? '')) || typeof sub.description !== 'string' || sub.description === '') missing.push(`${at}/${key}`);
        visit(sub, `${at}/${key}`);
      }
      if (n.items) visit(n.items, `${at}[]`);
    };
    visit(schema, '');
    expect(missing).toEqual([]);
    const top = Object.keys(schema.properties as object);
    expect(top).toEqual(['region', 'department', 'system', 'items', 'decisions', 'intermediaryCatalog', 'feeCatalog']);
    expect(((schema.required as string[]) ?? []).sort()).toEqual(['items', 'region']);
  });
});
