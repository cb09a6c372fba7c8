import { defineRule } from '../../src/rule-api/index.js';
import { asRef, catalogs, chainIncomplete, listsEntry, resolveRef } from '../prerequisite/resolve.js';

/**
 * An `intermediaryCatalog` entry's `items` element that resolves (in the catalog's region chain)
 * to no item (`unresolved`), by code to an item of another name (`mismatchedName`), or to an item
 * whose `intermediaries` do not list the service (`notListed`).
 */
export default defineRule({
  id: 'intermediary/catalog-link',
  description: { 'zh-CN': '中介服务事项清单所服务的事项不存在或未列明该服务', en: 'Intermediary catalog entry serves a missing item, or one that does not list it' },
  severity: 'warning',
  lineage: true,
  messages: {
    'zh-CN': {
      unresolved: '中介服务「{service}」所服务的事项「{name}」不在本级或上级清单中',
      mismatchedName: '中介服务「{service}」所服务的事项编码 {code} 在清单中名为「{itemName}」，此处写作「{name}」',
      notListed: '中介服务「{service}」所服务的事项「{itemName}」（{itemCode}）的中介服务中没有列明该服务',
      related: '{itemRegion:region}清单中的该事项',
    },
    en: {
      unresolved: 'Intermediary service "{service}" serves item "{name}", which is in no list of this or an upper level',
      mismatchedName: 'Intermediary service "{service}" serves item {code}, named "{itemName}" in the list but "{name}" here',
      notListed: 'Intermediary service "{service}" serves item "{itemName}" ({itemCode}), whose intermediary services do not list it',
      related: 'the item in the list of {itemRegion:region}',
    },
  },
  dataset(dataset, context) {
    const index = catalogs(dataset, 'intermediaryCatalog');
    if (!index.present) return;
    for (const region of dataset.regions.values()) {
      const incomplete = chainIncomplete(dataset, region);
      for (const entry of index.byRegion.get(region.code) ?? []) {
        const served = entry.value.items;
        if (!Array.isArray(served)) continue;
        served.forEach((value, m) => {
          const ref = asRef(value);
          if (!ref) return;
          const path = [...entry.path, 'items', m];
          const service = entry.ref.name;
          const found = resolveRef(ref, region);
          if (!found) {
            if (!incomplete) context.report({ messageId: 'unresolved', file: entry.file, path, data: { service, code: ref.code, name: ref.name } });
            return;
          }
          const item = found.item;
          const where = item.region;
          const facts = { service, code: ref.code, name: ref.name, itemCode: item.summary.code, itemName: item.summary.name, itemRegion: where.code, itemRegionName: where.name };
          if (found.mismatchedName) {
            context.report({ messageId: 'mismatchedName', file: entry.file, path, data: facts, related: [{ file: item.file, path: [...item.path, 'name'] }] });
          }
          const listed = item.item.intermediaries;
          const lists = Array.isArray(listed) && listed.some((v) => {
            const r = asRef(v);
            return r !== undefined && listsEntry(r, entry.ref);
          });
          if (!lists) context.report({ messageId: 'notListed', file: entry.file, path, data: facts, related: [{ file: item.file, path: item.path }] });
        });
      }
    }
  },
});
