import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isStreet, regionName, regionTableSource, regionTableText, regionTableYear, townshipKind, townshipsOf } from '../src/regions/table.js';
import { ROOT } from './helpers.js';

describe('built-in region table', () => {
  it('is the committed output of scripts/build-region-table.mjs', async () => {
    const { generateTable } = (await import(join(ROOT, 'scripts', 'build-region-table.mjs'))) as { generateTable: () => { year: number; source: string; text: string } };
    const fresh = generateTable();
    // compared decoded: the deflated bytes may differ between zlib versions, the table may not
    expect(regionTableText() === fresh.text).toBe(true);
    expect(regionTableYear).toBe(fresh.year);
    expect(regionTableSource).toBe(fresh.source);
    // kept compact: about 350 KB
    expect(Buffer.byteLength(readFileSync(join(ROOT, 'src', 'regions', 'table-data.ts'), 'utf8'))).toBeLessThan(400 * 1024);
  });

  it('names 6-digit regions at every level and the data year', () => {
    expect(regionTableYear).toBe(2023);
    expect(regionName('350000')).toBe('福建省');
    expect(regionName('350500')).toBe('泉州市');
    expect(regionName('350502')).toBe('鲤城区');
    expect(regionName('110100')).toBe('市辖区');
    expect(regionName('999999')).toBeUndefined();
  });

  it('names 9-digit townships and tells streets from towns and townships', () => {
    expect(regionName('350502001')).toBe('海滨街道');
    expect(townshipKind('350502001')).toBe('street');
    expect(regionName('110105021')).toBe('南磨房地区');
    expect(townshipKind('110105021')).toBe('street'); // 地区办事处, numbered as a street
    expect(townshipKind('130271450')).toBe('street'); // 新华路街道, a street numbered 450
    expect(townshipsOf('350502')).toEqual(['350502001', '350502002', '350502003', '350502004', '350502005', '350502006', '350502007', '350502008', '350502400']);
    expect(townshipKind('350502400')).toBe('other'); // 清濛经济开发区
    expect(regionName('110111208')).toBe('霞云岭乡');
    expect(townshipKind('110111208')).toBe('township');
    expect(townshipKind('999999001')).toBeUndefined();
    expect(townshipKind('350521100')).toBe('town');
    expect(isStreet('350502001')).toBe(true);
    expect(townshipKind('35050200')).toBeUndefined();
  });
});
