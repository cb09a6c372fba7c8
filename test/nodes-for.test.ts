/**
 * Ranges asked for one at a time (LoadedFile.nodesFor: one item parsed alone, or the text outside
 * the item sequence parsed alone) equal the whole file's node index, on every fixture and example.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBytes } from '../src/load/index.js';
import { findItemSlices, LazyItemSlices } from '../src/load/item-slices.js';
import { ROOT, yamlFiles } from './helpers.js';

const files = [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test', 'fixtures'))];

describe('nodesFor equals the whole node index', () => {
  it.each(files.map((f) => [relative(ROOT, f)]))('%s', (file) => {
    const bytes = readFileSync(join(ROOT, file));
    const whole = loadBytes(file, bytes, 'exact');
    if (!whole.ok) return;
    const index = whole.nodes()!;
    const keys = [...index.keys()].filter((k) => k !== '');
    // Keys outside the items (header, lists after the items), then a few inside, each asked alone and all together.
    const outside = keys.filter((k) => !k.startsWith('\u0001items\u0001') && k !== '\u0001items');
    const inside = keys.filter((k) => k.startsWith('\u0001items\u0001')).filter((_, i) => i % 7 === 0);
    for (const group of [...outside.map((k) => [k]), ...inside.slice(0, 20).map((k) => [k]), outside, [...outside, ...inside]]) {
      if (group.length === 0) continue;
      const fresh = loadBytes(file, bytes, 'fast');
      const got = fresh.nodesFor(new Set(group));
      expect(got, group.join(' ')).toBeDefined();
      for (const k of group) expect(got!.get(k), JSON.stringify(k)).toEqual(index.get(k));
    }
  });
});

describe('lazy item slices equal the full scan', () => {
  it.each(files.map((f) => [relative(ROOT, f)]))('%s', (file) => {
    const loaded = loadBytes(file, readFileSync(join(ROOT, file)), 'exact');
    if (!loaded.ok) return;
    const full = findItemSlices(loaded.text);
    if (!full) return;
    // Asked in order, out of order, and past the end.
    const lazy = new LazyItemSlices(loaded.text);
    full.items.forEach((span, i) => expect(lazy.span(i)).toEqual(span));
    expect(lazy.span(full.items.length)).toBeUndefined();
    const backwards = new LazyItemSlices(loaded.text);
    for (let i = full.items.length - 1; i >= 0; i--) expect(backwards.span(i)).toEqual(full.items[i]);
  });
});
