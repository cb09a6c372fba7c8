import { defineRule, normalize } from '../../src/rule-api/index.js';
import { asRef, catalogs, findInChain, stringArray, itemsGiving } from '../prerequisite/resolve.js';

/**
 * A fee whose `standard`, or `basis` taken as a set, differs (after normalization) from the
 * `feeCatalog` entry it matches (the first of its region's chain, own region first). A field
 * only one side gives is not compared. Runs only when some loaded file has a fee catalog.
 */
export default defineRule({
  id: 'fee/mismatch',
  description: { 'zh-CN': '收费标准或依据与收费目录清单不一致', en: 'Fee standard or basis differs from the fee catalog' },
  severity: 'warning',
  lineage: true,
  messages: {
    'zh-CN': {
      standard: '事项「{item}」的收费项目「{name}」收费标准为「{actual}」，收费目录清单为「{expected}」',
      basis: '事项「{item}」的收费项目「{name}」收费依据与收费目录清单不一致：缺少 {missing}；多出 {extra}',
      basisMissing: '事项「{item}」的收费项目「{name}」收费依据与收费目录清单不一致：缺少 {missing}',
      basisExtra: '事项「{item}」的收费项目「{name}」收费依据与收费目录清单不一致：多出 {extra}',
      related: '{catalogRegion:region}收费目录清单中的该收费项目',
    },
    en: {
      standard: 'Item "{item}": the standard of fee "{name}" is "{actual}"; the fee catalog has "{expected}"',
      basis: 'Item "{item}": the basis of fee "{name}" differs from the fee catalog: missing {missing}; extra {extra}',
      basisMissing: 'Item "{item}": the basis of fee "{name}" differs from the fee catalog: missing {missing}',
      basisExtra: 'Item "{item}": the basis of fee "{name}" differs from the fee catalog: extra {extra}',
      related: 'the fee in the fee catalog of {catalogRegion:region}',
    },
  },
  dataset(dataset, context) {
    const index = catalogs(dataset, 'feeCatalog');
    if (!index.present) return;
    for (const region of dataset.regions.values()) {
      for (const item of itemsGiving(region, 'fees')) {
        const list = item.item.fees;
        if (!Array.isArray(list)) continue;
        list.forEach((value, j) => {
          const ref = asRef(value);
          if (!ref) return;
          const found = findInChain(index, region, ref);
          if (!found) return;
          const fee = value as { standard?: unknown; basis?: unknown };
          const where = found.file.header?.region;
          const common = { item: item.summary.name, name: ref.name, catalogRegion: where?.code, catalogRegionName: where?.name };
          const path = [...item.path, 'fees', j];
          const expectedStandard = found.value.standard;
          if (typeof fee.standard === 'string' && typeof expectedStandard === 'string' && normalize(fee.standard) !== normalize(expectedStandard)) {
            context.report({
              messageId: 'standard',
              file: item.file,
              path: [...path, 'standard'],
              data: { ...common, actual: fee.standard, expected: expectedStandard },
              related: [{ file: found.file, path: [...found.path, 'standard'] }],
            });
          }
          const actualBasis = stringArray(fee.basis);
          const expectedBasis = stringArray(found.value.basis);
          if (actualBasis && expectedBasis) {
            const mine = new Set(actualBasis.map((s) => normalize(s)));
            const theirs = new Set(expectedBasis.map((s) => normalize(s)));
            const missing = dedupe(expectedBasis.filter((s) => !mine.has(normalize(s))));
            const extra = dedupe(actualBasis.filter((s) => !theirs.has(normalize(s))));
            if (missing.length > 0 || extra.length > 0) {
              context.report({
                messageId: missing.length === 0 ? 'basisExtra' : extra.length === 0 ? 'basisMissing' : 'basis',
                file: item.file,
                path: [...path, 'basis'],
                data: { ...common, missing: missing.length > 0 ? missing : null, extra: extra.length > 0 ? extra : null },
                related: [{ file: found.file, path: [...found.path, 'basis'] }],
              });
            }
          }
        });
      }
    }
  },
});

/** The texts, the first of each normalized value kept. */
function dedupe(texts: string[]): string[] {
  const seen = new Set<string>();
  return texts.filter((t) => {
    const key = normalize(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
