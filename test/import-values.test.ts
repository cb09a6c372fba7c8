/**
 * Cell values of the importer (reports.md, "Excel in", "Multi-line cells" and "Values").
 */
import { describe, expect, it } from 'vitest';
import { HeaderMatcher, SYNONYMS, normalizeText } from '../src/import/fields.js';
import { NotUnderstood, parseDuration, parseLevels, parseNecessity, parseType, splitList, splitSteps } from '../src/import/values.js';
import { scalar } from '../src/import/yaml.js';

describe('multi-line and numbered cells', () => {
  it('split on line breaks and every numbering style', () => {
    expect(splitList('1.申请书\n2.营业执照复印件')).toEqual(['申请书', '营业执照复印件']);
    expect(splitList('1、申请书\r\n2、身份证明')).toEqual(['申请书', '身份证明']);
    expect(splitList('（1）申请书\n(2)身份证明')).toEqual(['申请书', '身份证明']);
    expect(splitList('①申请书②身份证明 ③授权委托书')).toEqual(['申请书', '身份证明', '授权委托书']);
    expect(splitList('一、申请书\n二、身份证明')).toEqual(['申请书', '身份证明']);
  });

  it('split on ； and ; outside 《…》, never inside', () => {
    expect(splitList('《中华人民共和国食品安全法》第三十五条；《食品经营许可管理办法》第十条')).toEqual(['《中华人民共和国食品安全法》第三十五条', '《食品经营许可管理办法》第十条']);
    expect(splitList('《关于甲；乙的规定》第二条;《丙》第三条')).toEqual(['《关于甲；乙的规定》第二条', '《丙》第三条']);
  });

  it('keeps decimals and inner references that are not numbering', () => {
    expect(splitList('1.5吨以下锅炉登记表')).toEqual(['1.5吨以下锅炉登记表']);
    expect(splitList('《条例》第三十五条第（2）项')).toEqual(['《条例》第三十五条第（2）项']);
  });

  it('steps: arrows, 、 within a segment, a bracketed tail is the role of every step in its segment', () => {
    expect(splitSteps('受理、审查(科员)→核准(股长)')).toEqual([
      { name: '受理', role: '科员' },
      { name: '审查', role: '科员' },
      { name: '核准', role: '股长' },
    ]);
    expect(splitSteps('受理（窗口）->决定')).toEqual([{ name: '受理', role: '窗口' }, { name: '决定' }]);
    expect(splitSteps('1.受理\n2.审查（科员）')).toEqual([{ name: '受理' }, { name: '审查', role: '科员' }]);
  });
});

describe('values', () => {
  it('time limits', () => {
    expect(parseDuration('20个工作日')).toEqual({ duration: { value: 20, unit: '工作日' }, assumed: false });
    expect(parseDuration('20日')).toEqual({ duration: { value: 20, unit: '自然日' }, assumed: true });
    expect(parseDuration('20天')).toEqual({ duration: { value: 20, unit: '自然日' }, assumed: true });
    expect(parseDuration('30个自然日')).toEqual({ duration: { value: 30, unit: '自然日' }, assumed: false });
    expect(parseDuration('即办')).toEqual({ duration: { value: 0, unit: '工作日' }, assumed: false });
    expect(parseDuration('无')).toBeUndefined();
    expect(parseDuration('—')).toBeUndefined();
    expect(parseDuration(15, '工作日')).toEqual({ duration: { value: 15, unit: '工作日' }, assumed: false });
    expect(parseDuration('20日', '工作日')).toEqual({ duration: { value: 20, unit: '工作日' }, assumed: false }); // a unit column overrides the text
    expect(() => parseDuration('三个月')).toThrow(NotUnderstood);
    expect(() => parseDuration(15)).toThrow(NotUnderstood); // a bare number with no unit anywhere
  });

  it('types from labels, GB/T 39046 A.1 codes and letter codes', () => {
    expect(parseType('01')).toBe('行政许可');
    expect(parseType(1)).toBe('行政许可');
    expect(parseType('20')).toBe('公共服务');
    expect(parseType('XK')).toBe('行政许可');
    expect(parseType('cf')).toBe('行政处罚');
    expect(parseType('其他行政权力')).toBe('其他行政权力');
    expect(() => parseType('许可')).toThrow(NotUnderstood);
  });

  it('levels from labels and A.2 codes, in level order', () => {
    expect(parseLevels('县级、市级')).toEqual(['city', 'district']);
    expect(parseLevels('2,3,4')).toEqual(['province', 'city', 'district']);
    expect(parseLevels('乡镇（街道）级')).toEqual(['street']);
    expect(() => parseLevels('国家级')).toThrow(NotUnderstood);
  });

  it('是/否 to 必要/非必要', () => {
    expect(parseNecessity('是')).toBe('必要');
    expect(parseNecessity('否')).toBe('非必要');
    expect(parseNecessity('容缺')).toBe('容缺后补');
    expect(() => parseNecessity('视情况')).toThrow(NotUnderstood);
  });
});

describe('headers', () => {
  const m = new HeaderMatcher(SYNONYMS);
  const field = (h: string) => m.match(normalizeText(h));
  it('the longest synonym contained wins', () => {
    expect(field('实施主体编码')).toBe('department.creditCode');
    expect(field('实施主体')).toBe('department.name');
    expect(field('承诺办结时限（工作日）')).toBe('promised');
    expect(field('承诺时限单位')).toBe('promised.unit');
    expect(field(' 事项\n名称 ')).toBe('name');
    expect(field('备注')).toBeUndefined();
  });
  it('a two-row header matches its child first', () => {
    expect(field('申请材料/材料形式')).toBe('materials.form');
    expect(field('申请材料/份数')).toBe('materials.copies');
    expect(field('申请材料/名称')).toBe('materials.name');
  });
});

describe('YAML scalars', () => {
  it('plain when it reads back as the same string, else quoted', () => {
    expect(scalar('食品经营许可（新办）')).toBe('食品经营许可（新办）');
    expect(scalar('《条例》第三条')).toBe('《条例》第三条');
    expect(scalar('123')).toBe('"123"');
    expect(scalar('yes')).toBe('"yes"');
    expect(scalar('- 列表')).toBe('"- 列表"');
    expect(scalar('a: b')).toBe('"a: b"');
    expect(scalar('2024-01-01')).toBe('"2024-01-01"');
    expect(scalar('甲\n乙')).toBe('"甲\\n乙"');
  });
});

describe('docs/import.md', () => {
  it('lists every built-in header synonym', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { ROOT } = await import('./helpers.js');
    const doc = readFileSync(join(ROOT, 'docs', 'import.md'), 'utf8');
    const table = doc.slice(doc.indexOf('## 表头同义词'), doc.indexOf('## 映射文件'));
    const listed = new Set(table.split('\n').filter((l) => l.startsWith('| ')).flatMap((l) => l.split('|')[2]?.replace(/（.*?）/g, '').split('/').map((s) => s.trim()) ?? []));
    expect(Object.keys(SYNONYMS).filter((s) => !listed.has(s))).toEqual([]);
  });
});
