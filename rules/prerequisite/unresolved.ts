import { defineRule } from '../../src/rule-api/index.js';
import { cancelledBy } from './cancelled-entry.js';
import { asRef, chainIncomplete, resolveRef, itemsGiving } from './resolve.js';

interface Options {
  types: string[];
}

/**
 * A `prerequisites` entry that resolves (in the region chain) to no item (`unresolved`), by code
 * to an item of another name (`mismatchedName`), or to an item whose type cannot be a
 * prerequisite approval (`wrongType`). A reference to an item a decision in force cancelled is
 * `prerequisite/cancelled`'s, not unresolved.
 */
export default defineRule<Options>({
  id: 'prerequisite/unresolved',
  description: { 'zh-CN': '前置审批事项不存在或不是审批类事项', en: 'Prerequisite approval resolves to no item, or to one that is not an approval' },
  severity: 'error',
  lineage: true,
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { types: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } },
  },
  defaultOptions: { types: ['行政许可', '政府内部审批', '其他行政权力'] },
  messages: {
    'zh-CN': {
      unresolved: '事项「{item}」的前置审批「{name}」不在本级或上级清单中',
      mismatchedName: '事项「{item}」的前置审批编码 {code} 在清单中名为「{targetName}」，此处写作「{name}」',
      wrongType: '事项「{item}」的前置审批「{targetName}」（{targetCode}）是{targetType}事项，前置审批只能是 {types} 事项',
      related: '{targetRegion:region}清单中的该事项',
    },
    en: {
      unresolved: 'Item "{item}": prerequisite "{name}" is in no list of this or an upper level',
      mismatchedName: 'Item "{item}": prerequisite {code} is named "{targetName}" in the list but "{name}" here',
      wrongType: 'Item "{item}": prerequisite "{targetName}" ({targetCode}) is of type {targetType}; a prerequisite approval must be of type {types}',
      related: 'the item in the list of {targetRegion:region}',
    },
  },
  dataset(dataset, context) {
    const types = new Set(context.options.types);
    for (const region of dataset.regions.values()) {
      let incomplete: boolean | undefined;
      for (const item of itemsGiving(region, 'prerequisites')) {
        const list = item.item.prerequisites;
        if (!Array.isArray(list)) continue;
        list.forEach((value, j) => {
          const ref = asRef(value);
          if (!ref) return;
          const path = [...item.path, 'prerequisites', j];
          const found = resolveRef(ref, region);
          if (!found) {
            incomplete ??= chainIncomplete(dataset, region);
            if (incomplete || cancelledBy(ref, region, dataset)) return;
            context.report({ messageId: 'unresolved', file: item.file, path, data: { item: item.summary.name, code: ref.code, name: ref.name } });
            return;
          }
          const target = found.item;
          const facts = {
            item: item.summary.name, code: ref.code, name: ref.name,
            targetCode: target.summary.code, targetName: target.summary.name, targetType: target.summary.type,
            targetRegion: target.region.code, targetRegionName: target.region.name, types: [...types],
          };
          if (found.mismatchedName) {
            context.report({ messageId: 'mismatchedName', file: item.file, path, data: facts, related: [{ file: target.file, path: [...target.path, 'name'] }] });
          }
          if (!types.has(target.summary.type)) {
            context.report({ messageId: 'wrongType', file: item.file, path, data: facts, related: [{ file: target.file, path: [...target.path, 'type'] }] });
          }
        });
      }
    }
  },
});
