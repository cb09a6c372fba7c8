/**
 * 统一社会信用代码 (GB 32100-2015) and the 组织机构代码 (GB 11714-1997) at its positions 9–17.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export interface CreditCodeProblem {
  messageId: 'invalidFormat' | 'invalidCheckDigit' | 'invalidOrgCheckDigit';
  /** Facts: `reason` (a key of the `creditReason` labels) and what it needs, or the check digits. */
  data: Record<string, string | number>;
}

/** The GB 32100 check character for the first 17 characters. */
export function creditCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** The GB 11714 check character for an 8-character organization code body. */
export function orgCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body[i];
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55;
    sum += v * ORG_WEIGHTS[i];
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

export function checkCreditCode(code: string): CreditCodeProblem | undefined {
  if (code.length !== 18) return { messageId: 'invalidFormat', data: { reason: 'length', length: code.length } };
  for (const c of code) {
    if (!CHARSET.includes(c)) return { messageId: 'invalidFormat', data: { reason: 'char', char: c } };
  }
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return { messageId: 'invalidFormat', data: { reason: 'regionPart' } };
  const org = code.slice(8, 17);
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(org)) return { messageId: 'invalidFormat', data: { reason: 'orgFormat', orgCode: org } };
  const orgExpected = orgCheckDigit(org.slice(0, 8));
  if (org[8] !== orgExpected) return { messageId: 'invalidOrgCheckDigit', data: { orgCode: org, expected: orgExpected, actual: org[8] } };
  const expected = creditCheckDigit(code.slice(0, 17));
  if (code[17] !== expected) return { messageId: 'invalidCheckDigit', data: { expected, actual: code[17] } };
  return undefined;
}
