/**
 * A property of the statistics on generated datasets: for every group and dimension,
 * `consistent + differing + suppressed = compared`, `compared` is the same for every dimension,
 * `rate = consistent / compared`; and the counts equal the generator's own model (which lower
 * items were changed in which dimension, and which changes a comment suppresses).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stats, DIMENSIONS, type DimensionName, type Sections } from '../src/stats/index.js';

const RULES: Record<DimensionName, string> = {
  name: 'consistency/name',
  materials: 'consistency/materials',
  steps: 'consistency/steps',
  timeLimit: 'consistency/time-limit',
  reviewRules: 'consistency/review-rules',
};

interface LowerItem {
  index: number;
  changed: DimensionName[];
  suppressed: DimensionName[];
}

function itemYaml(i: number, changed: DimensionName[], suppressed: DimensionName[]): string {
  const has = (d: DimensionName) => changed.includes(d);
  const lines: string[] = [];
  if (suppressed.length) lines.push(`  # qingdan-lint-disable ${suppressed.map((d) => RULES[d]).join(' ')} -- 经批准`);
  lines.push(
    `  - code: "0001000${String(i).padStart(2, '0')}000"`,
    `    name: 事项${i}${has('name') ? '（调整）' : ''}`,
    '    type: 行政许可',
    `    timeLimit: { promised: { value: ${has('timeLimit') ? 6 : 5}, unit: 工作日 } }`,
    '    materials:',
    '      - { name: 申请书, form: 原件, copies: 1, necessity: 必要 }',
    ...(has('materials') ? ['      - { name: 营业执照复印件, form: 复印件, copies: 1, necessity: 必要 }'] : []),
    '    steps:',
    '      - { name: 受理 }',
    '      - { name: 审查 }',
    ...(has('steps') ? ['      - { name: 复核 }'] : []),
    '    reviewRules:',
    '      - 材料齐全',
    ...(has('reviewRules') ? ['      - 现场核查'] : []),
  );
  return lines.join('\n');
}

const dims = fc.subarray([...DIMENSIONS]);
const lowerList = (n: number) =>
  fc.array(fc.record({ index: fc.nat({ max: n - 1 }), changed: dims, suppressed: dims }), { maxLength: n }).map((items) => {
    const seen = new Set<number>();
    return items.filter((it) => !seen.has(it.index) && seen.add(it.index)) as LowerItem[];
  });
const dataset = fc.integer({ min: 1, max: 6 }).chain((n) => fc.record({ n: fc.constant(n), city: lowerList(n), districts: fc.array(lowerList(n), { minLength: 0, maxLength: 2 }) }));

describe('stats: consistent + differing + suppressed = compared (generated datasets)', () => {
  it('holds for every group and dimension, and matches the model', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async ({ n, city, districts }) => {
        const dir = mkdtempSync(join(tmpdir(), 'qingdan-stats-prop-'));
        try {
          const write = (code: string, name: string, level: string, items: string[]) => {
            mkdirSync(join(dir, code));
            writeFileSync(join(dir, code, 'list.yaml'), `region: { code: "${code}", name: ${name}, level: ${level} }\nitems:${items.length ? '\n' + items.join('\n') + '\n' : ' []\n'}`);
          };
          write('350000', '福建省', 'province', Array.from({ length: n }, (_, i) => itemYaml(i, [], [])));
          const lowers: [string, LowerItem[]][] = [['350500', city], ...districts.map((d, k): [string, LowerItem[]] => [`35050${k + 2}`, d])];
          for (const [code, items] of lowers) write(code, code === '350500' ? '泉州市' : `区${code}`, code === '350500' ? 'city' : 'district', items.map((it) => itemYaml(it.index, it.changed, it.suppressed)));
          const report = await stats({ cwd: dir, config: false });

          const check = (s: Sections, lower: LowerItem[] | undefined) => {
            for (const d of [...DIMENSIONS, 'allFive' as const]) {
              const c = s.consistency[d]!;
              expect(c.consistent + c.differing + c.suppressed).toBe(c.compared);
              expect(c.compared).toBe(s.items.compared);
              expect(c.rate).toBe(c.compared === 0 ? null : Math.round((c.consistent / c.compared) * 1e4) / 1e4);
            }
            if (!lower) return;
            expect(s.items.compared).toBe(lower.length);
            for (const d of DIMENSIONS) {
              const c = s.consistency[d]!;
              expect([d, c.differing]).toEqual([d, lower.filter((it) => it.changed.includes(d) && !it.suppressed.includes(d)).length]);
              expect([d, c.suppressed]).toEqual([d, lower.filter((it) => it.changed.includes(d) && it.suppressed.includes(d)).length]);
            }
            const differing = lower.filter((it) => it.changed.some((d) => !it.suppressed.includes(d)));
            const suppressed = lower.filter((it) => !differing.includes(it) && it.changed.length > 0);
            expect(s.consistency.allFive!.differing).toBe(differing.length);
            expect(s.consistency.allFive!.suppressed).toBe(suppressed.length);
          };
          const byRegion = new Map(lowers);
          for (const g of report.groups) check(g, g.key.region === '350000' ? [] : byRegion.get(g.key.region));
          check(report.total, lowers.flatMap(([, items]) => items));
          expect(report.groups.reduce((sum, g) => sum + g.items.compared, 0)).toBe(report.total.items.compared);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 15), seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
    );
  });
});
