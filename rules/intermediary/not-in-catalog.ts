import { defineRule } from '../../src/rule-api/index.js';
import { checkListedInCatalog } from '../prerequisite/resolve.js';

/**
 * An item's `intermediaries` entry that no `intermediaryCatalog` of its region's chain lists
 * (未纳入清单的中介服务不得作为受理条件); or one that matches a catalog entry by code under
 * another name (`mismatchedName`, once). Runs only when some loaded file has the catalog.
 */
export default defineRule({
  id: 'intermediary/not-in-catalog',
  description: { 'zh-CN': '中介服务未纳入中介服务事项清单', en: 'Intermediary service not in the intermediary service catalog' },
  severity: 'error',
  lineage: true,
  messages: {
    'zh-CN': {
      notInCatalog: '事项「{item}」要求的中介服务「{name}」不在本级或上级的中介服务事项清单中，未纳入清单的中介服务不得作为受理条件',
      mismatchedName: '事项「{item}」要求的中介服务编码 {code} 在中介服务事项清单中名为「{catalogName}」，此处写作「{name}」',
      related: '{catalogRegion:region}中介服务事项清单中的该服务',
    },
    en: {
      notInCatalog: 'Item "{item}" requires intermediary service "{name}", which no intermediary service catalog of this or an upper level lists; a service not in the catalog may not be a condition of acceptance',
      mismatchedName: 'Item "{item}" requires intermediary service {code}, named "{catalogName}" in the catalog but "{name}" here',
      related: 'the service in the intermediary service catalog of {catalogRegion:region}',
    },
  },
  dataset(dataset, context) {
    checkListedInCatalog(dataset, context, 'intermediaryCatalog', 'intermediaries');
  },
});
