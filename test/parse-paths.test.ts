/**
 * The fast parse path (js-yaml events) must give exactly what the exact path (`yaml`'s
 * document API) gives: the same value and the same range for every node, on every fixture and
 * example file; and the same diagnostics for whole datasets.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { loadBytes } from '../src/load/index.js';
import { findItemSlices, itemNodes, itemValue } from '../src/load/item-slices.js';
import { pathKey } from '../src/load/tree.js';
import { ROOT, yamlFiles } from './helpers.js';

const files = [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test', 'fixtures'))];

describe('fast parse path equals exact parse path', () => {
  it.each(files.map((f) => [relative(ROOT, f)]))('%s', (file) => {
    const bytes = readFileSync(join(ROOT, file));
    const fast = loadBytes(file, bytes, 'fast');
    const exact = loadBytes(file, bytes, 'exact');
    expect(fast.problems).toEqual(exact.problems);
    expect(JSON.stringify(fast.value)).toEqual(JSON.stringify(exact.value));
    const fastNodes = fast.nodes();
    const exactNodes = exact.nodes();
    expect(fastNodes && [...fastNodes].sort()).toEqual(exactNodes && [...exactNodes].sort());
  });

  it.each(files.map((f) => [relative(ROOT, f)]))('%s: each item parsed on its own gives the same value and ranges', (file) => {
    const loaded = loadBytes(file, readFileSync(join(ROOT, file)), 'exact');
    if (!loaded.ok) return;
    const text = loaded.text;
    const slices = findItemSlices(text);
    if (!slices) return;
    const whole = loaded.nodes()!;
    const items = (loaded.value as { items?: unknown[] }).items ?? [];
    expect(slices.items.length).toBe(items.length);
    // An item the slice parser declines (undefined) is parsed with its whole file instead; one it
    // accepts must give exactly what the whole file gives. The plain examples must all be accepted.
    const plain = file.startsWith('examples/');
    slices.items.forEach((_, i) => {
      const value = itemValue(text, slices, i);
      if (value !== undefined || plain) expect(JSON.stringify(value)).toBe(JSON.stringify(items[i]));
      const prefix = pathKey(['items', i]);
      const keys = [...whole.keys()].filter((k) => k === prefix || k.startsWith(prefix + '\u0001'));
      const alone = itemNodes(text, slices, i, keys);
      if (alone !== undefined || plain) expect(alone && [...alone].sort()).toEqual(keys.map((k) => [k, whole.get(k)]).sort());
    });
  });

  it.each([['examples/fujian-with-errors'], ['test/fixtures']])('whole dataset %s: identical reports', async (dir) => {
    const fast = await lint({ cwd: join(ROOT, dir), config: false, parser: 'fast' });
    const exact = await lint({ cwd: join(ROOT, dir), config: false, parser: 'exact' });
    expect(JSON.stringify(fast)).toEqual(JSON.stringify(exact));
  });
});
