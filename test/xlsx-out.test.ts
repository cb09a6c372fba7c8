/**
 * `--format xlsx -o F`: the workbook read back with an independent reader (read-excel-file):
 * sheet 问题清单 has one row per diagnostic in report order, sheet 统计 the statistics; an
 * autofilter and a frozen header on both (checked in the sheets' XML). Also: several formats in
 * one run, each with its own output file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import readExcelFile from 'read-excel-file/node';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { stats } from '../src/stats/index.js';
import type { Report } from '../src/types.js';
import { ROOT, cli } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'qingdan-xlsx-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** One entry of a zip archive (stored or deflated), found through the central directory. */
function zipEntry(zip: Buffer, name: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  const count = zip.readUInt16LE(end + 10);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entry = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error(`${name} not in the archive`);
}

function jsonOf(args: string[]): Report {
  const r = cli([...args, '-f', 'json'], { cwd: ROOT });
  expect(r.code).toBe(1);
  return JSON.parse(r.stdout) as Report;
}

const EXAMPLE = 'examples/fujian-with-errors';

describe('--format xlsx', () => {
  it('问题清单: one row per diagnostic in report order; 统计: one row per group and the total', async () => {
    const out = join(tmp, 'findings.xlsx');
    const r = cli([EXAMPLE, '-f', 'xlsx', '-o', out], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const json = jsonOf([EXAMPLE]);
    const sheets = await readExcelFile(out);
    expect(sheets.map((s) => s.sheet)).toEqual(['问题清单', '统计']);
    const [findings, statistics] = sheets.map((s) => s.data);
    expect(findings[0]).toEqual(['区划代码', '区划', '部门', '事项编码', '事项名称', '规则', '严重程度', '问题', '上级清单', '本级清单', '文件', '行', '列']);
    const all = json.files.flatMap((f) => f.diagnostics);
    expect(findings).toHaveLength(all.length + 1);
    all.forEach((d, i) => {
      type Doc = { region?: { name: string }; department?: { name: string }; items?: { code: unknown; name: string }[] };
      let doc: Doc = {};
      try {
        doc = parse(readFileSync(join(ROOT, d.file), 'utf8')) as Doc;
      } catch {
        // a file that is not YAML: no names to show
      }
      const item = doc.items?.find((it) => it.code === d.itemCode);
      const row = findings[i + 1];
      const upper = d.related?.some((rel) => rel.region !== d.region);
      const expected = upper && typeof d.data.expected === 'string' ? d.data.expected : null;
      const actual = upper && typeof d.data.actual === 'string' ? d.data.actual : null;
      expect(row[0]).toBe(d.region);
      expect(row[1]).toBe(doc.region?.name ?? null);
      expect(row[2]).toBe(doc.department?.name ?? null);
      expect(row[3]).toBe(d.itemCode ?? null);
      expect(row[4]).toBe(item?.name ?? null);
      expect(row.slice(5, 8)).toEqual([d.ruleId, { error: '错误', warning: '警告', info: '提示' }[d.severity], d.message]);
      if (expected !== null || !upper) expect(row[8]).toBe(expected);
      if (actual !== null || !upper) expect(row[9]).toBe(actual);
      expect(row.slice(10)).toEqual([d.file, d.line, d.column]);
    });
    // A compared text: the upper level's and this level's values.
    const renamed = all.findIndex((d) => d.ruleId === 'consistency/name');
    expect(findings[renamed + 1].slice(8, 10)).toEqual([all[renamed].data.expected, all[renamed].data.actual]);
    // Numbers with their unit; a finding within one file (schema) has no upper level's value.
    const time = all.findIndex((d) => d.ruleId === 'consistency/time-limit');
    expect(findings[time + 1].slice(8, 10)).toEqual([`${all[time].data.expected}${all[time].data.unit}`, `${all[time].data.actual}${all[time].data.unit}`]);
    const schema = all.findIndex((d) => d.ruleId === 'schema');
    expect(findings[schema + 1].slice(8, 10)).toEqual([null, null]);

    const s = await stats({ cwd: ROOT, config: false, patterns: [EXAMPLE] });
    expect(statistics).toHaveLength(s.groups.length + 2);
    expect(statistics[0].slice(0, 3)).toEqual(['区划代码', '区划', '事项数']);
    const at = (label: string) => statistics[0].indexOf(label);
    s.groups.forEach((g, i) => {
      expect(statistics[i + 1].slice(0, 3)).toEqual([g.key.region, g.key.name, g.items.total]);
      expect(statistics[i + 1][at('五个一致率')]).toBe(g.consistency.allFive?.rate ?? null);
      expect(statistics[i + 1][at('即办率')]).toBe(g.timeLimits.immediateRate);
    });
    expect(statistics.at(-1)!.slice(0, 3)).toEqual(['合计', null, s.total.items.total]);

    // Autofilter over each sheet's used range and a frozen header row.
    const zip = readFileSync(out);
    const sheet1 = zipEntry(zip, 'xl/worksheets/sheet1.xml');
    expect(sheet1).toContain(`<autoFilter ref="A1:M${all.length + 1}"/>`);
    expect(sheet1).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(zipEntry(zip, 'xl/worksheets/sheet2.xml')).toMatch(/<autoFilter ref="A1:[A-Z]+\d+"\/>/);
    const workbook = zipEntry(zip, 'xl/workbook.xml');
    expect(workbook).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">&apos;问题清单&apos;!$A$1:$M$${all.length + 1}</definedName>`);
    // One <definedNames> element, as the format requires.
    expect(workbook.match(/<definedNames[\s/>]/g)).toHaveLength(1);
  });

  it('--locale en: sheets Findings and Statistics, English headers and severities', async () => {
    const out = join(tmp, 'en.xlsx');
    expect(cli([EXAMPLE, '-f', 'xlsx', '-o', out, '--locale', 'en'], { cwd: ROOT }).code).toBe(1);
    const sheets = await readExcelFile(out);
    expect(sheets.map((s) => s.sheet)).toEqual(['Findings', 'Statistics']);
    expect(sheets[0].data[0]).toEqual(['Region code', 'Region', 'Department', 'Item code', 'Item name', 'Rule', 'Severity', 'Message', 'Upper level', 'This level', 'File', 'Line', 'Column']);
    expect(sheets[0].data[1][6]).toBe('error');
    expect(sheets[1].data.at(-1)![0]).toBe('Total');
  });

  it('without -o it refuses: a workbook is not terminal output (exit 2)', () => {
    const r = cli([EXAMPLE, '-f', 'xlsx'], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('qingdan-lint: --format xlsx 生成的是工作簿，不能输出到终端：请用 --output-file 指定文件 / --format xlsx needs --output-file FILE.xlsx\n');
  });

  it('stats --format xlsx -o F writes the statistics alone', async () => {
    const out = join(tmp, 'stats.xlsx');
    expect(cli(['stats', EXAMPLE, '-f', 'xlsx', '-o', out, '--group-by', 'department'], { cwd: ROOT }).code).toBe(0);
    const sheets = await readExcelFile(out);
    expect(sheets.map((s) => s.sheet)).toEqual(['统计']);
    const s = await stats({ cwd: ROOT, config: false, patterns: [EXAMPLE], groupBy: 'department' });
    expect(sheets[0].data.map((row) => row.slice(0, 4))).toEqual([
      ['区划代码', '区划', '部门', '事项数'],
      ...s.groups.map((g) => [g.key.region, g.key.name, g.key.department ?? null, g.items.total]),
      ['合计', null, null, s.total.items.total],
    ]);
  });
});

describe('several formats in one run', () => {
  it('-f json -o F -f xlsx -o G -f github: lints once, writes each, one format on standard output', async () => {
    const r = cli([EXAMPLE, '-f', 'json', '-o', join(tmp, 'multi.json'), '-f', 'xlsx', '-o', join(tmp, 'multi.xlsx'), '-f', 'github'], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(cli([EXAMPLE, '-f', 'github'], { cwd: ROOT }).stdout);
    expect(readFileSync(join(tmp, 'multi.json'), 'utf8')).toBe(cli([EXAMPLE, '-f', 'json'], { cwd: ROOT }).stdout);
    const sheets = await readExcelFile(join(tmp, 'multi.xlsx'));
    expect(sheets[0].data).toHaveLength(jsonOf([EXAMPLE]).files.flatMap((f) => f.diagnostics).length + 1);
  });

  it('refuses two formats on standard output, and an output file before any format (exit 2)', () => {
    const two = cli([EXAMPLE, '-f', 'json', '-f', 'github'], { cwd: ROOT });
    expect(two.code).toBe(2);
    expect(two.stderr).toBe('qingdan-lint: only one format can go to standard output, but json, github have no --output-file\n');
    const before = cli([EXAMPLE, '-o', join(tmp, 'x.json'), '-f', 'json', '-f', 'sarif', '-o', join(tmp, 'y.sarif')], { cwd: ROOT });
    expect(before.code).toBe(2);
    expect(before.stderr).toMatch(/^qingdan-lint: --output-file .*x\.json comes before any --format/);
  });

  it('one --format keeps its --output-file wherever it is given', () => {
    const out = join(tmp, 'single.json');
    expect(cli([EXAMPLE, '-o', out, '-f', 'json'], { cwd: ROOT }).code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(cli([EXAMPLE, '-f', 'json'], { cwd: ROOT }).stdout);
  });
});
