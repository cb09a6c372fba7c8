/**
 * The region chain (format.md, "Levels and the region chain"): each region's parent is its
 * explicit `parent`, else the nearest derived candidate that is loaded; the chain is the region
 * followed by its ancestors. An explicit parent that no loaded file has is skipped over: the chain
 * continues from that code's own derived ancestors. Cycles (possible only through explicit
 * parents) are cut.
 */
import { parentCandidates } from './codes.js';

export interface ChainNode {
  code: string;
  /** `region.parent` as written, when given. */
  explicitParent?: string;
}

/** Parent code of every region among `regions` (undefined for a top region). */
export function resolveParents(regions: Iterable<ChainNode>): Map<string, string | undefined> {
  const byCode = new Map<string, ChainNode>();
  for (const r of regions) if (!byCode.has(r.code)) byCode.set(r.code, r);
  const parents = new Map<string, string | undefined>();
  for (const r of byCode.values()) {
    let parent: string | undefined;
    if (r.explicitParent !== undefined) {
      // A parent no loaded file has: the chain goes on from that code as if it were there.
      const p = r.explicitParent;
      parent = byCode.has(p) ? p : parentCandidates(p).find((c) => c !== r.code && byCode.has(c));
    } else {
      parent = parentCandidates(r.code).find((c) => byCode.has(c));
    }
    parents.set(r.code, parent);
  }
  return parents;
}

/** The chain of `code`: itself, its parent, the parent's parent, … (cycle-safe). */
export function chainOf(code: string, parents: Map<string, string | undefined>): string[] {
  const chain = [code];
  const seen = new Set(chain);
  for (let p = parents.get(code); p !== undefined && !seen.has(p); p = parents.get(p)) {
    chain.push(p);
    seen.add(p);
  }
  return chain;
}
