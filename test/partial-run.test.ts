/**
 * The commit hook's path (`--report-only-given` with `--cache`) checks only the regions the given
 * files' findings depend on (src/service/partial-run.ts). Differential test: over seeded random
 * edits of real datasets (examples and rule fixtures with decisions, catalogs, streets and
 * prerequisites), the report of that path equals, byte for byte, the report of the same run
 * without a cache (the whole dataset checked, then filtered to the given file); and a plain
 * cached run still equals an uncached one after every partial run wrote the cache.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { format } from '../src/report/format.js';
import { ROOT } from './helpers.js';

const DATASETS = [
  'examples/fujian-with-errors',
  'examples/fujian',
  'test/fixtures/rules/decision-actions',
  'test/fixtures/rules/decision-direct-county',
  'test/fixtures/rules/coverage-delegated',
  'test/fixtures/rules/coverage-streets',
  'test/fixtures/rules/fee-catalog',
  'test/fixtures/rules/intermediary-catalog',
  'test/fixtures/rules/prerequisite',
  'test/fixtures/rules/unique-code',
];

/** A small seeded generator (mulberry32): the same edits every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name) && !/^qingdan-lint\.config\./.test(e.name)) out.push(p);
  }
  return out.sort();
}

let past = Date.now() - 3_600_000;
/** A modification time well in the past (each call a different one): the cache trusts it. */
function age(path: string): void {
  past += 1000;
  utimesSync(path, new Date(past), new Date(past));
}

/** The edits a person makes to a list, applied at a random place. */
const EDITS: ((text: string, pick: <T>(xs: T[]) => T, others: string[]) => string)[] = [
  (t) => `${t}${t.endsWith('\n') ? '' : '\n'}# 备注\n`,
  (t, pick) => {
    const names = [...t.matchAll(/^( {4}name: )(.+)$/gm)];
    if (!names.length) return t;
    const m = pick(names);
    return t.slice(0, m.index!) + `${m[1]}${m[2]}（变更）` + t.slice(m.index! + m[0].length);
  },
  (t, pick) => {
    // Delete one item (from its `- code:` line to the next item or the end of the list).
    const starts = [...t.matchAll(/^ {2}- code: .*$/gm)].map((m) => m.index!);
    if (!starts.length) return t;
    const k = Math.floor(pick(starts.map((_, i) => i)));
    const end = k + 1 < starts.length ? starts[k + 1] : t.length;
    return t.slice(0, starts[k]) + t.slice(end);
  },
  (t, pick, others) => {
    // An item code taken from another file (a code the upper level has, or a duplicate).
    const codes = others.flatMap((o) => [...o.matchAll(/^ {2}- code: (.+)$/gm)].map((m) => m[1]));
    const here = [...t.matchAll(/^( {2}- code: )(.+)$/gm)];
    if (!codes.length || !here.length) return t;
    const m = pick(here);
    return t.slice(0, m.index!) + `${m[1]}${pick(codes)}` + t.slice(m.index! + m[0].length);
  },
  (t, pick) => {
    const levels = [...t.matchAll(/^( {4}levels: ).*$/gm)];
    if (!levels.length) return t;
    const m = pick(levels);
    return t.slice(0, m.index!) + `${m[1]}${pick(['[province]', '[city, district]', '[district, street]', '[province, city, district, street]'])}` + t.slice(m.index! + m[0].length);
  },
  (t) => t.replace(/^items:/m, 'items: [\n'), // unparsable
  (t, pick) => {
    const days = [...t.matchAll(/(value: )(\d+)/g)];
    if (!days.length) return t;
    const m = pick(days);
    return t.slice(0, m.index!) + `${m[1]}${Number(m[2]) + 5}` + t.slice(m.index! + m[0].length);
  },
];

/** The first part of a cache file: whether it holds a whole run's result. */
function cacheHoldsRun(path: string): boolean {
  const bytes = readFileSync(path);
  const head = deserialize(bytes.subarray(26, 26 + bytes.readUInt32BE(22))) as { run?: unknown };
  return head.run !== undefined;
}

describe('the commit hook checks only the regions its files depend on', () => {
  for (const [n, source] of DATASETS.entries()) {
    it(`${source}: equals a run over the whole dataset after every edit`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'qdl-partial-'));
      cpSync(join(ROOT, source), dir, { recursive: true });
      for (const f of yamlFiles(dir)) age(f);
      const next = random(1000 + n);
      const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
      const cachePath = join(dir, '.qingdan-lint-cache');
      const whole = async (cache: boolean) => format(await lint({ cwd: dir, cache, threads: 1 }), 'json');
      expect(await whole(true)).toBe(await whole(false));
      let partialRuns = 0;
      for (let step = 0; step < 12; step++) {
        const files = yamlFiles(dir);
        const target = pick(files);
        const before = readFileSync(target, 'utf8');
        const edit = pick(EDITS);
        writeFileSync(target, edit(before, pick, files.filter((f) => f !== target).map((f) => readFileSync(f, 'utf8'))));
        // Half the edits leave the file "racy" (just modified: checked by content next time).
        if (next() < 0.5) age(target);
        const given = relative(dir, target).split('\\').join('/');
        const hook = format(await lint({ cwd: dir, cache: true, reportOnlyGiven: true, patterns: [given], threads: 1 }), 'json');
        const fresh = format(await lint({ cwd: dir, reportOnlyGiven: true, patterns: [given], threads: 1 }), 'json');
        expect(hook, `step ${step}: ${given}`).toBe(fresh);
        if (existsSync(cachePath) && !cacheHoldsRun(cachePath)) partialRuns++;
        // Now and then a plain cached run: it must not be misled by what the partial run wrote.
        if (step % 3 === 2) expect(await whole(true)).toBe(await whole(false));
        // Undo some edits, as a person reverting a change (the cache has seen both contents).
        if (next() < 0.3) {
          writeFileSync(target, before);
          age(target);
        }
      }
      expect(await whole(true)).toBe(await whole(false));
      // The partial path was taken (a whole run would have stored its result for the next replay).
      expect(partialRuns).toBeGreaterThan(0);
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);
  }

  it('files of lists in other regions count (a 文号 known anywhere in the dataset is known)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-partial-lists-'));
    cpSync(join(ROOT, 'examples/fujian'), dir, { recursive: true });
    // A decision of 丰泽区 (a sibling of 鲤城区), and a 鲤城区 item citing it.
    writeFileSync(
      join(dir, '350503', '决定.yaml'),
      [
        'region:',
        '  code: "350503"',
        '  name: 丰泽区',
        '  level: district',
        'items: []',
        'decisions:',
        '  - docNo: 泉丰政〔2024〕7号',
        '    title: 丰泽区人民政府关于调整一批行政许可事项的决定',
        '    issuer: 丰泽区人民政府',
        '    issuerLevel: district',
        '    date: "2024-03-01"',
        '    entries:',
        '      - action: 调整',
        '        code: "000122002000"',
        '        name: 食品生产许可（不含特殊食品）',
        '        department: 泉州市丰泽区市场监督管理局',
        '        changes: [materials]',
        '',
      ].join('\n'),
    );
    for (const f of yamlFiles(dir)) age(f);
    await lint({ cwd: dir, cache: true, threads: 1 });
    const target = join(dir, '350502', '市场监管.yaml');
    const text = readFileSync(target, 'utf8');
    expect(text).toContain('decisionRefs: [闽政文〔2023〕128号]');
    writeFileSync(target, text.replace('decisionRefs: [闽政文〔2023〕128号]', 'decisionRefs: [闽政文〔2023〕128号, 泉丰政〔2024〕7号, 泉丰政〔2024〕8号]'));
    age(target);
    const hook = JSON.parse(format(await lint({ cwd: dir, cache: true, reportOnlyGiven: true, patterns: ['350502/市场监管.yaml'], threads: 1 }), 'json'));
    const fresh = JSON.parse(format(await lint({ cwd: dir, reportOnlyGiven: true, patterns: ['350502/市场监管.yaml'], threads: 1 }), 'json'));
    expect(hook).toEqual(fresh);
    expect(cacheHoldsRun(join(dir, '.qingdan-lint-cache'))).toBe(false); // the partial path
    // Only the unknown 文号 is reported: the sibling's decision is known.
    const unknown = hook.files.flatMap((f: { diagnostics: { ruleId: string; data: { docNo: string } }[] }) => f.diagnostics).filter((d: { ruleId: string }) => d.ruleId === 'decision/unknown-ref');
    expect(unknown.map((d: { data: { docNo: string } }) => d.data.docNo)).toEqual(['泉丰政〔2024〕8号']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a plugin cross-level rule that does not declare `lineage` makes the hook check the whole dataset', async () => {
    // Inside the package, so the plugin's `import 'qingdan-lint'` resolves to this package.
    const dir = mkdtempSync(join(ROOT, 'test', 'fixtures', '.tmp-partial-plugin-'));
    cpSync(join(ROOT, 'test/fixtures/plugin-cross-level'), dir, { recursive: true });
    for (const f of yamlFiles(dir)) age(f);
    const cachePath = join(dir, '.qingdan-lint-cache');
    await lint({ cwd: dir, cache: true, threads: 1 });
    const target = yamlFiles(dir)[yamlFiles(dir).length - 1];
    writeFileSync(target, `${readFileSync(target, 'utf8')}# 备注\n`);
    age(target);
    const given = relative(dir, target).split('\\').join('/');
    const hook = format(await lint({ cwd: dir, cache: true, reportOnlyGiven: true, patterns: [given], threads: 1 }), 'json');
    expect(hook).toBe(format(await lint({ cwd: dir, reportOnlyGiven: true, patterns: [given], threads: 1 }), 'json'));
    // The whole dataset was checked: its result is stored for the next replay.
    expect(cacheHoldsRun(cachePath)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});
