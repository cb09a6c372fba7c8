import { defineRule, type ItemView } from '../../src/rule-api/index.js';
import { asRef, resolveRef, itemsGiving } from './resolve.js';

/**
 * Prerequisites that form a cycle. A reference resolves in its region's chain, so it leads to an
 * item of the same region or of an ancestor: every cycle lies within one region's own items.
 * Each strongly connected component of a region's prerequisite graph (or an item that requires
 * itself) is one cycle: reported once, at the entry of its first item (path order, then line)
 * that leads into the cycle, `related` at the other items' entries.
 */
export default defineRule({
  id: 'prerequisite/cycle',
  description: { 'zh-CN': '前置审批构成循环', en: 'Prerequisite approvals form a cycle' },
  severity: 'error',
  lineage: true,
  messages: {
    'zh-CN': {
      cycle: '前置审批构成循环：{names} 互为前置（{count} 个事项），申请人无法办理其中任何一项',
      selfCycle: '事项「{name}」（{code}）把自身列为前置审批',
      related: '循环中的另一事项的前置审批',
    },
    en: {
      cycle: 'Prerequisite approvals form a cycle: {names} require each other ({count} items), so none of them can be obtained',
      selfCycle: 'Item "{name}" ({code}) lists itself as a prerequisite',
      related: 'the prerequisite of another item of the cycle',
    },
  },
  dataset(dataset, context) {
    for (const region of dataset.regions.values()) {
      // Edges within the region: item -> [entry index, target] in entry order.
      const edges = new Map<ItemView, [number, ItemView][]>();
      for (const item of itemsGiving(region, 'prerequisites')) {
        const list = item.item.prerequisites;
        if (!Array.isArray(list) || list.length === 0) continue;
        const out: [number, ItemView][] = [];
        list.forEach((value, j) => {
          const ref = asRef(value);
          const target = ref && resolveRef(ref, region)?.item;
          if (target && target.region.code === region.code) out.push([j, target]);
        });
        if (out.length > 0) edges.set(item, out);
      }
      if (edges.size === 0) continue;
      for (const component of components(region.items, edges)) {
        const members = new Set(component);
        const selfLoop = component.length === 1 && (edges.get(component[0]) ?? []).some(([, t]) => t === component[0]);
        if (component.length === 1 && !selfLoop) continue;
        const order = [...component].sort(byPlace);
        const entryOf = (item: ItemView) => [...item.path, 'prerequisites', edges.get(item)!.find(([, t]) => members.has(t))![0]];
        const [first, ...others] = order;
        context.report({
          messageId: selfLoop ? 'selfCycle' : 'cycle',
          file: first.file,
          path: entryOf(first),
          itemCode: first.summary.code,
          data: selfLoop
            ? { code: first.summary.code, name: first.summary.name }
            : { names: order.map((i) => i.summary.name), codes: order.map((i) => i.summary.code), count: order.length },
          related: others.map((i) => ({ file: i.file, path: entryOf(i) })),
        });
      }
    }
  },
});

/** Path order, then position in the file. */
function byPlace(a: ItemView, b: ItemView): number {
  if (a.file.file !== b.file.file) return a.file.file < b.file.file ? -1 : 1;
  return a.index - b.index;
}

/** Tarjan's strongly connected components (iterative), nodes in the given order. */
function components(nodes: readonly ItemView[], edges: Map<ItemView, [number, ItemView][]>): ItemView[][] {
  const index = new Map<ItemView, number>();
  const low = new Map<ItemView, number>();
  const onStack = new Set<ItemView>();
  const stack: ItemView[] = [];
  const result: ItemView[][] = [];
  let next = 0;
  for (const root of nodes) {
    if (index.has(root) || !edges.has(root)) continue;
    const work: [ItemView, number][] = [[root, 0]];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      const out = edges.get(v) ?? [];
      if (i < out.length) {
        frame[1]++;
        const w = out[i][1];
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: ItemView[] = [];
        let w: ItemView;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        result.push(component);
      }
    }
  }
  return result;
}
