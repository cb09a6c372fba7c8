/**
 * Shared by item/unique-code and item/unique-name: within a region (all its files), report
 * every occurrence after the first, files in path order, then by position.
 */
import type { ItemRef, RegionData } from '../../src/engine/dataset.js';
import type { RuleContext } from '../../src/engine/rule.js';

export function reportDuplicates(region: RegionData, context: RuleContext, key: (ref: ItemRef) => string, field: 'code' | 'name'): void {
  const first = new Map<string, ItemRef>();
  for (const ref of region.items) {
    const k = key(ref);
    const prev = first.get(k);
    if (!prev) {
      first.set(k, ref);
      continue;
    }
    context.report({
      messageId: 'duplicate',
      file: ref.file,
      path: [...ref.path, field],
      data: { value: ref.summary[field], firstFile: prev.file.file, firstCode: prev.summary.code },
      related: [{ file: prev.file, path: [...prev.path, field] }],
    });
  }
}
