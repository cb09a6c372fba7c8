/**
 * `--report-only-given` with `--cache` (the commit hook): check only the regions the given files'
 * findings can depend on, instead of the whole dataset.
 *
 * A finding reported in a region's file (or elsewhere, with a related location there) depends on
 * that region, its ancestors and its descendants, and on the files carrying top-level lists
 * (decisions, catalogs), for every rule that declares `lineage` (every built-in one). So the run
 * takes, whole: the given files' regions, their ancestors and descendants, every region with a
 * file of lists and that region's ancestors, and every unparsable file (they make coverage rules
 * silent). That set is closed under "parent of", so each region's chain is the one the whole
 * dataset gives it. Files unchanged by size and time are placed in the region graph from what
 * the cache keeps of them, without reading their records; only the chosen files' records are
 * read. The report, filtered to the given files, is the one a run over the whole dataset gives
 * (test/partial-run.test.ts checks this over generated edits).
 */
import { resolveParents, chainOf, type ChainNode } from '../regions/chain.js';
import type { RuleDefinition } from '../rule-api/index.js';
import type { FileRecord } from '../engine/analyze.js';
import type { FileInput } from '../load/read.js';
import { summaryOf, type FileSummary, type RunCache } from './cache.js';
import type { Unchanged } from './pool.js';

/** Whether every rule with a cross-level hook declares that its findings depend on lineage only. */
export function lineageOnly(rules: Map<string, RuleDefinition>): boolean {
  for (const rule of rules.values()) {
    if ((rule.compare || rule.region || rule.dataset) && rule.lineage !== true) return false;
  }
  return true;
}

export interface PartialPlan {
  /** The chosen files' records, in the inputs' order. */
  records: FileRecord[];
  /** Per input: its record when this run has it (analyzed, or read for a chosen file). */
  held: (FileRecord | undefined)[];
  /** The whole dataset's counts, for the report's summary. */
  regions: number;
  items: number;
}

/**
 * Plan a partial run, analyzing the files that changed (`analyze`). Undefined when it does not
 * apply (a given file without a valid region, a record the cache cannot give): the caller runs
 * over the whole dataset.
 */
export async function planPartial(
  inputs: FileInput[],
  given: Set<string>,
  cache: RunCache,
  analyze: (pending: FileInput[]) => Promise<(FileRecord | Unchanged)[]>,
): Promise<PartialPlan | undefined> {
  const held = new Array<FileRecord | undefined>(inputs.length);
  const summaries = new Array<FileSummary | undefined>(inputs.length);
  const pending: number[] = [];
  inputs.forEach((input, i) => {
    const unchanged = input.abs && input.text === undefined && input.bytes === undefined ? cache.unchanged(input.file, input.abs) : undefined;
    if (unchanged) summaries[i] = unchanged;
    else pending.push(i);
  });
  const fresh = await analyze(pending.map((i) => ({ ...inputs[i], knownHash: cache.known(inputs[i].file) })));
  for (let k = 0; k < pending.length; k++) {
    const i = pending[k];
    const r = fresh[k];
    const record = 'unchanged' in r ? cache.byHash(r.file, r.hash) : r;
    if (!record) return undefined;
    held[i] = record;
    summaries[i] = summaryOf(record, 0, 0);
  }
  // The region graph of the whole dataset, as the dataset would build it (files in path order).
  const nodes = new Map<string, ChainNode>();
  let items = 0;
  inputs.forEach((_, i) => {
    const s = summaries[i]!;
    items += s.items;
    if (!s.region) return;
    const node = nodes.get(s.region);
    if (!node) nodes.set(s.region, s.parent !== undefined ? { code: s.region, explicitParent: s.parent } : { code: s.region });
    else if (node.explicitParent === undefined && s.parent !== undefined) node.explicitParent = s.parent;
  });
  const parents = resolveParents(nodes.values());
  const chains = new Map([...nodes.keys()].map((code) => [code, chainOf(code, parents)]));
  const chosen = new Set<string>();
  const givenRegions = new Set<string>();
  for (let i = 0; i < inputs.length; i++) {
    if (!given.has(inputs[i].file)) continue;
    const region = summaries[i]!.region;
    if (!region) return undefined; // its findings are its own, but keep the rule simple: run whole
    givenRegions.add(region);
  }
  for (const [code, chain] of chains) {
    if (chain.some((c) => givenRegions.has(c))) for (const c of chain) chosen.add(c); // descendants (and the given regions) with their chains
  }
  inputs.forEach((_, i) => {
    const s = summaries[i]!;
    if (s.lists && s.region) for (const c of chains.get(s.region)!) chosen.add(c);
  });
  const records: FileRecord[] = [];
  for (let i = 0; i < inputs.length; i++) {
    const s = summaries[i]!;
    if (!(s.failed || (s.region && chosen.has(s.region)))) continue;
    held[i] ??= cache.recordOf(inputs[i].file);
    if (!held[i]) return undefined;
    records.push(held[i]!);
  }
  return { records, held, regions: nodes.size, items };
}
