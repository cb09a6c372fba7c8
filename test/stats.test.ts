/**
 * `qingdan-lint stats` and `stats()`: the figures of small fixture datasets, counted by hand
 * (test/fixtures/stats/basic: a province with items A 甲许可, B 乙服务, C 丙确认; a city with A,
 * B renamed (a consistency/name difference) and D 丁许可 (no upper level has it); a district with
 * A, its promised limit changed under a suppression comment, and E 戊服务 in a second file).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvModule from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { stats, type Sections, type StatsReport } from '../src/stats/index.js';
import { formatStatsMarkdown } from '../src/stats/markdown.js';
import { ROOT, cli } from './helpers.js';

const BASIC = join(ROOT, 'test', 'fixtures', 'stats', 'basic');
const LISTS = join(ROOT, 'test', 'fixtures', 'stats', 'lists');

const dim = (compared: number, consistent: number, differing: number, suppressed: number, rate: number | null) => ({ compared, consistent, differing, suppressed, rate });
const noDecisions = { applicable: 0, implemented: 0, outstanding: 0, byIssuerLevel: {} };
const noLinks = { withPrerequisites: 0, withIntermediaries: 0, withFees: 0, unresolved: 0, notInCatalog: 0 };
const cmp = (kept: number, removed: number, added: number) => ({ kept, removed, added });

const PROVINCE: Sections = {
  items: { total: 3, invalid: 0, byType: { 公共服务: 1, 行政确认: 1, 行政许可: 1 }, references: 3, compared: 0 },
  consistency: { name: dim(0, 0, 0, 0, null), materials: dim(0, 0, 0, 0, null), steps: dim(0, 0, 0, 0, null), timeLimit: dim(0, 0, 0, 0, null), reviewRules: dim(0, 0, 0, 0, null), allFive: dim(0, 0, 0, 0, null) },
  coverage: { expected: 0, present: 0, rate: null, extra: 0 },
  decisions: noDecisions,
  // A: 20 → 10 工作日 (compressed by half); B: 即办; C: 30 → 30 自然日 (not compressed).
  timeLimits: { withStatutory: 2, compressed: 1, meanCompression: 0.25, immediate: 1, immediateRate: 0.3333, within: { '0': 1, '3': 1, '5': 1 } },
  // A 2 steps (一审一核), B 2, C 4.
  steps: { mean: 2.6667, atMost3: 2, atMost5: 3, oneReviewOneApproval: 1, oneReviewOneApprovalDepartments: ['福建省市场监督管理局'] },
  // A 2 materials (one 容缺后补), B 1, C 0.
  materials: { mean: 1, total: 3, deferrable: 1, itemsWithDeferrable: 1 },
  responsibility: { powerItems: 2, withDuties: 0, withAccountability: 0, rate: 0 },
  links: noLinks,
  streets: [],
  // Earlier: A, C under another code (same name), X. Now B is new, X is gone.
  compare: { ...cmp(2, 1, 1), byType: { 公共服务: cmp(0, 0, 1), 行政确认: cmp(1, 0, 0), 行政许可: cmp(1, 1, 0) } },
};

const CITY: Sections = {
  items: { total: 3, invalid: 0, byType: { 公共服务: 1, 行政许可: 2 }, references: 1, compared: 2 },
  consistency: { name: dim(2, 1, 1, 0, 0.5), materials: dim(2, 2, 0, 0, 1), steps: dim(2, 2, 0, 0, 1), timeLimit: dim(2, 2, 0, 0, 1), reviewRules: dim(2, 2, 0, 0, 1), allFive: dim(2, 1, 1, 0, 0.5) },
  // A and B name the city level; D is in no upper level.
  coverage: { expected: 2, present: 2, rate: 1, extra: 1 },
  decisions: noDecisions,
  timeLimits: { withStatutory: 1, compressed: 1, meanCompression: 0.5, immediate: 1, immediateRate: 0.3333, within: { '0': 1, '3': 2, '5': 2 } },
  steps: { mean: 2.3333, atMost3: 3, atMost5: 3, oneReviewOneApproval: 1, oneReviewOneApprovalDepartments: ['泉州市市场监督管理局'] },
  materials: { mean: 1.3333, total: 4, deferrable: 1, itemsWithDeferrable: 1 },
  responsibility: { powerItems: 2, withDuties: 0, withAccountability: 0, rate: 0 },
  links: noLinks,
  streets: [],
  compare: { ...cmp(1, 0, 2), byType: { 公共服务: cmp(0, 0, 1), 行政许可: cmp(1, 0, 1) } },
};

const DISTRICT: Sections = {
  items: { total: 2, invalid: 0, byType: { 公共服务: 1, 行政许可: 1 }, references: 1, compared: 1 },
  consistency: { name: dim(1, 1, 0, 0, 1), materials: dim(1, 1, 0, 0, 1), steps: dim(1, 1, 0, 0, 1), timeLimit: dim(1, 0, 0, 1, 0), reviewRules: dim(1, 1, 0, 0, 1), allFive: dim(1, 0, 0, 1, 0) },
  coverage: { expected: 1, present: 1, rate: 1, extra: 1 },
  decisions: noDecisions,
  // A: 20 → 5 工作日 (1 − 5/20 = 0.75); E: 1 自然日.
  timeLimits: { withStatutory: 1, compressed: 1, meanCompression: 0.75, immediate: 0, immediateRate: 0, within: { '0': 0, '3': 1, '5': 2 } },
  steps: { mean: 1.5, atMost3: 2, atMost5: 2, oneReviewOneApproval: 1, oneReviewOneApprovalDepartments: ['泉州市鲤城区市场监督管理局'] },
  materials: { mean: 1, total: 2, deferrable: 1, itemsWithDeferrable: 1 },
  responsibility: { powerItems: 1, withDuties: 0, withAccountability: 0, rate: 0 },
  links: noLinks,
  streets: [],
  compare: { ...cmp(0, 0, 2), byType: { 公共服务: cmp(0, 0, 1), 行政许可: cmp(0, 0, 1) } },
};

const TOTAL: Sections = {
  items: { total: 8, invalid: 0, byType: { 公共服务: 3, 行政确认: 1, 行政许可: 4 }, references: 5, compared: 3 },
  consistency: { name: dim(3, 2, 1, 0, 0.6667), materials: dim(3, 3, 0, 0, 1), steps: dim(3, 3, 0, 0, 1), timeLimit: dim(3, 2, 0, 1, 0.6667), reviewRules: dim(3, 3, 0, 0, 1), allFive: dim(3, 1, 1, 1, 0.3333) },
  coverage: { expected: 3, present: 3, rate: 1, extra: 2 },
  decisions: noDecisions,
  // (0.5 + 0 + 0.5 + 0.75) / 4
  timeLimits: { withStatutory: 4, compressed: 3, meanCompression: 0.4375, immediate: 2, immediateRate: 0.25, within: { '0': 2, '3': 4, '5': 5 } },
  // (8 + 7 + 3) / 8
  steps: { mean: 2.25, atMost3: 7, atMost5: 8, oneReviewOneApproval: 3, oneReviewOneApprovalDepartments: ['泉州市市场监督管理局', '泉州市鲤城区市场监督管理局', '福建省市场监督管理局'] },
  materials: { mean: 1.125, total: 9, deferrable: 3, itemsWithDeferrable: 3 },
  responsibility: { powerItems: 5, withDuties: 0, withAccountability: 0, rate: 0 },
  links: noLinks,
  streets: [],
  compare: { ...cmp(3, 1, 5), byType: { 公共服务: cmp(0, 0, 3), 行政确认: cmp(1, 0, 0), 行政许可: cmp(2, 1, 2) } },
};

const withoutCompare = ({ compare: _c, ...rest }: Sections): Sections => rest;

const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as typeof AjvModule.default;
const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'stats.schema.json'), 'utf8')));

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));
function copy(dir: string): string {
  const t = mkdtempSync(join(tmpdir(), 'qingdan-stats-'));
  temps.push(t);
  cpSync(dir, t, { recursive: true });
  return t;
}

describe('stats(): the figures of a dataset counted by hand', () => {
  it('every figure of every region and of the total, with --compare-to', async () => {
    const report = await stats({ cwd: BASIC, config: false, patterns: ['data'], compareTo: 'earlier' });
    expect(report.version).toBe(1);
    expect(report.groupBy).toBe('region');
    expect(report.compareTo).toBe('earlier');
    expect(report.groups.map((g) => g.key)).toEqual([
      { region: '350000', name: '福建省' },
      { region: '350500', name: '泉州市' },
      { region: '350502', name: '鲤城区' },
    ]);
    expect(report.groups[0]).toEqual({ key: report.groups[0].key, ...PROVINCE });
    expect(report.groups[1]).toEqual({ key: report.groups[1].key, ...CITY });
    expect(report.groups[2]).toEqual({ key: report.groups[2].key, ...DISTRICT });
    expect(report.total).toEqual(TOTAL);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('without --compare-to there is no compare section; the output is deterministic', async () => {
    const a = await stats({ cwd: BASIC, config: false, patterns: ['data'] });
    expect(a.total).toEqual(withoutCompare(TOTAL));
    expect(a.groups.map(({ key: _k, ...s }) => s)).toEqual([withoutCompare(PROVINCE), withoutCompare(CITY), withoutCompare(DISTRICT)]);
    const b = await stats({ cwd: BASIC, config: false, patterns: ['data'], threads: 2 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('a difference set aside by the baseline counts as suppressed', async () => {
    const dir = copy(BASIC);
    // The second entry is unused: a lint would stop (exit 2); the statistics are a report, not a gate.
    const baseline = JSON.stringify({ version: 1, files: { 'data/350500/市场监管.yaml': { '000100002000': { 'consistency/name': { differs: 1 } }, '000100004000': { 'consistency/name': { differs: 1 } } } } }, null, 2) + '\n';
    writeFileSync(join(dir, 'qingdan-lint-suppressions.json'), baseline);
    const report = await stats({ cwd: dir, config: false, patterns: ['data'], suppressAll: true });
    expect(readFileSync(join(dir, 'qingdan-lint-suppressions.json'), 'utf8')).toBe(baseline);
    expect(cli(['stats', 'data', '-f', 'json'], { cwd: dir }).code).toBe(0);
    expect(report.groups[1].consistency.name).toEqual(dim(2, 1, 0, 1, 0.5));
    expect(report.groups[1].consistency.allFive).toEqual(dim(2, 1, 0, 1, 0.5));
    expect(report.total.consistency.name).toEqual(dim(3, 2, 0, 1, 0.6667));
    expect(report.total.consistency.allFive).toEqual(dim(3, 1, 0, 2, 0.3333));
  });

  it('a rule that is off gives null for its dimension; all five counts the others', async () => {
    const report = await stats({ cwd: BASIC, config: false, patterns: ['data'], rules: { 'consistency/time-limit': 'off' } });
    for (const g of [...report.groups, report.total]) expect(g.consistency.timeLimit).toBeNull();
    expect(report.groups[2].consistency.allFive).toEqual(dim(1, 1, 0, 0, 1));
    expect(report.total.consistency.allFive).toEqual(dim(3, 2, 1, 0, 0.6667));
  });

  it('--group-by department: one group per region and department, sorted by department name; no coverage per department', async () => {
    const report = await stats({ cwd: BASIC, config: false, patterns: ['data'], groupBy: 'department' });
    expect(report.groups.map((g) => [g.key, g.items.total, g.items.compared, g.consistency.allFive?.consistent ?? null])).toEqual([
      [{ region: '350000', name: '福建省', department: '福建省市场监督管理局' }, 3, 0, 0],
      [{ region: '350500', name: '泉州市', department: '泉州市市场监督管理局' }, 3, 2, 1],
      [{ region: '350502', name: '鲤城区', department: '泉州市鲤城区卫生健康局' }, 1, 0, 0],
      [{ region: '350502', name: '鲤城区', department: '泉州市鲤城区市场监督管理局' }, 1, 1, 0],
    ]);
    for (const g of report.groups) expect(g.coverage).toBeNull();
    expect(report.total.coverage).toEqual(TOTAL.coverage);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('--group-by type: coverage by the reference item’s type', async () => {
    const report = await stats({ cwd: BASIC, config: false, patterns: ['data'], groupBy: 'type' });
    expect(report.groups.map((g) => [g.key.region, g.key.type, g.items.total, g.coverage])).toEqual([
      ['350000', '公共服务', 1, { expected: 0, present: 0, rate: null, extra: 0 }],
      ['350000', '行政确认', 1, { expected: 0, present: 0, rate: null, extra: 0 }],
      ['350000', '行政许可', 1, { expected: 0, present: 0, rate: null, extra: 0 }],
      ['350500', '公共服务', 1, { expected: 1, present: 1, rate: 1, extra: 0 }],
      ['350500', '行政许可', 2, { expected: 1, present: 1, rate: 1, extra: 1 }],
      ['350502', '公共服务', 1, { expected: 0, present: 0, rate: null, extra: 1 }],
      ['350502', '行政许可', 1, { expected: 1, present: 1, rate: 1, extra: 0 }],
    ]);
  });
});

describe('qingdan-lint stats (the command)', () => {
  it('markdown: one table per section, one row per group, rates with two decimals', () => {
    const r = cli(['stats', 'data', '--format', 'markdown'], { cwd: BASIC });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('# 清单统计');
    expect(lines).toContain('## 五个一致');
    expect(lines).toContain('| 区划代码 | 区划 | 比对事项 | 事项名称 | 申报材料 | 办理环节 | 办理时限 | 审查工作细则 | 五个一致率 | 不一致 | 已抑制 |');
    expect(lines).toContain('| 350500 | 泉州市 | 2 | 50.00% (1/2) | 100.00% (2/2) | 100.00% (2/2) | 100.00% (2/2) | 100.00% (2/2) | 50.00% (1/2) | 1 | 0 |');
    expect(lines).toContain('| 合计 |  | 3 | 66.67% (2/3) | 100.00% (3/3) | 100.00% (3/3) | 66.67% (2/3，已抑制 1) | 100.00% (3/3) | 33.33% (1/3，已抑制 1) | 1 | 1 |');
    expect(lines).toContain('| 350000 | 福建省 | 2 | 1 | 25.00% | 1 | 33.33% | 1 | 1 |');
    expect(r.stdout).toContain('现场办结率、满意率、纳入随机抽查清单率需要办件和检查数据');
    const c = cli(['stats', 'data', '--format', 'markdown', '--compare-to', 'earlier'], { cwd: BASIC }).stdout.split('\n');
    expect(c).toContain('| 合计 |  | 3 | 1 | 5 |');
    expect(c).toContain('| 行政许可 | 2 | 1 | 2 |');
  });

  it('json when standard output is not a terminal; it equals the library’s figures; exit 0 although there are errors', async () => {
    const r = cli(['stats', 'data', '--compare-to', 'earlier'], { cwd: BASIC });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(JSON.stringify(await stats({ cwd: BASIC, config: false, patterns: ['data'], compareTo: 'earlier' }), null, 2) + '\n');
  });

  it('--locale en words the markdown in English', () => {
    const r = cli(['stats', 'data', '-f', 'markdown', '--locale', 'en', '--group-by', 'system'], { cwd: BASIC });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toContain('| region code | region | system | compared | name | materials | steps | time limit | review rules | all five | differing | suppressed |');
    expect(r.stdout.split('\n')).toContain('| 350502 | 鲤城区 | 卫生健康 | 0 | — (0/0) | — (0/0) | — (0/0) | — (0/0) | — (0/0) | — (0/0) | 0 | 0 |');
  });

  it('refuses what it cannot do: xlsx without -o, an unknown grouping, a missing --compare-to directory (exit 2, one line)', () => {
    const x = cli(['stats', 'data', '--format', 'xlsx'], { cwd: BASIC });
    expect(x.code).toBe(2);
    expect(x.stderr.trim().split('\n')).toHaveLength(1);
    expect(x.stderr).toContain('--output-file');
    const g = cli(['stats', 'data', '--group-by', 'county'], { cwd: BASIC });
    expect(g.code).toBe(2);
    expect(g.stderr).toMatch(/^qingdan-lint: stats: unknown --group-by "county"; use region, department, system, type\n$/);
    const c = cli(['stats', 'data', '--compare-to', 'no-such-dir'], { cwd: BASIC });
    expect(c.code).toBe(2);
    expect(c.stderr.trim().split('\n')).toHaveLength(1);
    expect(c.stdout).toBe('');
  });

  it('-o writes the file; stats --format xlsx -o writes the statistics sheet alone', () => {
    const dir = copy(BASIC);
    const r = cli(['stats', 'data', '-f', 'json', '-o', 'out/stats.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out', 'stats.json'), 'utf8')).total.items.total).toBe(8);
    const x = cli(['stats', 'data', '-f', 'xlsx', '-o', 'stats.xlsx'], { cwd: dir });
    expect(x.code).toBe(0);
    expect(existsSync(join(dir, 'stats.xlsx'))).toBe(true);
    // Never over a file of the dataset.
    const before = readFileSync(join(dir, 'data', '350000', '市场监管.yaml'), 'utf8');
    const refused = cli(['stats', 'data', '-f', 'json', '-o', 'data/350000/市场监管.yaml'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('it is one of the linted files');
    expect(readFileSync(join(dir, 'data', '350000', '市场监管.yaml'), 'utf8')).toBe(before);
  });
});

describe('items.total counts every item occurrence', () => {
  it('the example: as many items as the lint report, one of them schema-invalid (a code without quotes)', async () => {
    const example = join(ROOT, 'examples', 'fujian-with-errors');
    const report = await stats({ cwd: example, config: false });
    const lint = JSON.parse(cli(['-f', 'json'], { cwd: example }).stdout) as { summary: { items: number } };
    expect(report.total.items.total).toBe(lint.summary.items);
    expect(report.total.items.invalid).toBe(1);
    const streets = ['350502001', '350502002', '350502003', '350502004', '350502005', '350502006', '350502007']; // 常泰街道 350502008 is the street left out
    expect(report.groups.map((g) => [g.key.region, g.items.invalid])).toEqual([['350000', 0], ['350500', 1], ['350502', 0], ...streets.map((s) => [s, 0]), ['350503', 0]]);
    expect(Object.values(report.total.items.byType).reduce((a, b) => a + b, 0)).toBe(lint.summary.items - 1);
  });
});

describe('decisions and streets (fields lists.md adds)', () => {
  it('are counted from the data when present', async () => {
    const report: StatsReport = await stats({ cwd: LISTS, config: false });
    // 鲤城区 has 8 街道 in the 2023 table (海滨 … 常泰; 清濛经济开发区 is not a street).
    expect(report.total.streets).toEqual([{ district: '350502', name: '鲤城区', inTable: 8, withList: 2, items: 3, itemsPerStreet: 1.5 }]);
    // 取消 000100009000: the province, the city (still lists it), the district and both streets; 下放 甲许可 to
    // districts: the district lists it, but the province still does.
    expect(report.total.decisions).toEqual({
      applicable: 7,
      implemented: 5,
      outstanding: 2,
      byIssuerLevel: { province: { 下放: { applicable: 2, implemented: 1, outstanding: 1 }, 取消: { applicable: 5, implemented: 4, outstanding: 1 } } },
    });
    const byRegion = Object.fromEntries(report.groups.map((g) => [g.key.region, [g.decisions.applicable, g.decisions.implemented]]));
    expect(byRegion).toEqual({ '350000': [2, 1], '350500': [1, 0], '350502': [2, 2], '350502001': [1, 1], '350502002': [1, 1] });
    expect(report.groups.find((g) => g.key.region === '350502')!.streets).toEqual(report.total.streets);
    const md = formatStatsMarkdown(report).split('\n');
    expect(md).toContain('| province | 取消 | 5 | 4 | 1 |');
    expect(md).toContain('| 350502 | 鲤城区 | 8 | 2 | 3 | 1.50 |');
  });

  it('count only the decisions in force with asOf, as the decision rules do', async () => {
    const before = await stats({ cwd: LISTS, config: { asOf: '2000-01-01' } });
    expect(before.total.decisions).toEqual({ applicable: 0, implemented: 0, outstanding: 0, byIssuerLevel: {} });
    const after = await stats({ cwd: LISTS, config: { asOf: '2099-12-31' } });
    expect(after.total.decisions.applicable).toBe(7);
  });
});
