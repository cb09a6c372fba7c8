import { defineRule, diffText, normalize, pairSimilar, type CompareLimits, type Material } from '../../src/rule-api/index.js';

const ATTRIBUTES = ['form', 'copies', 'necessity'] as const;
const OPTIONAL_ATTRIBUTES = ['medium', 'source'] as const;

/**
 * 申报材料一致: the set of materials, matched by normalized name; a missing and an extra
 * material with similar names are one rename; attributes of matched materials are compared.
 */
export default defineRule<{ strict: boolean; allowFewer: boolean }>({
  id: 'consistency/materials',
  description: { 'zh-CN': '申报材料与上级清单一致', en: 'Application materials equal the upper-level reference' },
  facet: 'materials',
  severity: 'error',
  lineage: true,
  fiveConsistencies: true,
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      strict: { type: 'boolean', description: '比较原文 / compare raw text' },
      allowFewer: { type: 'boolean', description: '下级可减少材料（减材料） / a lower level may drop materials' },
    },
  },
  defaultOptions: { strict: false, allowFewer: false },
  messages: {
    'zh-CN': {
      missing: '缺少上级清单的申报材料「{expected}」',
      extra: '申报材料「{actual}」不在上级清单中',
      renamed: '申报材料「{actual}」与上级清单的「{expected}」名称不一致',
      attributeDiffers: '申报材料「{material}」的{attributeTitle}为「{actual}」，上级清单为「{expected}」',
      tooLarge: '申报材料过多或名称过长（本级{count}项，上级清单{referenceCount}项），超出精确比较的上限，已作近似比较：改名的材料可能报告为缺少和多出，字符差异可能较粗',
    },
    en: {
      missing: 'Missing the upper level\'s material "{expected}"',
      extra: 'Material "{actual}" is not in the upper level\'s list',
      renamed: 'Material "{actual}" is named "{expected}" at the upper level',
      attributeDiffers: 'Material "{material}": {attribute} is "{actual}", the upper level has "{expected}"',
      tooLarge: 'Too many or too long materials to compare exactly (this level {count}, the upper level {referenceCount}): compared approximately, so a renamed material may be reported as missing plus extra, and diffs may be coarse',
    },
  },
  compare({ item, reference }, context) {
    const { strict, allowFewer } = context.options;
    const mine = item.item.materials;
    const theirs = reference.item.materials;
    const key = (m: Material) => normalize(m.name, strict);
    const mineByName = firstByKey(mine, key);
    const theirsByName = firstByKey(theirs, key);
    const matched: [number, number][] = [];
    const missing: { key: string; index: number }[] = [];
    const extra: { key: string; index: number }[] = [];
    for (const [k, ti] of theirsByName) {
      const mi = mineByName.get(k);
      if (mi === undefined) missing.push({ key: k, index: ti });
      else matched.push([ti, mi]);
    }
    for (const [k, mi] of mineByName) if (!theirsByName.has(k)) extra.push({ key: k, index: mi });
    // Bounded (docs/security.md): beyond the limits the pairing and diffs are approximate, and one
    // `tooLarge` notice says so.
    const limits: CompareLimits = { exceeded: false };
    const renamed = pairSimilar(missing, extra, limits);
    const renamedFrom = new Set(renamed.map(([t]) => t));
    const renamedTo = new Set(renamed.map(([, m]) => m));
    const ref = (path: (string | number)[]) => [{ file: reference.file, path: [...reference.path, 'materials', ...path] }];

    for (const m of missing) {
      if (renamedFrom.has(m.index) || allowFewer) continue;
      context.report({ messageId: 'missing', path: [...item.path, 'materials'], data: { expected: theirs[m.index].name }, related: ref([m.index]) });
    }
    for (const e of extra) {
      if (renamedTo.has(e.index)) continue;
      context.report({ messageId: 'extra', path: [...item.path, 'materials', e.index], data: { actual: mine[e.index].name }, related: [{ file: reference.file, path: [...reference.path, 'materials'] }] });
    }
    for (const [ti, mi] of renamed) {
      const expected = theirs[ti].name;
      const actual = mine[mi].name;
      context.report({ messageId: 'renamed', path: [...item.path, 'materials', mi, 'name'], data: { expected, actual }, diff: diffText(expected, actual, limits), related: ref([ti, 'name']) });
    }
    for (const [ti, mi] of [...matched, ...renamed]) {
      const a = theirs[ti];
      const b = mine[mi];
      for (const attr of [...ATTRIBUTES, ...OPTIONAL_ATTRIBUTES]) {
        const expected = a[attr];
        const actual = b[attr];
        if (expected === undefined || actual === undefined) continue;
        const same = typeof expected === 'string' && typeof actual === 'string' ? normalize(expected, strict) === normalize(actual, strict) : expected === actual;
        if (same) continue;
        context.report({
          messageId: 'attributeDiffers',
          path: [...item.path, 'materials', mi, attr],
          data: { material: b.name, attribute: attr, attributeTitle: TITLES[attr], expected, actual },
          ...(typeof expected === 'string' && typeof actual === 'string' ? { diff: diffText(expected, actual, limits) } : {}),
          related: ref([ti, attr]),
        });
      }
    }
    if (limits.exceeded) {
      context.report({
        messageId: 'tooLarge',
        severity: 'info',
        path: [...item.path, 'materials'],
        data: { count: mine.length, referenceCount: theirs.length },
        related: [{ file: reference.file, path: [...reference.path, 'materials'] }],
      });
    }
  },
});

const TITLES: Record<string, string> = { form: '材料形式', copies: '份数', necessity: '必要性', medium: '材料载体', source: '来源渠道' };

function firstByKey<T>(list: T[], key: (t: T) => string): Map<string, number> {
  const map = new Map<string, number>();
  list.forEach((t, i) => {
    const k = key(t);
    if (!map.has(k)) map.set(k, i);
  });
  return map;
}
