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

  it.each([['examples/fujian-with-errors'], ['test/fixtures']])('whole dataset %s: identical reports', async (dir) => {
    const fast = await lint({ cwd: join(ROOT, dir), config: false, parser: 'fast' });
    const exact = await lint({ cwd: join(ROOT, dir), config: false, parser: 'exact' });
    expect(JSON.stringify(fast)).toEqual(JSON.stringify(exact));
  });
});
