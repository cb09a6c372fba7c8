import { defineRule } from '../../src/rule-api/index.js';
import { checkListedInCatalog } from '../prerequisite/resolve.js';

/**
 * An item's `fees` entry that no `feeCatalog` of its region's chain lists (清单之外无收费);
 * or one that matches a catalog entry by code under another name
 * (`mismatchedName`, once). Runs only when some loaded file has the catalog.
 */
export default defineRule({
  id: 'fee/not-in-catalog',
  description: { 'zh-CN': '收费项目未纳入收费目录清单', en: 'Fee not in the fee catalog' },
  severity: 'error',
  lineage: true,
  messages: {
    'zh-CN': {
      notInCatalog: '事项「{item}」的收费项目「{name}」不在本级或上级的收费目录清单中，清单之外不得收费',
      mismatchedName: '事项「{item}」的收费项目编码 {code} 在收费目录清单中名为「{catalogName}」，此处写作「{name}」',
      related: '{catalogRegion:region}收费目录清单中的该收费项目',
    },
    en: {
      notInCatalog: 'Item "{item}" charges fee "{name}", which no fee catalog of this or an upper level lists; no fee may be charged outside the catalog',
      mismatchedName: 'Item "{item}" charges fee {code}, named "{catalogName}" in the catalog but "{name}" here',
      related: 'the fee in the fee catalog of {catalogRegion:region}',
    },
  },
  dataset(dataset, context) {
    checkListedInCatalog(dataset, context, 'feeCatalog', 'fees');
  },
});
