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

/** Character diff of two raw texts, reference → actual, as fast-diff gives it. */
export function diffText(expected: string, actual: string): DiffOp[] {
  return fastDiff(expected, actual) as DiffOp[];
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * How much of the longer text a character diff keeps (0..1). Two names are *similar* when one
 * contains the other, or this is at least 0.6 (rules.md).
 */
export function keptRatio(a: string, b: string): number {
  const longer = Math.max(codePoints(a), codePoints(b));
  if (longer === 0) return 1;
  let kept = 0;
  for (const [op, text] of fastDiff(a, b)) if (op === 0) kept += codePoints(text);
  return kept / longer;
}

export function similar(a: string, b: string): boolean {
  if (a.length === 0 || b.length === 0) return false;
  return a.includes(b) || b.includes(a) || keptRatio(a, b) >= 0.6;
}

/**
 * Pair leftover removed and inserted elements whose keys are similar: each inserted element takes
 * the most similar removed one still free (ties: the earlier one). Returns index pairs.
 */
export function pairSimilar(removed: { key: string; index: number }[], inserted: { key: string; index: number }[]): [number, number][] {
  const pairs: [number, number][] = [];
  const free = new Set(removed.map((_, i) => i));
  for (const ins of inserted) {
    let best = -1;
    let bestScore = -1;
    for (const r of free) {
      const rem = removed[r];
      if (!similar(rem.key, ins.key)) continue;
      const score = rem.key.includes(ins.key) || ins.key.includes(rem.key) ? 1 + keptRatio(rem.key, ins.key) : keptRatio(rem.key, ins.key);
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    if (best >= 0) {
      free.delete(best);
      pairs.push([removed[best].index, ins.index]);
    }
  }
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
export function diffSequence(from: string[], to: string[]): SequenceEdit[] {
  const n = from.length;
  const m = to.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = from[i] === to[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const edits: SequenceEdit[] = [];
  const removed: number[] = [];
  const inserted: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (from[i] === to[j]) {
      edits.push({ kind: 'match', from: i++, to: j++ });
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      removed.push(i++);
    } else {
      inserted.push(j++);
    }
  }
  while (i < n) removed.push(i++);
  while (j < m) inserted.push(j++);
  const freeRemoved = new Set(removed);
  const freeInserted: number[] = [];
  for (const t of inserted) {
    const f = [...freeRemoved].find((r) => from[r] === to[t]);
    if (f !== undefined) {
      freeRemoved.delete(f);
      edits.push({ kind: 'moved', from: f, to: t });
    } else freeInserted.push(t);
  }
  const pairs = pairSimilar(
    [...freeRemoved].map((r) => ({ key: from[r], index: r })),
    freeInserted.map((t) => ({ key: to[t], index: t })),
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
