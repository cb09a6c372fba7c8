/**
 * Property-based tests (fast-check) with a fixed seed and a bounded number of runs in CI;
 * `npm run test:fuzz` runs many more. Anything they find is fixed and kept as a fixture.
 *
 * - random and mutated YAML never makes `lintDocuments` throw, and reports are deterministic;
 * - the fast parse path gives exactly what the exact path gives, wherever both parse;
 * - `--fix` is idempotent and changes only what its fixes say.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintDocuments } from '../src/api.js';
import { applyFixesToText } from '../src/service/fix.js';
import { loadText } from '../src/load/index.js';
import { findItemSlices, itemNodes, itemValue } from '../src/load/item-slices.js';
import { pathKey } from '../src/load/tree.js';
import { format } from '../src/report/format.js';
import type { Report } from '../src/types.js';
import { ROOT } from './helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const params = { numRuns: RUNS, seed: SEED };

const PROVINCE = readFileSync(join(ROOT, 'examples', 'fujian', '350000', '市场监管.yaml'), 'utf8');
const DISTRICT = readFileSync(join(ROOT, 'examples', 'fujian', '350502', '市场监管.yaml'), 'utf8');

/** Pieces real checklists are made of, and pieces that break them. */
const TOKENS = ['\n', '  ', '- ', ': ', 'code', 'name', 'items', 'region', '"350502"', '食品经营许可', '（新办）', '[', ']', '{', '}', ',', '#', '&a ', '*a', '!!str ', '!x ', '<<', '"', "'", '|', '>', '\t', '\u3000', '\u200b', '---', '...', '%YAML 1.2', '~', 'null', '0x1F', '.inf', '__proto__', '\r\n', '\uFEFF', '\\', '\u0000'];
const yamlish = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 60 }).map((parts) => parts.join(''));

/** A real file with a few characters inserted, deleted or replaced. */
const mutated = fc
  .tuple(fc.constantFrom(PROVINCE, DISTRICT), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...TOKENS, '')), { minLength: 1, maxLength: 4 }))
  .map(([text, edits]) => {
    let out = text;
    for (const [pos, del, ins] of edits) {
      const at = pos % (out.length + 1);
      out = out.slice(0, at) + ins + out.slice(at + del);
    }
    return out;
  });

const lintPair = (text: string): Promise<Report> =>
  lintDocuments(
    [
      { path: '350000/市场监管.yaml', text: PROVINCE },
      { path: '350502/市场监管.yaml', text },
    ],
    { config: false },
  );

describe('fuzz', () => {
  it('random YAML never makes lint throw, and the report is deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(yamlish, async (text) => {
        const a = format(await lintPair(text), 'json');
        const b = format(await lintPair(text), 'json');
        expect(a).toBe(b);
      }),
      params,
    );
  });

  it('mutated real files never make lint throw; every diagnostic has a sane range', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async (text) => {
        const report = await lintPair(text);
        for (const f of report.files) {
          for (const d of f.diagnostics) {
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.column).toBeGreaterThanOrEqual(1);
            expect(d.endLine * 1e6 + d.endColumn).toBeGreaterThanOrEqual(d.line * 1e6 + d.column);
            expect(typeof d.message).toBe('string');
          }
        }
      }),
      params,
    );
  });

  it('the fast parse path equals the exact one wherever the exact one parses', () => {
    fc.assert(
      fc.property(fc.oneof(yamlish, mutated), (text) => {
        const exact = loadText('f.yaml', text, false, 'exact');
        const fast = loadText('f.yaml', text, false, 'fast');
        expect(fast.problems).toEqual(exact.problems);
        if (!exact.ok) return;
        expect(JSON.stringify(fast.value)).toBe(JSON.stringify(exact.value));
        expect([...(fast.nodes() ?? [])].sort()).toEqual([...(exact.nodes() ?? [])].sort());
        // Items parsed on their own, where the slice parser accepts them, agree with the whole file.
        const slices = findItemSlices(text);
        const items = (exact.value as { items?: unknown }).items;
        if (!slices || !Array.isArray(items)) return;
        const whole = exact.nodes()!;
        slices.items.forEach((_, i) => {
          const value = itemValue(text, slices, i);
          if (value !== undefined) expect(JSON.stringify(value)).toBe(JSON.stringify(items[i]));
          const prefix = pathKey(['items', i]);
          const keys = [...whole.keys()].filter((k) => k === prefix || k.startsWith(prefix + '\u0001'));
          const alone = itemNodes(text, slices, i, keys);
          if (alone !== undefined) expect([...alone].sort()).toEqual(keys.map((k) => [k, whole.get(k)]).sort());
        });
      }),
      params,
    );
  });

  it('--fix is idempotent and changes only the fixed scalars', async () => {
    const names = [...DISTRICT.matchAll(/name: ([^\n#]+)/g)].map((m) => m.index! + 6);
    const noise = fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '  ', '\u3000', '\u200b', '\t')), { minLength: 1, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(noise, async (edits) => {
        // Put white space inside some item names (plain scalars), from the end so offsets hold.
        let text = DISTRICT;
        const spots = [...new Set(edits.map(([n]) => names[n % names.length] + 2))].sort((a, b) => b - a);
        spots.forEach((at, i) => (text = text.slice(0, at) + edits[i % edits.length][1] + text.slice(at)));
        const fixOnce = async (t: string) => {
          const r = await lintDocuments([{ path: 'd.yaml', text: t }], { config: false });
          return applyFixesToText(t, r.files[0].diagnostics.flatMap((d) => (d.fix ? [d.fix] : [])));
        };
        const once = await fixOnce(text);
        const twice = await fixOnce(once);
        expect(twice).toBe(once);
        // Only white space changed, the layout (line count) is kept, and nothing is left to fix.
        const squeeze = (v: unknown): unknown =>
          typeof v === 'string' ? v.replace(/[\s\u200b]/g, '') : Array.isArray(v) ? v.map(squeeze) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, squeeze(x)])) : v;
        expect(squeeze(loadText('d.yaml', once).value)).toEqual(squeeze(loadText('d.yaml', text).value));
        expect(once.split('\n').length).toBe(text.split('\n').length);
        const again = await lintDocuments([{ path: 'd.yaml', text: once }], { config: false });
        expect(again.files[0].diagnostics.filter((d) => d.ruleId === 'text/whitespace')).toEqual([]);
      }),
      { ...params, numRuns: Math.max(10, Math.floor(RUNS / 3)) },
    );
  });
});
