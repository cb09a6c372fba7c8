/**
 * Messages are data, wording is the formatter's: every message id of every rule (yaml-syntax,
 * schema, suppression and the engine's related-location messages included) worded in English with
 * the data the rule really emits has no Chinese character or punctuation except inside the data
 * values; and a report linted in the default locale, formatted with `locale: 'en'`, is English.
 *
 * The data comes from linting the real fixture datasets and examples (every (rule, message id)
 * they produce, with each data object seen); ids no fixture produces get hand-built data of the
 * same shape as the code that emits them.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { format, rules } from '../src/index.js';
import { ENGINE_MESSAGES, interpolate } from '../src/report/i18n.js';
import type { Report } from '../src/types.js';
import { ROOT, lintDir } from './helpers.js';

/** Han characters, CJK symbols and punctuation, full-width forms. */
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** Every string a data value shows as (nested values too), longest first. */
function dataStrings(data: unknown, out: string[] = []): string[] {
  if (Array.isArray(data)) for (const v of data) dataStrings(v, out);
  else if (data && typeof data === 'object') for (const v of Object.values(data)) dataStrings(v, out);
  else if (data !== undefined && data !== null) out.push(String(data));
  return out;
}

/** The text with every data value taken out: what is left are the formatter's words. */
function wordsOnly(text: string, data: unknown): string {
  let rest = text;
  for (const s of dataStrings(data).sort((a, b) => b.length - a.length)) if (s) rest = rest.split(s).join('\u0000');
  return rest;
}

/** Hand-built data for ids no fixture produces, shaped like the code that emits them (file named). */
const HAND_BUILT: Record<string, Record<string, unknown>> = {
  // rules/region/name.ts with option `table` (test/region-name.test.ts runs them through the CLI)
  'region/name differsTable': { code: '350503', actual: '丰泽县', expected: '丰泽区', table: 'regions.tsv' },
  'region/name unknownCodeTable': { code: '350502009', actual: '新华街道', table: 'regions.tsv' },
  'region/name tableUnreadable': { table: 'regions.tsv', reason: 'ENOENT' },
  'region/name tableMalformed': { table: 'regions.tsv', line: 2 },
  // rules/consistency/{materials,sequence}.ts: the exact-comparison limit notice.
  'consistency/materials tooLarge': { count: 420, referenceCount: 415 },
  'consistency/steps tooLarge': { count: 300, referenceCount: 280 },
  'consistency/review-rules tooLarge': { count: 300, referenceCount: 280 },
  // src/load/syntax-messages.ts
  'yaml-syntax missingColon': { code: 'IMPLICIT_KEY', token: '事项名称 行政许可' },
  'yaml-syntax unclosedQuote': { code: 'MISSING_CHAR', quote: '"' },
  'yaml-syntax flowUnclosed': { code: 'MISSING_CHAR', bracket: ']' },
  'yaml-syntax flowSeparator': { code: 'UNEXPECTED_TOKEN', token: '材料：' },
  'yaml-syntax badIndent': { code: 'BAD_INDENT' },
  'yaml-syntax badEscape': { code: 'BAD_DQ_ESCAPE', escape: '\\q' },
  'yaml-syntax reservedStart': { code: 'BAD_SCALAR_START', char: '@' },
  'yaml-syntax commentSpace': { code: 'MISSING_CHAR' },
  'yaml-syntax unexpectedToken': { code: 'UNEXPECTED_TOKEN', token: '】' },
  'yaml-syntax anchorOrTag': { code: 'BAD_ALIAS', token: '&锚点' },
  'yaml-syntax keyTooLong': { code: 'KEY_OVER_1024_CHARS' },
  'yaml-syntax invalid': { code: 'PARSER' },
  // src/load/tree.ts
  'yaml-syntax unknownAnchor': { anchor: '材料' },
  'yaml-syntax complexKey': {},
  'yaml-syntax duplicateKey': { key: 'name' },
  // src/load/index.ts, src/load/read.ts
  'yaml-syntax tooLarge': { size: 20_000_000, limit: 16_777_216 },
  'yaml-syntax unreadable': { code: 'EACCES' },
  // src/schema/validate.ts: { property, title, ...the ajv keyword's params }
  'schema minimum': { property: 'value', title: '时限数值', comparison: '>=', limit: 0 },
  'schema minLength': { property: 'name', title: '事项名称', limit: 1 },
  'schema uniqueItems': { property: 'levels', title: '行使层级', i: 2, j: 0 },
  'schema maximum': { property: 'copies', title: '份数', comparison: '<=', limit: 99 },
  'schema maxLength': { property: 'name', title: '事项名称', limit: 200 },
  'schema maxItems': { property: 'levels', title: '行使层级', limit: 4 },
  'schema const': { property: 'version', title: '格式版本', allowedValue: 1 },
  'schema format': { property: 'date', title: '日期', format: 'date' },
  'schema date': { property: 'date', title: '日期', value: '2024-02-30' },
  'schema requiredWhen': { property: 'source', title: '来源', parentTitle: '申报材料', condition: 'form', conditionTitle: '材料形式', conditionValue: '纸质' },
  'schema requiredAnyWhen': { properties: ['copies', 'medium'], titles: ['份数', '介质'], parentTitle: '申报材料', condition: 'form', conditionTitle: '材料形式', conditionValue: '纸质' },
  // rules/coverage/missing-lower.ts words its related location with the diagnostic's data.
  'coverage/missing-lower related': { code: '000101001000', name: '建设工程规划许可', level: 'street', region: '350102001', regionName: '东街街道' },
  // rules/decision/decisions.ts: every decision rule words its related location (the decision entry) with entryData().
  ...Object.fromEntries(
    ['cancelled-present', 'delegated-missing', 'delegated-retained', 'entry-unmatched', 'adjusted-stale', 'levels-stale', 'power-source'].map((r) => [
      `decision/${r} related`,
      { docNo: '闽政文〔2015〕488号', action: '下放', entry: 3, entryName: '食品经营许可', entryCode: '000122001000' },
    ]),
  ),
  // rules/intermediary/not-in-catalog.ts, rules/fee/{not-in-catalog,mismatch}.ts: the catalog entry's region.
  'intermediary/not-in-catalog related': { item: '建设项目环境影响评价审批', code: 'ZJ350500001', name: '水土保持方案编制', catalogName: '建设项目水土保持方案编制', catalogRegion: '350500', catalogRegionName: '泉州市' },
  'fee/not-in-catalog related': { item: '土地复垦方案审查', code: 'SF350000002', name: '土地复垦费用', catalogName: '土地复垦费', catalogRegion: '350000', catalogRegionName: '福建省' },
  // rules/fee/mismatch.ts: a basis that both lacks and adds (the fixtures show only one kind).
  'fee/mismatch basis': { item: '不动产首次登记', name: '不动产登记费', missing: ['财税〔2016〕79号'], extra: ['闽价费〔2017〕1号'] },
  'fee/mismatch basisExtra': { item: '不动产首次登记', name: '不动产登记费', missing: null, extra: ['闽价费〔2017〕1号'] },
  'fee/mismatch related': { item: '不动产首次登记', name: '不动产登记费', catalogRegion: '350000', catalogRegionName: '福建省', actual: '住宅类每件100元', expected: '住宅类每件80元' },
  // rules/intermediary/catalog-link.ts: the served item's region.
  'intermediary/catalog-link related': { service: '建设用地地质灾害危险性评估', name: '建设项目环境影响评价审批', itemCode: '000132001000', itemName: '建设项目环境影响评价审批', itemRegion: '350000', itemRegionName: '福建省' },
  // rules/prerequisite/{unresolved,cycle,cancelled}.ts: the related item, cycle member, decision entry.
  'prerequisite/unresolved related': { item: '食品经营许可', code: '000122002000', name: '食品生产许可证核发', targetCode: '000122002000', targetName: '食品生产许可', targetType: '行政许可', targetRegion: '350000', targetRegionName: '福建省', types: ['行政许可', '政府内部审批', '其他行政权力'] },
  'prerequisite/cycle related': { names: ['药品经营许可', '药品生产许可'], codes: ['000123001000', '000123002000'], count: 2 },
  'prerequisite/cancelled related': { item: '食品经营许可', code: '000122003000', name: '食品小作坊登记', docNo: '闽政文〔2020〕1号', action: '取消', entry: 1, entryName: '食品小作坊登记', entryCode: '000122003000' },
};

const samples = new Map<string, Record<string, unknown>[]>();
let fujian: Report;

function add(ruleId: string, messageId: string, data: Record<string, unknown>): void {
  const key = `${ruleId} ${messageId}`;
  let list = samples.get(key);
  if (!list) samples.set(key, (list = []));
  if (list.length < 20) list.push(data);
}

beforeAll(async () => {
  const dirs = [join(ROOT, 'examples', 'fujian-with-errors'), join(ROOT, 'test', 'fixtures', 'bad-input', 'dataset')];
  for (const group of ['consistency', 'rules']) for (const name of readdirSync(join(ROOT, 'test', 'fixtures', group)).sort()) dirs.push(join(ROOT, 'test', 'fixtures', group, name));
  const reports = [];
  for (const dir of dirs) reports.push(await lintDir(dir));
  reports.push(await lint({ cwd: join(ROOT, 'test', 'fixtures', 'load'), config: false, patterns: ['*.yaml'] }));
  fujian = reports[0];
  for (const report of reports) for (const f of report.files) for (const d of f.diagnostics) add(d.ruleId, d.messageId, d.data);
}, 240_000);

describe('every message id of every rule, worded in en', () => {
  it('has data to word it with (from a fixture or hand-built)', () => {
    const missing: string[] = [];
    for (const rule of rules.values()) {
      for (const id of Object.keys(rule.messages.en ?? {})) {
        const key = `${rule.id} ${id}`;
        if (!samples.has(key) && !HAND_BUILT[key]) missing.push(key);
      }
      // Every zh-CN id has an en template.
      expect(Object.keys(rule.messages.en ?? {}).sort(), rule.id).toEqual(Object.keys(rule.messages['zh-CN'] ?? {}).sort());
    }
    expect(missing).toEqual([]);
  });

  it('has no Chinese wording outside the data values, and no placeholder left unfilled', () => {
    const leaks: string[] = [];
    for (const rule of rules.values()) {
      for (const [id, template] of Object.entries(rule.messages.en ?? {})) {
        const key = `${rule.id} ${id}`;
        for (const data of [...(samples.get(key) ?? []), ...(HAND_BUILT[key] ? [HAND_BUILT[key]] : [])]) {
          const text = interpolate(template, data, 'en');
          const words = wordsOnly(text, data);
          if (CHINESE.test(words) || /\{\w+(?::\w+)?\}/.test(words)) leaks.push(`${key}: ${text}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it("the engine's related-location messages", () => {
    const data = { relatedRegion: '350000', relatedRegionName: '福建省' };
    expect(interpolate(ENGINE_MESSAGES.en.related, data, 'en')).toBe('reference: the corresponding node at 福建省 (350000)');
    expect(interpolate(ENGINE_MESSAGES['zh-CN'].related, data, 'zh-CN')).toBe('参照：福建省（350000）的对应内容');
    for (const text of Object.values(ENGINE_MESSAGES.en)) expect(CHINESE.test(wordsOnly(interpolate(text, data, 'en'), data))).toBe(false);
  });
});

describe('labels are looked up per locale', () => {
  it('units, levels, limits, reasons and regions', () => {
    const tl = rules.get('consistency/time-limit')!.messages;
    expect(interpolate(tl.en.statutoryMissing, { expected: 20, unit: '工作日' }, 'en')).toBe('No statutory time limit; the upper level has 20 working days');
    expect(interpolate(tl['zh-CN'].statutoryMissing, { expected: 20, unit: '工作日' }, 'zh-CN')).toBe('缺少法定办结时限：上级清单为20个工作日');
    expect(interpolate(tl.en.unitDiffers, { limit: 'promised', expected: '工作日', actual: '自然日' }, 'en')).toBe('The promised time limit is in calendar days; the upper level uses working days');
    expect(interpolate(tl['zh-CN'].unitDiffers, { limit: 'promised', expected: '工作日', actual: '自然日' }, 'zh-CN')).toBe('承诺办结时限的单位为「自然日」，上级清单为「工作日」');
    const cc = rules.get('department/credit-code')!.messages;
    const short = { code: '91350100M000100Y4', reason: 'length', length: 17 };
    expect(interpolate(cc.en.invalidFormat, short, 'en')).toBe('Credit code "91350100M000100Y4" is malformed: 18 characters expected, found 17');
    expect(interpolate(cc['zh-CN'].invalidFormat, short, 'zh-CN')).toBe('统一社会信用代码「91350100M000100Y4」格式错误：应为 18 位，实为 17 位');
    const mu = rules.get('coverage/missing-upper')!.messages;
    const ancestors = { name: '某事项', code: 'X1', ancestors: [{ code: '350000', name: '福建省' }, { code: '350100', name: '福州市' }] };
    expect(interpolate(mu.en.missing, ancestors, 'en')).toBe('Item "某事项" (X1) is in no upper-level list (loaded: 福建省 (350000), 福州市 (350100))');
    expect(interpolate(mu['zh-CN'].missing, ancestors, 'zh-CN')).toBe('事项「某事项」（X1）不在任何上级清单中（已加载：福建省（350000）、福州市（350100））');
    const ml = rules.get('coverage/missing-lower')!.messages;
    const lower = { code: 'X1', name: '某事项', level: 'street', region: '350102001', regionName: '东街街道' };
    expect(interpolate(ml.en.missing, lower, 'en')).toBe('Item "某事项" (X1) must be implemented at street level, but 东街街道 (350102001) lacks it');
    expect(interpolate(ml['zh-CN'].missing, lower, 'zh-CN')).toBe('事项「某事项」（X1）的行使层级含乡镇（街道）级，但东街街道（350102001）清单中没有该事项');
    const ys = rules.get('yaml-syntax')!.messages;
    expect(interpolate(ys.en.notUtf8, { offset: 9, line: 2, looksLike: 'GBK/GB18030' }, 'en')).toBe('The file is not UTF-8 (from line 2); it looks like GBK/GB18030: save it as UTF-8');
    expect(interpolate(ys.en.notUtf8, { offset: 9, line: 2 }, 'en')).toBe('The file is not UTF-8 (from line 2)');
    expect(interpolate(ys['zh-CN'].unreadable, { code: 'ENOENT' }, 'zh-CN')).toBe('无法读取文件：文件不存在（已删除或链接失效）');
    expect(interpolate(ys.en.unreadable, { code: 'EIO' }, 'en')).toBe('Cannot read the file: EIO');
  });
});

describe('format(report, stylish, { locale: en }) of a report linted in the default locale', () => {
  it('is worded in English: no Chinese outside the data, file names and code frames', () => {
    expect(fujian.files.some((f) => f.diagnostics.some((d) => /[\p{Script=Han}]/u.test(d.message)))).toBe(true); // linted in zh-CN
    const text = format(fujian, 'stylish', { locale: 'en', color: false, sources: new Map() });
    // Data, file names and the diff's texts (the file's own words) are not the formatter's.
    const data = fujian.files.map((f) => [f.file, f.diagnostics.map((d) => [d.data, (d.diff ?? []).map(([, t]) => t)])]);
    const leaks = wordsOnly(text, data)
      .split('\n')
      .filter((line) => CHINESE.test(line));
    expect(leaks).toEqual([]);
    expect(text).toContain('reference: the corresponding node at ');
    // The same report worded back in zh-CN is the report's own wording.
    const zh = format(fujian, 'json', { locale: 'zh-CN' });
    expect(zh).toBe(format(fujian, 'json'));
  });
});
