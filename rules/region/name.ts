import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { defineRule, isRegionCode, levelOfCode, normalize, regionName, regionTableYear } from '../../src/rule-api/index.js';

interface Options {
  allowSuffix: boolean;
  table?: string;
}

/** A user table: `code<TAB>name` per line; blank lines and `#` comments skipped. */
type Loaded = { names: Map<string, string> } | { error: string } | { line: number };

/** Tables read once per run: the options object is the run's (one per override group). */
const loadedTables = new WeakMap<object, Loaded>();

function loadTable(path: string, cwd: string): Loaded {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code ?? 'EIO' };
  }
  const names = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const tab = line.indexOf('\t');
    const code = tab < 0 ? '' : line.slice(0, tab).trim();
    const name = tab < 0 ? '' : line.slice(tab + 1).trim();
    if (!isRegionCode(code) || name === '') return { line: i + 1 };
    names.set(code, name);
  }
  return { names };
}

/** `region.name` is the table's name of `region.code` (GB/T 2260; for streets the statistics office's). */
export default defineRule<Options>({
  id: 'region/name',
  description: { 'zh-CN': '区划名称与区划代码表一致（GB/T 2260 及统计用区划代码）', en: 'Region name matches the region code table (GB/T 2260, statistical codes)' },
  severity: 'warning',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      allowSuffix: { type: 'boolean', description: '忽略名称末尾的“办事处” / ignore a trailing 办事处' },
      table: { type: 'string', minLength: 1, description: '替换内置代码表的文件（每行 代码<TAB>名称），相对于运行目录 / a code<TAB>name file replacing the built-in table, relative to the working directory' },
    },
  },
  defaultOptions: { allowSuffix: true },
  messages: {
    'zh-CN': {
      differs: '区划名称「{actual}」与代码 {code} 在 {year} 年区划代码表中的名称「{expected}」不一致',
      differsTable: '区划名称「{actual}」与代码 {code} 在区划代码表 {table} 中的名称「{expected}」不一致',
      unknownCode: '{year} 年区划代码表中没有代码 {code}，未核对名称「{actual}」',
      unknownCodeTable: '区划代码表 {table} 中没有代码 {code}，未核对名称「{actual}」',
      tableUnreadable: '区划代码表 {table} 无法读取（{reason}），未核对区划名称',
      tableMalformed: '区划代码表 {table} 第 {line} 行不是「代码<TAB>名称」，未核对区划名称',
    },
    en: {
      differs: 'Region name "{actual}" differs from "{expected}", the name of code {code} in the {year} region code table',
      differsTable: 'Region name "{actual}" differs from "{expected}", the name of code {code} in the region code table {table}',
      unknownCode: 'The {year} region code table has no code {code}; the name "{actual}" was not checked',
      unknownCodeTable: 'The region code table {table} has no code {code}; the name "{actual}" was not checked',
      tableUnreadable: 'The region code table {table} cannot be read ({reason}); region names were not checked',
      tableMalformed: 'Line {line} of the region code table {table} is not "code<TAB>name"; region names were not checked',
    },
  },
  file(file, context) {
    const region = file.header?.region;
    // A malformed code or name is region/code's or the schema's finding.
    if (!region || !isRegionCode(region.code) || !levelOfCode(region.code) || typeof region.name !== 'string') return;
    const { allowSuffix, table } = context.options;
    let expected: string | undefined;
    if (table !== undefined) {
      let loaded = loadedTables.get(context.options);
      if (!loaded) loadedTables.set(context.options, (loaded = loadTable(table, context.cwd)));
      if ('error' in loaded) {
        context.report({ messageId: 'tableUnreadable', path: ['region', 'name'], data: { table: basename(table), reason: loaded.error } });
        return;
      }
      if ('line' in loaded) {
        context.report({ messageId: 'tableMalformed', path: ['region', 'name'], data: { table: basename(table), line: loaded.line } });
        return;
      }
      expected = loaded.names.get(region.code);
    } else {
      expected = regionName(region.code);
    }
    const source = table !== undefined ? { table: basename(table) } : { year: regionTableYear };
    if (expected === undefined) {
      context.report({ messageId: table !== undefined ? 'unknownCodeTable' : 'unknownCode', path: ['region', 'name'], severity: 'info', data: { code: region.code, actual: region.name, ...source } });
      return;
    }
    const comparable = (name: string) => {
      const n = normalize(name);
      return allowSuffix && n.endsWith('办事处') && n.length > 3 ? n.slice(0, -3) : n;
    };
    if (comparable(region.name) === comparable(expected)) return;
    context.report({ messageId: table !== undefined ? 'differsTable' : 'differs', path: ['region', 'name'], data: { code: region.code, actual: region.name, expected, ...source } });
  },
});
