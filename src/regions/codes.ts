/**
 * GB/T 2260 region codes: levels and the parent candidates derived from a code (format.md).
 */

export type Level = 'province' | 'city' | 'district' | 'street';
export const LEVELS: readonly Level[] = ['province', 'city', 'district', 'street'];

const SIX = /^[0-9]{6}$/;
const NINE = /^[0-9]{9}$/;

export function isRegionCode(code: unknown): code is string {
  return typeof code === 'string' && (SIX.test(code) || NINE.test(code));
}

/** The level a code denotes: `PP0000` province, `PPCC00` city, other 6 digits district, 9 digits street. */
export function levelOfCode(code: string): Level | undefined {
  if (!SIX.test(code.slice(0, 6)) || code.startsWith('00')) return undefined;
  if (NINE.test(code)) return 'street';
  if (!SIX.test(code)) return undefined;
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'district';
}

/**
 * Codes that may be this region's parent, nearest first: for a street its district, city,
 * province; for a district `PPCC00` then `PP0000`; for a city `PP0000`.
 */
export function parentCandidates(code: string): string[] {
  const level = levelOfCode(code);
  const pp = code.slice(0, 2);
  const cc = code.slice(2, 4);
  switch (level) {
    case 'street':
      return unique([code.slice(0, 6), `${pp}${cc}00`, `${pp}0000`]).filter((c) => c !== code);
    case 'district':
      return [`${pp}${cc}00`, `${pp}0000`];
    case 'city':
      return [`${pp}0000`];
    default:
      return [];
  }
}

/** Whether `ancestor` has the shape of an ancestor of `code` (a prefix region at a higher level). */
export function isAncestorShaped(ancestor: string, code: string): boolean {
  if (!isRegionCode(ancestor) || ancestor === code) return false;
  const a = levelOfCode(ancestor);
  const c = levelOfCode(code);
  if (!a || !c) return false;
  return LEVELS.indexOf(a) < LEVELS.indexOf(c);
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
