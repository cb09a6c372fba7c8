/**
 * Per-item fingerprints of what each cross-level rule compares (a "facet"): when an item's facet
 * fingerprint equals its reference's, the rule cannot report anything for that pair, so the
 * engine skips it without loading either item's full data. Each facet is fingerprinted twice:
 * normalized (the default comparison) and raw (`strict: true`).
 *
 * Equal fingerprints must imply "no diagnostic"; different ones only mean "compare in full".
 */
import type { Item, Material } from '../rule-api/checklist.js';
import { normalize } from '../text/compare.js';

import { FACETS, type Facet } from '../rule-api/rule.js';

export { FACETS, type Facet };

/**
 * An item's fingerprints packed in one string (cheap to send between threads): 64 bits as four
 * UTF-16 code units per facet in {@link FACETS} order, normalized; then, when any facet needs it,
 * the raw-text (strict) ones in the same order, U+FFFF where not computed. A missing fingerprint
 * means "compare in full".
 */
export type Fingerprints = string;

const WIDTH = 4;
const MISSING = '\uffff'.repeat(WIDTH);

/** Two 32-bit lanes of FNV-1a-style hashing over UTF-16 code units. */
function hashText(text: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return [h1, h2];
}

/** The same 64 bits as four UTF-16 code units: compact to store and to send between threads. */
function packed(a: number, b: number): string {
  return String.fromCharCode(a & 0xffff, a >>> 16, b & 0xffff, b >>> 16);
}

/** A text as compared (normalized, or raw when strict) and the hash of that form. */
interface Hashed {
  text: string;
  h1: number;
  h2: number;
}

/**
 * Remembered per distinct string: the same material, step and review-rule texts recur across
 * thousands of items, and NFKC plus hashing is the costly part of a fingerprint.
 */
const CACHE_LIMIT = 200_000;
const normalizedCache = new Map<string, Hashed>();
const rawCache = new Map<string, Hashed>();

function hashed(text: string, strict: boolean): Hashed {
  const cache = strict ? rawCache : normalizedCache;
  let out = cache.get(text);
  if (out === undefined) {
    if (cache.size > CACHE_LIMIT) cache.clear();
    const form = normalize(text, strict);
    const [h1, h2] = hashText(form);
    out = { text: form, h1, h2 };
    cache.set(text, out);
  }
  return out;
}

/** Mixes a sequence of hashed strings, numbers and separators into one 64-bit fingerprint. */
class Mixer {
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193;

  private mix(a: number, b: number): void {
    this.h1 = Math.imul(this.h1 ^ a, 0x01000193) ^ (this.h1 >>> 13);
    this.h2 = Math.imul(this.h2 ^ b, 0x5bd1e995) ^ (this.h2 >>> 15);
  }

  text(value: unknown, strict: boolean): void {
    if (typeof value === 'string') {
      const x = hashed(value, strict);
      this.mix(x.h1, x.h2);
    } else this.mark(value === undefined ? 7 : 8, typeof value === 'number' ? value : 0);
  }

  /** A separator or a small number, kept apart from text hashes by its tag. */
  mark(tag: number, value = 0): void {
    this.mix(tag ^ 0x9e3779b9, Math.imul(value | 0, 0x85ebca6b) ^ Math.floor(value / 4294967296));
  }

  digest(): string {
    return packed(this.h1, this.h2);
  }
}

/** Feed one facet of an item: equal sequences of compared texts give equal fingerprints. */
function feedFacet(m: Mixer, item: Item, facet: Facet, strict: boolean): void {
  switch (facet) {
    case 'name':
      m.text(item.name, strict);
      return;
    case 'type':
      m.text(item.type, true);
      return;
    case 'basis': {
      const list = [...new Set((item.basis ?? []).map((b) => hashed(String(b), strict).text))].sort();
      for (const b of list) m.text(b, true);
      m.mark(1, list.length);
      return;
    }
    case 'materials': {
      const first = new Map<string, Material>();
      for (const mat of item.materials) {
        const k = hashed(String(mat.name), strict).text;
        if (!first.has(k)) first.set(k, mat);
      }
      const keys = [...first.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const k of keys) {
        const mat = first.get(k)!;
        m.text(k, true);
        m.text(mat.form, strict);
        m.mark(2, mat.copies);
        m.text(mat.necessity, strict);
        m.text(mat.medium, strict);
        m.text(mat.source, strict);
      }
      m.mark(3, keys.length);
      return;
    }
    case 'steps':
      for (const st of item.steps) {
        m.text(st.name, strict);
        m.mark(st.days === undefined ? 4 : 5, st.days ?? 0);
      }
      m.mark(6, item.steps.length);
      return;
    case 'timeLimit': {
      const { statutory: st, promised: p } = item.timeLimit;
      if (st) {
        m.mark(9, st.value);
        m.text(st.unit, true);
      } else m.mark(10);
      m.mark(11, p.value);
      m.text(p.unit, true);
      return;
    }
    case 'reviewRules': {
      const list = item.reviewRules ?? [];
      for (const r of list) m.text(r, strict);
      m.mark(12, list.length);
      return;
    }
  }
}

function facetHash(item: Item, facet: Facet, strict: boolean): string {
  const m = new Mixer();
  feedFacet(m, item, facet, strict);
  return m.digest();
}

/** Fingerprints of one item; `strict` lists the facets that also need a raw-text fingerprint. */
export function fingerprints(item: Item, strict?: ReadonlySet<Facet>): Fingerprints {
  let out = '';
  for (const facet of FACETS) out += facetHash(item, facet, false);
  if (strict && strict.size > 0) for (const facet of FACETS) out += strict.has(facet) ? facetHash(item, facet, true) : MISSING;
  return out;
}

/** A facet's normalized fingerprint as a map key (prefixed so it cannot meet a plain text), if known. */
export function facetKey(fp: Fingerprints | undefined, facet: Facet): string | undefined {
  if (fp === undefined) return undefined;
  const at = FACETS.indexOf(facet) * WIDTH;
  const key = fp.slice(at, at + WIDTH);
  return key.length === WIDTH ? '\u0000' + key : undefined;
}

/** Whether two items' fingerprints of a facet prove the facet equal (false: compare in full). */
export function sameFacet(a: Fingerprints | undefined, b: Fingerprints | undefined, facet: Facet, strict: boolean): boolean {
  if (a === undefined || b === undefined) return false;
  const at = (FACETS.indexOf(facet) + (strict ? FACETS.length : 0)) * WIDTH;
  const x = a.slice(at, at + WIDTH);
  return x.length === WIDTH && x !== MISSING && x === b.slice(at, at + WIDTH);
}
