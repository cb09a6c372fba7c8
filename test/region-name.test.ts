/**
 * region/name options that a marked fixture cannot show: `table` (a user's code<TAB>name file,
 * resolved against the working directory) and `allowSuffix: false`.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli } from './helpers.js';
import { lint } from '../src/api.js';

function dataset(rule: string, table?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'qdl-region-name-'));
  cpSync(join(ROOT, 'test', 'fixtures', 'rules', 'region-name'), dir, { recursive: true, filter: (src) => !src.endsWith('expected.json') });
  writeFileSync(join(dir, 'qingdan-lint.config.yaml'), `rules:\n  region/name: ${rule}\n`);
  if (table !== undefined) writeFileSync(join(dir, 'regions.tsv'), table);
  return dir;
}

function findings(dir: string, locale = 'zh-CN') {
  const r = cli(['.', '-f', 'json', '--locale', locale], { cwd: dir });
  const report = JSON.parse(r.stdout) as { files: { file: string; diagnostics: { ruleId: string; messageId: string; severity: string; line: number; message: string }[] }[] };
  return { code: r.code, found: report.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === 'region/name').map((d) => `${f.file}:${d.line} ${d.messageId} ${d.severity} ${d.message}`)) };
}

describe('region/name options', () => {
  it('table replaces the built-in table; a code it lacks is info', () => {
    const table = '\uFEFF# 本地区划代码表\n350000\t福建省\n350500\t泉州市\r\n350502\t鲤城区\n350503\t丰泽县\n350502001\t海滨街道\n350502002\t临江街道\n350502003\t鲤中镇\n';
    const { code, found } = findings(dataset('[warning, { table: regions.tsv }]', table));
    expect(found).toEqual(['350502009/综合.yaml:4 unknownCodeTable info 区划代码表 regions.tsv 中没有代码 350502009，未核对名称「新华街道」']);
    expect(code).toBe(0);
    const dir = dataset('[warning, { table: regions.tsv }]', table.replace('350503\t丰泽县', '350503\t丰泽区'));
    expect(findings(dir, 'en').found).toEqual([
      '350502009/综合.yaml:4 unknownCodeTable info The region code table regions.tsv has no code 350502009; the name "新华街道" was not checked',
      '350503/市场监管.yaml:4 differsTable warning Region name "丰泽县" differs from "丰泽区", the name of code 350503 in the region code table regions.tsv',
    ]);
  });

  it('a table that cannot be read or parsed is a finding on every file, never a silent pass', () => {
    const missing = findings(dataset('[warning, { table: nope.tsv }]'));
    expect(missing.found).toHaveLength(8);
    expect(missing.found[0]).toBe('350000/市场监管.yaml:4 tableUnreadable warning 区划代码表 nope.tsv 无法读取（ENOENT），未核对区划名称');
    expect(missing.code).toBe(0);
    const bad = findings(dataset('[error, { table: regions.tsv }]', '350000\t福建省\n350500 泉州市\n'));
    expect(bad.found).toHaveLength(8);
    expect(bad.found[0]).toBe('350000/市场监管.yaml:4 tableMalformed error 区划代码表 regions.tsv 第 2 行不是「代码<TAB>名称」，未核对区划名称');
    expect(bad.code).toBe(1);
  });

  it('the library resolves table against its cwd option, not the process directory', async () => {
    const dir = dataset('[warning, { table: regions.tsv }]', '350000\t福建省\n350500\t泉州市\n350502\t鲤城区\n350503\t丰泽区\n');
    expect(process.cwd()).not.toBe(dir);
    const report = await lint({ cwd: dir });
    const found = report.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === 'region/name').map((d) => `${f.file}:${d.line} ${d.messageId}`));
    expect(found).toContain('350503/市场监管.yaml:4 differsTable');
    expect(found.some((f) => f.includes('tableUnreadable'))).toBe(false);
  });

  it('allowSuffix: false compares a trailing 办事处 too', () => {
    const { found } = findings(dataset('[warning, { allowSuffix: false }]'));
    expect(found).toContain('350502001/综合.yaml:4 differs warning 区划名称「海滨街道办事处」与代码 350502001 在 2023 年区划代码表中的名称「海滨街道」不一致');
    expect(found).toHaveLength(4);
  });
});
