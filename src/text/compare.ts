/**
 * Text comparison helpers shared by the cross-level rules (format.md, "Text comparison"):
 * normalization, similarity, character diffs, and pairing of renamed elements.
 */
import fastDiff from 'fast-diff';
import type { DiffOp } from '../types.js';

const WHITESPACE = /\s+/gu;

/** NFKC, then every white-space character removed; the raw text when `strict`. */
export function normalize(text: string, strict = false): string {
  if (strict) return text;
  return text.normalize('NFKC').replace(WHITESPACE, '');
}

/**
 * Bounds on the per-item comparisons (docs/security.md, "Resource limits"). Under them every
 * result is exact; beyond them the comparison is approximated (never skipped: every difference is
 * still reported) and the {@link CompareLimits} passed in records it, so the rule can say so.
 */
export const LIMITS = {
  /** A character diff or similarity of two texts whose lengths multiply to more than this (UTF-16 units) is coarse. */
  diffCells: 1_000_000,
  /** Pairing similar names: at most this much diff work (Σ length × length over the pairs tried). */
  pairingCells: 10_000_000,
  /** Ordered lists: the exact longest-common-subsequence table up to this many cells (elements × elements). */
  lcsCells: 1_000_000,
  /** Ordered lists beyond that: the shortest edit script searched up to (elements) × (edits) = this. */
  editWork: 20_000_000,
} as const;

/** Set when a comparison went over one of the {@link LIMITS}. */
export interface CompareLimits {
  exceeded: boolean;
}

/** Character diff of two raw texts, reference → actual, as fast-diff gives it (coarse beyond the limit). */
export function diffText(expected: string, actual: string, limits?: CompareLimits): DiffOp[] {
  if (expected.length * actual.length > LIMITS.diffCells) {
    if (limits) limits.exceeded = true;
    return coarseDiff(expected, actual);
  }
  return fastDiff(expected, actual) as DiffOp[];
}

/** Common prefix and suffix kept, the middles deleted and inserted: linear time, never splits a surrogate pair. */
function coarseDiff(a: string, b: string): DiffOp[] {
  const { prefix, suffix } = commonEnds(a, b);
  const ops: DiffOp[] = [];
  if (prefix > 0) ops.push([0, a.slice(0, prefix)] as DiffOp);
  if (a.length - suffix > prefix) ops.push([-1, a.slice(prefix, a.length - suffix)] as DiffOp);
  if (b.length - suffix > prefix) ops.push([1, b.slice(prefix, b.length - suffix)] as DiffOp);
  if (suffix > 0) ops.push([0, a.slice(a.length - suffix)] as DiffOp);
  return ops;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && prefix < max && isHighSurrogate(a.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < max - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  if (suffix > 0 && suffix < max - prefix && isHighSurrogate(a.charCodeAt(a.length - 1 - suffix))) suffix--;
  return { prefix, suffix };
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * How much of the longer text a character diff keeps (0..1). Two names are *similar* when one
 * contains the other, or this is at least 0.6 (rules.md). Beyond the limit, the common prefix and
 * suffix are what is counted as kept (a lower bound).
 */
export function keptRatio(a: string, b: string, limits?: CompareLimits): number {
  const longer = Math.max(codePoints(a), codePoints(b));
  if (longer === 0) return 1;
  let kept = 0;
  for (const [op, text] of diffText(a, b, limits)) if (op === 0) kept += codePoints(text);
  return kept / longer;
}

export function similar(a: string, b: string, limits?: CompareLimits): boolean {
  return pairScore(a, b, limits) >= 0;
}

/** -1 when not similar; else how well two keys pair (containing ones first, then by kept ratio). */
function pairScore(a: string, b: string, limits?: CompareLimits): number {
  if (a.length === 0 || b.length === 0) return -1;
  const contains = a.includes(b) || b.includes(a);
  const ratio = keptRatio(a, b, limits);
  if (contains) return 1 + ratio;
  return ratio >= 0.6 ? ratio : -1;
}

/**
 * Pair leftover removed and inserted elements whose keys are similar: each inserted element takes
 * the most similar removed one still free (ties: the earlier one). Returns index pairs. When trying
 * every pair would cost more than {@link LIMITS.pairingCells}, the k-th inserted element is tried
 * only against the removed ones around the same relative position (a window as wide as the budget
 * allows), and `limits` records it.
 */
export function pairSimilar(removed: { key: string; index: number }[], inserted: { key: string; index: number }[], limits?: CompareLimits): [number, number][] {
  const pairs: [number, number][] = [];
  if (removed.length === 0 || inserted.length === 0) return pairs;
  const cost = (list: { key: string }[]) => list.reduce((sum, e) => sum + e.key.length, 0);
  const removedCost = cost(removed);
  const insertedCost = cost(inserted);
  const taken = new Uint8Array(removed.length);
  let window = removed.length;
  if (removedCost * insertedCost > LIMITS.pairingCells) {
    if (limits) limits.exceeded = true;
    const perPair = Math.min(LIMITS.diffCells, Math.max(1, (removedCost / removed.length) * (insertedCost / inserted.length)));
    const tries = Math.floor(LIMITS.pairingCells / perPair / inserted.length);
    window = Math.max(0, Math.floor((tries - 1) / 2));
  }
  inserted.forEach((ins, k) => {
    const center = Math.floor((k * removed.length) / inserted.length);
    const from = window >= removed.length ? 0 : Math.max(0, center - window);
    const to = window >= removed.length ? removed.length - 1 : Math.min(removed.length - 1, center + window);
    let best = -1;
    let bestScore = -1;
    for (let r = from; r <= to; r++) {
      if (taken[r]) continue;
      const score = pairScore(removed[r].key, ins.key, limits);
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    if (best >= 0) {
      taken[best] = 1;
      pairs.push([removed[best].index, ins.index]);
    }
  });
  return pairs;
}

export type SequenceEdit =
  | { kind: 'match'; from: number; to: number }
  | { kind: 'moved'; from: number; to: number }
  | { kind: 'renamed'; from: number; to: number }
  | { kind: 'inserted'; to: number }
  | { kind: 'removed'; from: number };

/**
 * Compare two sequences of keys (order matters): a longest common subsequence gives the
 * matches; an unmatched element whose key is left over on the other side was moved; similar
 * leftovers were renamed; the rest were inserted or removed. Each difference appears once.
 */
export function diffSequence(from: string[], to: string[], limits?: CompareLimits): SequenceEdit[] {
  const { matches, removed, inserted } = align(from, to, limits);
  const edits: SequenceEdit[] = matches.map(([f, t]) => ({ kind: 'match', from: f, to: t }));
  // Moved: an inserted element takes the first removed one with the same key.
  const removedByKey = new Map<string, number[]>();
  for (const r of removed) {
    const list = removedByKey.get(from[r]);
    if (list) list.push(r);
    else removedByKey.set(from[r], [r]);
  }
  const movedFrom = new Set<number>();
  const freeInserted: number[] = [];
  for (const t of inserted) {
    const list = removedByKey.get(to[t]);
    const f = list?.shift();
    if (f !== undefined) {
      movedFrom.add(f);
      edits.push({ kind: 'moved', from: f, to: t });
    } else freeInserted.push(t);
  }
  const freeRemoved = new Set(removed.filter((r) => !movedFrom.has(r)));
  const pairs = pairSimilar(
    [...freeRemoved].map((r) => ({ key: from[r], index: r })),
    freeInserted.map((t) => ({ key: to[t], index: t })),
    limits,
  );
  const pairedTo = new Set<number>();
  for (const [f, t] of pairs) {
    freeRemoved.delete(f);
    pairedTo.add(t);
    edits.push({ kind: 'renamed', from: f, to: t });
  }
  for (const t of freeInserted) if (!pairedTo.has(t)) edits.push({ kind: 'inserted', to: t });
  for (const f of freeRemoved) edits.push({ kind: 'removed', from: f });
  return edits;
}

interface Alignment {
  /** Matched index pairs, ascending. */
  matches: [number, number][];
  /** Unmatched indices of `from`, ascending. */
  removed: number[];
  /** Unmatched indices of `to`, ascending. */
  inserted: number[];
}

/**
 * A longest common subsequence: the exact table when it has at most {@link LIMITS.lcsCells} cells;
 * beyond, the common ends, then the table on the middles if small enough, else the shortest edit
 * script (Myers) up to {@link LIMITS.editWork}; beyond that the middles stay unmatched.
 */
function align(from: string[], to: string[], limits?: CompareLimits): Alignment {
  const n = from.length;
  const m = to.length;
  if (n * m <= LIMITS.lcsCells) return lcsTable(from, to, 0, n, 0, m);
  let prefix = 0;
  while (prefix < n && prefix < m && from[prefix] === to[prefix]) prefix++;
  let suffix = 0;
  while (suffix < n - prefix && suffix < m - prefix && from[n - 1 - suffix] === to[m - 1 - suffix]) suffix++;
  const a0 = prefix;
  const a1 = n - suffix;
  const b0 = prefix;
  const b1 = m - suffix;
  let middle: Alignment;
  if ((a1 - a0) * (b1 - b0) <= LIMITS.lcsCells) middle = lcsTable(from, to, a0, a1, b0, b1);
  else {
    const matched = myers(from, to, a0, a1, b0, b1);
    if (matched) middle = fromMatches(matched, a0, a1, b0, b1);
    else {
      if (limits) limits.exceeded = true;
      middle = fromMatches(uniqueMatches(from, to, a0, a1, b0, b1), a0, a1, b0, b1);
    }
  }
  const matches: [number, number][] = [];
  for (let i = 0; i < prefix; i++) matches.push([i, i]);
  matches.push(...middle.matches);
  for (let k = suffix; k > 0; k--) matches.push([n - k, m - k]);
  return { matches, removed: middle.removed, inserted: middle.inserted };
}

/** The exact table on from[a0..a1) × to[b0..b1), read forwards (removals before insertions on ties). */
function lcsTable(from: string[], to: string[], a0: number, a1: number, b0: number, b1: number): Alignment {
  const n = a1 - a0;
  const m = b1 - b0;
  const width = m + 1;
  const lcs = new Int32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = from[a0 + i] === to[b0 + j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const matches: [number, number][] = [];
  const removed: number[] = [];
  const inserted: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (from[a0 + i] === to[b0 + j]) {
      matches.push([a0 + i++, b0 + j++]);
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      removed.push(a0 + i++);
    } else {
      inserted.push(b0 + j++);
    }
  }
  while (i < n) removed.push(a0 + i++);
  while (j < m) inserted.push(b0 + j++);
  return { matches, removed, inserted };
}

function fromMatches(matches: [number, number][], a0: number, a1: number, b0: number, b1: number): Alignment {
  const usedA = new Set(matches.map(([f]) => f));
  const usedB = new Set(matches.map(([, t]) => t));
  const removed: number[] = [];
  const inserted: number[] = [];
  for (let i = a0; i < a1; i++) if (!usedA.has(i)) removed.push(i);
  for (let j = b0; j < b1; j++) if (!usedB.has(j)) inserted.push(j);
  return { matches, removed, inserted };
}

/**
 * The fallback alignment (as patience diff anchors): keys that occur once on each side, the
 * longest run of them in the same order. O(n log n); not always a longest common subsequence.
 */
function uniqueMatches(from: string[], to: string[], a0: number, a1: number, b0: number, b1: number): [number, number][] {
  const count = new Map<string, [number, number, number]>(); // occurrences in from, in to, index in to
  for (let i = a0; i < a1; i++) {
    const c = count.get(from[i]);
    if (c) c[0]++;
    else count.set(from[i], [1, 0, -1]);
  }
  for (let j = b0; j < b1; j++) {
    const c = count.get(to[j]);
    if (c) {
      c[1]++;
      c[2] = j;
    }
  }
  const candidates: [number, number][] = [];
  for (let i = a0; i < a1; i++) {
    const c = count.get(from[i])!;
    if (c[0] === 1 && c[1] === 1) candidates.push([i, c[2]]);
  }
  // Longest increasing run of `to` indices (patience sorting).
  const tails: number[] = [];
  const previous = new Int32Array(candidates.length).fill(-1);
  candidates.forEach(([, j], k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (candidates[tails[mid]][1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[k] = tails[lo - 1];
    tails[lo] = k;
  });
  const matches: [number, number][] = [];
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = previous[k]) matches.push(candidates[k]);
  return matches.reverse();
}

/**
 * Myers' shortest edit script on from[a0..a1) × to[b0..b1), giving up (undefined) once more edits
 * than {@link LIMITS.editWork} / (length of both) would be needed. Matched pairs, ascending.
 */
function myers(from: string[], to: string[], a0: number, a1: number, b0: number, b1: number): [number, number][] | undefined {
  const n = a1 - a0;
  const m = b1 - b0;
  const maxD = Math.min(n + m, Math.floor(LIMITS.editWork / Math.max(1, n + m)));
  const offset = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= maxD; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && from[a0 + x] === to[b0 + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return backtrack(trace, n, m, a0, b0);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return undefined;
}

function backtrack(trace: Int32Array[], n: number, m: number, a0: number, b0: number): [number, number][] {
  const matches: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1];
    const at = (k: number) => prev[k + d - 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const startX = prevK === k + 1 ? prevX : prevX + 1; // after the insertion or the deletion
    while (x > startX) {
      matches.push([a0 + x - 1, b0 + y - 1]);
      x--;
      y--;
    }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    matches.push([a0 + x - 1, b0 + y - 1]);
    x--;
    y--;
  }
  return matches.reverse();
}
