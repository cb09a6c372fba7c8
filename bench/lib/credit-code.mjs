// 统一社会信用代码 (GB 32100-2015) with the 组织机构代码 check digit (GB 11714-1997).

export const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 check character of an 8-char organization code body. */
export function orgCheckChar(body8) {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i];
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55; // A=10..Z=35
    sum += v * ORG_WEIGHTS[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** GB 32100 check character of the first 17 chars. */
export function creditCheckChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new Error(`invalid credit code character ${first17[i]}`);
    sum += v * CREDIT_WEIGHTS[i];
  }
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * A valid credit code for a 机关 (registration authority 1 = 机构编制, category 1 = 机关)
 * in `regionCode` (6 digits) whose 组织机构代码 body is `orgBody8` (8 digits).
 */
export function makeCreditCode(regionCode, orgBody8) {
  const first17 = '11' + regionCode + orgBody8 + orgCheckChar(orgBody8);
  return first17 + creditCheckChar(first17);
}

export function isValidCreditCode(code) {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  if (orgCheckChar(code.slice(8, 16)) !== code[16]) return false;
  return creditCheckChar(code.slice(0, 17)) === code[17];
}
