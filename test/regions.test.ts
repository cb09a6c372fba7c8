/** The region chain (format.md): levels from codes, parents among the loaded regions. */
import { describe, expect, it } from 'vitest';
import { chainOf, resolveParents } from '../src/regions/chain.js';
import { isAncestorShaped, levelOfCode, parentCandidates } from '../src/regions/codes.js';

const chain = (code: string, regions: { code: string; explicitParent?: string }[]) => chainOf(code, resolveParents(regions));

describe('region codes', () => {
  it('levels from the code', () => {
    expect(levelOfCode('350000')).toBe('province');
    expect(levelOfCode('350500')).toBe('city');
    expect(levelOfCode('350502')).toBe('district');
    expect(levelOfCode('350502001')).toBe('street');
    expect(levelOfCode('001100')).toBeUndefined();
    expect(levelOfCode('35050')).toBeUndefined();
  });
  it('parent candidates, nearest first', () => {
    expect(parentCandidates('350502')).toEqual(['350500', '350000']);
    expect(parentCandidates('350502001')).toEqual(['350502', '350500', '350000']);
    expect(parentCandidates('350500')).toEqual(['350000']);
    expect(parentCandidates('350000')).toEqual([]);
  });
  it('ancestor shape', () => {
    expect(isAncestorShaped('350500', '350502')).toBe(true);
    expect(isAncestorShaped('350503', '350502')).toBe(false);
    expect(isAncestorShaped('350502', '350502')).toBe(false);
  });
});

describe('region chain', () => {
  it('350502 → 350500 → 350000', () => {
    expect(chain('350502', [{ code: '350000' }, { code: '350500' }, { code: '350502' }])).toEqual(['350502', '350500', '350000']);
  });
  it('a district without its city file chains to the province', () => {
    expect(chain('350502', [{ code: '350000' }, { code: '350502' }])).toEqual(['350502', '350000']);
  });
  it('直辖市: 110101 → 110000 when no 110100 is loaded', () => {
    expect(chain('110101', [{ code: '110000' }, { code: '110101' }])).toEqual(['110101', '110000']);
  });
  it('省直管县: 429004 → 420000', () => {
    expect(chain('429004', [{ code: '420000' }, { code: '420100' }, { code: '429004' }])).toEqual(['429004', '420000']);
  });
  it('a street → its district → city → province', () => {
    expect(chain('350502001', [{ code: '350000' }, { code: '350500' }, { code: '350502' }, { code: '350502001' }])).toEqual(['350502001', '350502', '350500', '350000']);
  });
  it('an explicit parent overrides the derived one', () => {
    expect(chain('429004', [{ code: '420000' }, { code: '429000' }, { code: '429004', explicitParent: '420000' }])).toEqual(['429004', '420000']);
  });
  it('an explicit parent that no file has continues the chain from that code', () => {
    expect(chain('429004', [{ code: '420000' }, { code: '429004', explicitParent: '429000' }])).toEqual(['429004', '420000']);
    expect(chain('350502001', [{ code: '350000' }, { code: '350502001', explicitParent: '350503' }])).toEqual(['350502001', '350000']);
  });
  it('a cycle through explicit parents is cut', () => {
    expect(chain('350502', [{ code: '350502', explicitParent: '350503' }, { code: '350503', explicitParent: '350502' }])).toEqual(['350502', '350503']);
  });
  it('a region with nothing above it is its own chain', () => {
    expect(chain('350502', [{ code: '350502' }])).toEqual(['350502']);
  });
});
