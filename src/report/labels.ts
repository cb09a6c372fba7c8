/**
 * Labels: the words a message shows for a fact, per locale. Message `data` holds facts only
 * (codes, names, numbers, enum keys); a template asks for a label with `{key:table}` (see
 * {@link interpolate} in `i18n.ts`), so `{unit:unit}` shows `工作日` as "working days" in English.
 *
 * A label may itself hold `{name}` placeholders, filled from the same message data (one level
 * deep): `{reason:creditReason}` with `{ reason: 'length', length: 17 }` → "18 characters
 * expected, found 17". A value with no label is shown as it is; the key `*` labels any value the
 * table does not list, and `''` labels an absent value.
 *
 * The table `region` is not a lookup: `{key:region}` shows a region as `福建省（350000）` in zh-CN
 * and `福建省 (350000)` in en, from a code in `data[key]` and its name in `data[key + 'Name']`, or
 * from `{ code, name }` objects (one, or a list).
 */
import type { Locale } from '../types.js';

export type LabelTable = Record<Locale, Record<string, string>>;

export const LABELS: Record<string, LabelTable> = {
  /** Time-limit units: the values of `timeLimit.*.unit`. */
  unit: {
    'zh-CN': { 工作日: '工作日', 自然日: '自然日' },
    en: { 工作日: 'working days', 自然日: 'calendar days' },
  },
  /** Region levels: the values of `region.level` and `items[].levels`. */
  level: {
    'zh-CN': { province: '省级', city: '市级', district: '县级', street: '乡镇（街道）级' },
    en: { province: 'province', city: 'city', district: 'district', street: 'street' },
  },
  /** Which time limit: `statutory` / `promised`. */
  limit: {
    'zh-CN': { statutory: '法定办结时限', promised: '承诺办结时限' },
    en: { statutory: 'statutory', promised: 'promised' },
  },
  /** Why a unified social credit code is malformed (src/regions/credit-code.ts). */
  creditReason: {
    'zh-CN': {
      length: '应为 18 位，实为 {length} 位',
      char: '含非法字符「{char}」（不使用 I、O、Z、S、V）',
      regionPart: '第 3–8 位应为行政区划码',
      orgFormat: '组织机构代码「{orgCode}」格式错误',
    },
    en: {
      length: '18 characters expected, found {length}',
      char: 'invalid character "{char}" (I, O, Z, S, V are not used)',
      regionPart: 'characters 3–8 must be a region code',
      orgFormat: 'organization code "{orgCode}" is malformed',
    },
  },
  /** Why a region code is invalid (rules/region/code.ts). */
  regionCodeReason: {
    'zh-CN': { provinceZero: '省级代码前两位不能为 00' },
    en: { provinceZero: 'a province code cannot start with 00' },
  },
  /** Why a file could not be read: the system error code (src/load/read.ts); other codes show as they are. */
  readError: {
    'zh-CN': {
      ENOENT: '文件不存在（已删除或链接失效）',
      EACCES: '没有读取权限',
      EPERM: '没有读取权限',
      ELOOP: '符号链接循环',
      EISDIR: '这是一个目录',
      ENAMETOOLONG: '路径过长，系统无法读取',
      ENOTFILE: '不是普通文件（管道、套接字或设备），读取可能永远等待',
    },
    en: {
      ENOENT: 'file not found (deleted, or a broken link)',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      ELOOP: 'symbolic link loop',
      EISDIR: 'it is a directory',
      ENAMETOOLONG: 'the path is too long for the system',
      ENOTFILE: 'not a regular file (a pipe, socket or device): reading it could wait forever',
    },
  },
  /** The encoding a non-UTF-8 file looks like (`looksLike`), if any (src/load/decode.ts). */
  encodingHint: {
    'zh-CN': { '*': '，看起来是 {looksLike} 编码，请另存为 UTF-8', '': '' },
    en: { '*': '; it looks like {looksLike}: save it as UTF-8', '': '' },
  },
};

/** How a list is joined, and how an absent value is shown. */
export const LIST_SEPARATOR: Record<Locale, string> = { 'zh-CN': '、', en: ', ' };
export const NONE: Record<Locale, string> = { 'zh-CN': '（无）', en: '(none)' };

/** A region for people: `福建省（350000）` / `福建省 (350000)`; the code alone when there is no name. */
export function regionLabel(code: string, name: string | undefined, locale: Locale): string {
  if (!name) return code;
  return locale === 'en' ? `${name} (${code})` : `${name}（${code}）`;
}
