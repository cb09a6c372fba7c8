/**
 * `qingdan-lint import` (reports.md, "Excel in"): test workbooks in the layouts of real
 * published lists (test/fixtures/xlsx/generate.mjs), each imported and compared exactly with
 * its expected files, and the imported files linted.
 * UPDATE_IMPORT=1 rewrites the expected files (review the diff before committing).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import AjvModule from 'ajv';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { importWorkbooks, ImportError, type ImportOptions } from '../src/import/index.js';
import { readWorkbook } from '../src/import/read.js';
import { exportWorkbook, writeTemplate } from '../src/import/workbook.js';
import { ROOT, cli } from './helpers.js';

const FIX = join(ROOT, 'test', 'fixtures', 'xlsx');
const SCHEMA = join(ROOT, 'schemas', 'checklist.schema.json');
const tmp = mkdtempSync(join(tmpdir(), 'qingdan-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(tmp, `out${++n}`);

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

const MODELINE = /^# yaml-language-server: \$schema=(.*)\n/;

/** The modeline must point at the package's schema from where the file is; the rest compared exactly. */
function body(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.yaml')) return text;
  const m = MODELINE.exec(text);
  expect(m, `${file} starts with the schema modeline`).not.toBeNull();
  expect(resolve(dirname(file), m![1])).toBe(SCHEMA);
  return text.slice(m![0].length);
}

const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as new (o: object) => { compile: (s: object) => ((d: unknown) => boolean) & { errors?: unknown } };
const validateReport = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'import-report.schema.json'), 'utf8')));

interface Case {
  name: string;
  files: string[];
  options?: Partial<ImportOptions>;
  exitCode: number;
  /** The workbook is complete: the imported files lint cleanly. */
  clean: boolean;
}

const CASES: Case[] = [
  { name: 'one-row-per-item', files: ['鲤城区卫健清单.xlsx'], options: { region: '350502', map: 'mapping.yaml' }, exitCode: 0, clean: true },
  { name: 'item-and-materials', files: ['泉州市场监管实施清单.xlsx'], exitCode: 1, clean: true },
  { name: 'merged-rows', files: ['丰泽区卫健实施清单.xlsx'], options: { region: '350503' }, exitCode: 0, clean: true },
  { name: 'numbers-as-text', files: ['编码为数字.xlsx'], options: { region: '350502' }, exitCode: 1, clean: false },
  // a 权责清单 has no materials, steps or time limits: the schema reports what it lacks
  { name: 'power-list', files: ['鲤城区市场监管权责清单.xlsx'], options: { region: '350502' }, exitCode: 0, clean: false },
];

describe('import: test workbooks in the layouts of published lists', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const dir = join(FIX, c.name);
      const expected = join(dir, 'expected');
      if (process.env.UPDATE_IMPORT) {
        rmSync(expected, { recursive: true, force: true });
        await importWorkbooks({ files: c.files, outDir: 'expected', cwd: dir, ...c.options });
      }
      const out = fresh();
      const result = await importWorkbooks({ files: c.files, outDir: out, cwd: dir, ...c.options });
      expect(result.exitCode).toBe(c.exitCode);
      expect(listFiles(out)).toEqual(listFiles(expected));
      for (const f of listFiles(expected)) expect(body(join(out, f)), f).toBe(body(join(expected, f)));
      const report = JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8'));
      expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
      expect(report).toEqual(result.report);
      if (c.clean) {
        const lintReport = await lint({ cwd: out, patterns: ['.'], config: false });
        expect(lintReport.files.flatMap((f) => f.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.message}`))).toEqual([]);
        expect(lintReport.summary.files).toBe(report.written.length);
      }
    });
  }

  it('one row per item: numbered multi-line cells, steps with roles, 日 as 自然日, a value not understood kept as a comment', () => {
    const text = readFileSync(join(FIX, 'one-row-per-item', 'expected', '350502', '泉州市鲤城区卫生健康局.yaml'), 'utf8');
    const doc = parse(text);
    const [first, second] = doc.items;
    expect(first.materials.map((m: { name: string }) => m.name)).toEqual(['医疗机构执业登记申请书', '营业执照复印件', '房屋产权证明或使用证明', '医疗机构用房平面布局图']);
    expect(first.steps).toEqual([
      { name: '受理', role: '科员' },
      { name: '审查', role: '科员' },
      { name: '核准', role: '股长' },
      { name: '发证', role: '窗口' },
    ]);
    expect(first.timeLimit).toEqual({ statutory: { value: 45, unit: '自然日' }, promised: { value: 20, unit: '工作日' } });
    expect(first.type).toBe('行政许可'); // GB/T 39046 code 01
    expect(second.type).toBe('行政许可'); // XK
    expect(second.timeLimit).toEqual({ promised: { value: 0, unit: '工作日' } }); // 即办; 三个月 not understood
    expect(text).toContain('  # 未能识别：法定办结时限“三个月”（事项清单!H4）\n  - code: "000117006000"');
    expect(text).toContain('  # 来源：鲤城区卫健清单.xlsx 事项清单!A3\n');
    expect(second.reviewRules).toBeUndefined(); // "—"
  });

  it('the import report lists unmapped columns, problems with their cells, and the fields no column provided', () => {
    const report = JSON.parse(readFileSync(join(FIX, 'item-and-materials', 'expected', 'import-report.json'), 'utf8'));
    expect(report.unmapped).toEqual([{ file: '泉州市场监管实施清单.xlsx', sheet: '申请材料', column: 'H', header: '填报须知' }]);
    expect(report.problems.map((p: { sheet: string; cell: string; messageId: string }) => `${p.sheet}!${p.cell} ${p.messageId}`)).toEqual(['申请材料!A7 unjoined']);
    expect(report.missingFields).toEqual(['reviewMode', 'materials.medium']);
    const numbers = JSON.parse(readFileSync(join(FIX, 'numbers-as-text', 'expected', 'import-report.json'), 'utf8'));
    expect(numbers.problems.map((p: { cell: string; messageId: string; severity: string }) => `${p.cell} ${p.severity} ${p.messageId}`)).toEqual(['A2 error codeIsNumber', 'D4 error codeIsNumber']);
    expect(numbers.problems[0].message).toContain('122001000');
  });
});

describe('import: files that cannot be read', () => {
  const bad = join(FIX, 'bad-files');
  it.each([
    ['旧格式.xls', /旧格式\.xls: 这是旧版 Excel 97-2003 \(\.xls\) 格式，无法读取；请在 Excel 中“另存为” Excel 工作簿 \(\.xlsx\) 后再导入/],
    ['加密.xlsx', /加密\.xlsx: 工作簿设有打开密码（已加密），无法读取/],
    ['损坏.xlsx', /损坏\.xlsx: 不是有效的 \.xlsx 工作簿，文件可能已损坏/],
  ])('%s: a one-line error, exit 2, nothing written', (file, message) => {
    const out = fresh();
    // a readable workbook first: nothing is written unless every workbook could be read
    const r = cli(['import', '其实是xlsx.xls', file, '--out', out, '--region', '350502'], { cwd: bad });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat \w+ \(/); // no stack trace
    expect(existsSync(out)).toBe(false);
  });

  it('an .xlsx named .xls is read', async () => {
    const out = fresh();
    const r = await importWorkbooks({ files: ['其实是xlsx.xls'], outDir: out, cwd: bad, region: '350502' });
    expect(r.exitCode).toBe(0);
    expect(r.report.written).toEqual(['350502/其实是xlsx.yaml']);
    expect(parse(readFileSync(join(out, '350502', '其实是xlsx.yaml'), 'utf8')).items[0].name).toBe('食品生产许可');
  });

  it('English messages with --locale en', () => {
    const r = cli(['import', '旧格式.xls', '--out', fresh(), '--locale', 'en'], { cwd: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qingdan-lint import: 旧格式.xls: this is the old Excel 97-2003 (.xls) format; open it in Excel, "Save As" Excel Workbook (.xlsx) and import that\n');
  });
});

describe('import: the command line', () => {
  const dir = join(FIX, 'merged-rows');
  it('exit codes, no overwrite without --force, --force replaces', () => {
    const out = fresh();
    const args = ['import', '丰泽区卫健实施清单.xlsx', '--out', out, '--region', '350503'];
    const first = cli(args, { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('丰泽区卫健实施清单.xlsx!实施清单!F8  警告  续行中“承诺办结时限”的值“5个工作日”与事项首行不同，已忽略  (continuationDiffers)\n');
    const file = join(out, '350503', '丰泽区卫健实施清单.yaml');
    writeFileSync(file, '# edited by hand\n');
    const again = cli(args, { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^qingdan-lint import: .*350503\/丰泽区卫健实施清单\.yaml 已存在；未写入任何文件，使用 --force 覆盖\n$/);
    expect(readFileSync(file, 'utf8')).toBe('# edited by hand\n');
    const forced = cli([...args, '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(body(file)).toBe(body(join(dir, 'expected', '350503', '丰泽区卫健实施清单.yaml')));
  });

  it('nothing importable is exit 2; a missing --out is a usage error', () => {
    const out = fresh();
    const none = cli(['import', '编码为数字.xlsx', '--out', out], { cwd: join(FIX, 'numbers-as-text') });
    // no 区划代码 column and no --region: no row can be imported
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('编码为数字.xlsx!事项!A2  错误  “事项编码”存为数字');
    expect(none.stdout).toContain('编码为数字.xlsx!事项!A3  错误  没有区划代码：请增加“区划代码”列或使用 --region，该行未导入  (noRegion)');
    const usage = cli(['import', '编码为数字.xlsx'], { cwd: join(FIX, 'numbers-as-text') });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('qingdan-lint import: --out DIR is required (the folder the YAML files are written to)\n');
  });

  it('--template writes the recommended layout, which imports back to its example and lints clean', async () => {
    const out = fresh();
    mkdirSync(out);
    const r = cli(['import', '--template', join(out, '清单模板.xlsx')]);
    expect(r.code).toBe(0);
    const wb = await readWorkbook(join(out, '清单模板.xlsx'));
    expect(wb.sheets.map((s) => s.name)).toEqual(['事项', '材料']);
    expect(wb.sheets[0].rows[0]).toEqual(['区划代码', '区划名称', '实施主体', '统一社会信用代码', '所属系统', '事项编码', '实施编码', '事项名称', '事项类型', '设定依据', '行使层级', '审批模式', '法定办结时限', '承诺办结时限', '办理流程', '审查标准']);
    expect(wb.sheets[1].rows[0]).toEqual(['事项编码', '事项名称', '材料名称', '材料形式', '材料介质', '份数', '是否必要', '来源渠道']);
    expect(cli(['import', '--template', join(out, '清单模板.xlsx')]).code).toBe(2); // exists
    const result = await importWorkbooks({ files: [join(out, '清单模板.xlsx')], outDir: join(out, 'yaml') });
    expect(result.exitCode).toBe(0);
    const lintReport = await lint({ cwd: join(out, 'yaml'), patterns: ['.'], config: false });
    expect(lintReport.summary.errors + lintReport.summary.warnings).toBe(0);
  });

  it('a --map with an unknown field is a one-line error', async () => {
    await expect(importWorkbooks({ files: ['丰泽区卫健实施清单.xlsx'], outDir: fresh(), cwd: dir, map: { columns: { 备注: 'remark' as never } } })).rejects.toThrow(ImportError);
  });
});

/** An item with only the fields of format.md: the ones the exported workbook carries (not lists.md's). */
function formatFields(item: Record<string, unknown>): Record<string, unknown> {
  const { powerSource: _p, entrustedBy: _e, decisionRefs: _d, prerequisites: _q, intermediaries: _i, fees: _f, responsibility: _r, ...rest } = item;
  return rest;
}

describe('import: round trip of examples/fujian', () => {
  it('exported into the template layout and imported, every file gives the same items, and the set lints clean', async () => {
    const src = join(ROOT, 'examples', 'fujian');
    const work = fresh();
    mkdirSync(work, { recursive: true });
    const originals: Record<string, unknown>[] = [];
    const books: string[] = [];
    const kept: string[] = [];
    for (const f of listFiles(src).filter((f) => f.endsWith('.yaml'))) {
      const doc = parse(readFileSync(join(src, f), 'utf8')) as Record<string, unknown>;
      // The province's decision and catalog files hold no items: the item template has nothing of them.
      if ((doc.items as unknown[]).length === 0) {
        kept.push(f);
        continue;
      }
      originals.push(doc);
      const book = join(work, `${f.replace(/[/.]/g, '-')}.xlsx`);
      writeFileSync(book, await exportWorkbook(doc));
      books.push(book);
    }
    const out = join(work, 'yaml');
    const result = await importWorkbooks({ files: books, outDir: out });
    expect(result.report.problems).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.report.written).toHaveLength(originals.length);
    for (const doc of originals) {
      const region = doc.region as { code: string };
      const dept = doc.department as { name: string };
      const imported = parse(readFileSync(join(out, region.code, `${dept.name}.yaml`), 'utf8'));
      expect(imported.region).toEqual(doc.region);
      expect(imported.department).toEqual(doc.department);
      expect(imported.system).toEqual(doc.system);
      expect(imported.items).toEqual((doc.items as Record<string, unknown>[]).map(formatFields));
    }
    // The decision joins them (the city and the districts list the item it delegates); the catalogs
    // do not: the imported items have no intermediaries (intermediary/catalog-link would speak).
    expect(kept).toEqual(['350000/决定.yaml', '350000/目录.yaml']);
    cpSync(join(src, '350000/决定.yaml'), join(out, '350000/决定.yaml'));
    const lintReport = await lint({ cwd: out, patterns: ['.'], config: false });
    expect(lintReport.files.flatMap((f) => f.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`))).toEqual([]);
  });
});

describe('import: more layouts (workbooks written by the test)', () => {
  const T = (value: string) => ({ value, type: String, format: '@' });

  it('section headings between items, two columns for one field (the leftmost wins), --map replace', async () => {
    const { default: writeXlsxFile } = await import('write-excel-file/node');
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    const rows = [
      [T('序号'), T('事项名称'), T('事项编码'), T('事项类型'), T('承诺时限'), T('事项名称（简称）'), T('申请材料')],
      [{ value: '一、行政许可', columnSpan: 7 }, null, null, null, null, null, null],
      [T('1'), T('食品生产许可'), T('000122002000'), T('行政许可'), T('15个工作日'), T('食品生产'), T('申请书')],
      [null, null, null, null, null, null, T('营业执照复印件')],
      [{ value: '二、公共服务', columnSpan: 7 }, null, null, null, null, null, null],
      [null, null, null, null, null, null, T('不应接到上一事项的材料')],
      [T('1'), T('食品安全咨询'), T('000222002000'), T('公共服务'), T('即办'), T('咨询'), null],
    ];
    await (writeXlsxFile as unknown as (d: unknown, o: unknown) => { toFile: (p: string) => Promise<void> })(rows, { sheet: '清单' }).toFile(join(dir, '清单.xlsx'));
    const out = join(dir, 'out');
    const result = await importWorkbooks({ files: ['清单.xlsx'], outDir: out, cwd: dir, region: '350502' });
    expect(result.report.unmapped).toEqual([{ file: '清单.xlsx', sheet: '清单', column: 'F', header: '事项名称（简称）' }]);
    const doc = parse(readFileSync(join(out, '350502', '清单.yaml'), 'utf8'));
    expect(doc.items.map((i: { name: string; materials?: { name: string }[] }) => [i.name, (i.materials ?? []).map((m) => m.name)])).toEqual([
      ['食品生产许可', ['申请书', '营业执照复印件']],
      ['食品安全咨询', []],
    ]);
    // a row after a heading continues nothing: an import error, not an item without a name
    expect(result.report.problems.map((p) => `${p.cell} ${p.severity} ${p.messageId}`)).toEqual(['A6 error orphanRow']);
    expect(result.exitCode).toBe(1);

    const replaced = await importWorkbooks({
      files: ['清单.xlsx'],
      outDir: join(dir, 'out2'),
      cwd: dir,
      region: '350502',
      map: { replace: true, columns: { 事项名称: 'name', 事项编码: 'code', 事项类型: 'type' } },
    });
    expect(replaced.report.unmapped.map((u) => u.column)).toEqual(['A', 'E', 'F', 'G']);
    expect(replaced.report.missingFields).toContain('timeLimit.promised');
  });

  it('rows of several workbooks for one region and department go to one file, in input order', async () => {
    const { default: writeXlsxFile } = await import('write-excel-file/node');
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    const book = (name: string, item: string, code: string) =>
      (writeXlsxFile as unknown as (d: unknown, o: unknown) => { toFile: (p: string) => Promise<void> })(
        [
          [T('区划代码'), T('实施主体'), T('事项编码'), T('事项名称'), T('事项类型')],
          [T('350503'), T('泉州市丰泽区市场监督管理局'), T(code), T(item), T('行政许可')],
        ],
        { sheet: '事项' },
      ).toFile(join(dir, name));
    await book('b.xlsx', '食品生产许可', '000122002000');
    await book('a.xlsx', '食品经营许可（新办）', '000122001001');
    const out = join(dir, 'out');
    const result = await importWorkbooks({ files: ['b.xlsx', 'a.xlsx'], outDir: out, cwd: dir });
    expect(result.report.written).toEqual(['350503/泉州市丰泽区市场监督管理局.yaml']);
    const text = readFileSync(join(out, '350503', '泉州市丰泽区市场监督管理局.yaml'), 'utf8');
    expect(text.match(/# 来源：.*/g)).toEqual(['# 来源：b.xlsx 事项!A2', '# 来源：a.xlsx 事项!A2']);
    expect(parse(text).items.map((i: { code: string }) => i.code)).toEqual(['000122002000', '000122001001']);
  });
});
