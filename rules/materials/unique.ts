import { defineRule, normalize } from '../../src/rule-api/index.js';

/** One normalized material name twice in an item. */
export default defineRule({
  id: 'materials/unique',
  description: { 'zh-CN': '同一事项内申报材料不重复', en: 'Material names are unique within an item' },
  severity: 'error',
  messages: {
    'zh-CN': { duplicate: '申报材料「{name}」重复（第{first}项已有）' },
    en: { duplicate: 'Material "{name}" is listed twice (first as no. {first})' },
  },
  item(ref, context) {
    const seen = new Map<string, number>();
    ref.item.materials.forEach((m, i) => {
      const k = normalize(m.name);
      const first = seen.get(k);
      if (first === undefined) {
        seen.set(k, i);
        return;
      }
      context.report({ messageId: 'duplicate', path: [...ref.path, 'materials', i, 'name'], data: { name: m.name, first: first + 1 }, related: [{ file: ref.file, path: [...ref.path, 'materials', first, 'name'] }] });
    });
  },
});
