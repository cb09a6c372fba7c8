/**
 * The 取消 decision entry in force for a region that a prerequisite reference names, if any
 * (shared by `prerequisite/cancelled` and `prerequisite/unresolved`).
 */
import { normalize, type DatasetView, type RegionView } from '../../src/rule-api/index.js';
import { decisionsOf, entriesInForce, matches, type EntryInForce } from '../decision/decisions.js';
import { resolveRef, type Ref } from './resolve.js';

/**
 * The first 取消 entry in force for `region` (its own decisions first, then its ancestors') that
 * cancels the referenced item: the item the reference resolves to when it resolves, else the
 * reference itself (by code where both have one, else by normalized name).
 */
export function cancelledBy(ref: Ref, region: RegionView, dataset: DatasetView): EntryInForce | undefined {
  if (!decisionsOf(dataset).any) return undefined;
  const cancels = entriesInForce(region, dataset).filter((e) => e.action === '取消');
  if (cancels.length === 0) return undefined;
  const found = resolveRef(ref, region);
  if (found) return cancels.find((e) => matches(e, found.item));
  return cancels.find((e) => (e.code !== undefined && ref.code !== undefined ? e.code === ref.code : e.normalizedName === normalize(ref.name)));
}
