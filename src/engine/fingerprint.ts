/**
 * Per-item fingerprints of what each cross-level rule compares (a "facet"): when an item's facet
 * fingerprint equals its reference's, the rule cannot report anything for that pair, so the
 * engine skips it without loading either item's full data. Each facet is fingerprinted twice:
 * normalized (the default comparison) and raw (`strict: true`).
 *
 * Equal fingerprints must imply "no diagnostic"; different ones only mean "compare in full".
 */
import type { Item, Material } from './dataset.js';
import { normalize } from './text.js';

export const FACETS = ['name', 'type', 'basis', 'materials', 'steps', 'timeLimit', 'reviewRules'] as const;
export type Facet = (typeof FACETS)[number];

/**
 * An item's fingerprints packed in one string (cheap to send between threads): 16 hex digits per
 * facet in {@link FACETS} order, normalized; then, when any facet needs it, the raw-text (strict)
 * ones in the same order, `-` where not computed. A missing fingerprint means "compare in full".
 */
export type Fingerprints = string;

const WIDTH = 16;
const MISSING = '-'.repeat(WIDTH);

/** 64-bit FNV-1a over UTF-16 code units, as 16 hex digits (two 32-bit lanes). */
export function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

const SEP = '\u0001';
const SUB = '\u0002';

function facetText(item: Item, facet: Facet, strict: boolean): string {
  const n = (s: unknown) => (typeof s === 'string' ? normalize(s, strict) : String(s ?? ''));
  switch (facet) {
    case 'name':
      return n(item.name);
    case 'type':
      return String(item.type);
    case 'basis':
      return [...new Set((item.basis ?? []).map(n))].sort().join(SEP);
    case 'materials': {
      const first = new Map<string, Material>();
      for (const m of item.materials) {
        const k = n(m.name);
        if (!first.has(k)) first.set(k, m);
      }
      return [...first]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, m]) => [k, n(m.form), m.copies, n(m.necessity), m.medium === undefined ? '' : n(m.medium), m.source === undefined ? '' : n(m.source)].join(SUB))
        .join(SEP);
    }
    case 'steps':
      return item.steps.map((s) => `${n(s.name)}${SUB}${s.days ?? ''}`).join(SEP);
    case 'timeLimit': {
      const { statutory: s, promised: p } = item.timeLimit;
      return `${s ? `${s.value}${SUB}${s.unit}` : ''}${SEP}${p.value}${SUB}${p.unit}`;
    }
    case 'reviewRules':
      return (item.reviewRules ?? []).map(n).join(SEP);
  }
}

/** Fingerprints of one item; `strict` lists the facets that also need a raw-text fingerprint. */
export function fingerprints(item: Item, strict?: ReadonlySet<Facet>): Fingerprints {
  let out = '';
  for (const facet of FACETS) out += hash64(facetText(item, facet, false));
  if (strict && strict.size > 0) for (const facet of FACETS) out += strict.has(facet) ? hash64(facetText(item, facet, true)) : MISSING;
  return out;
}

/** Whether two items' fingerprints of a facet prove the facet equal (false: compare in full). */
export function sameFacet(a: Fingerprints | undefined, b: Fingerprints | undefined, facet: Facet, strict: boolean): boolean {
  if (a === undefined || b === undefined) return false;
  const at = (FACETS.indexOf(facet) + (strict ? FACETS.length : 0)) * WIDTH;
  const x = a.slice(at, at + WIDTH);
  return x.length === WIDTH && x !== MISSING && x === b.slice(at, at + WIDTH);
}
