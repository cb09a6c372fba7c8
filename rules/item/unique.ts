/**
 * Shared by item/unique-code and item/unique-name: within a region (all its files), report
 * every occurrence after the first, files in path order, then by position.
 */
import { type ItemView, type RegionView, type RuleContext } from '../../src/rule-api/index.js';

export function reportDuplicates(region: RegionView, context: RuleContext, key: (ref: ItemView) => string, field: 'code' | 'name'): void {
  const first = new Map<string, ItemView>();
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
