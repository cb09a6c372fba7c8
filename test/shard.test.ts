/**
 * `--shard i/n` and `merge-reports` (reports.md, "National scale") on a real multi-province
 * dataset on disk: the Fujian examples, copied and re-coded as other provinces, plus files whose
 * region only a whole read finds (flow style) or that have none.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { run, type CliIO } from '../src/cli/main.js';
import { UsageError } from '../src/config/errors.js';
import { assignShards, planShards, provinceOf } from '../src/files/shard.js';
import { format } from '../src/report/format.js';
import { mergeReports } from '../src/report/merge.js';
import type { Report } from '../src/types.js';
import { ROOT, yamlFiles } from './helpers.js';

let root: string;

/** Copy an example province as province `pp`: its region codes (quoted 6 or 9 digits) re-coded. */
function copyProvince(from: string, pp: string, dirs?: string[]): void {
  for (const dir of readdirSync(from).sort()) {
    if (dirs && !dirs.includes(dir)) continue;
    const to = join(root, 'data', pp, pp + dir.slice(2));
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(join(from, dir))) {
      const text = readFileSync(join(from, dir, name), 'utf8').replace(/(["'])35([0-9]{4}(?:[0-9]{3})?)\1/g, `$1${pp}$2$1`);
      writeFileSync(join(to, name), text);
    }
  }
}

/** The province a test file belongs to, from where the test put it. */
function provinceOfPath(file: string): string {
  const m = /^data\/([0-9]{2})\//.exec(file);
  return m ? m[1] : '';
}

function io(cwd: string, env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  const cli: CliIO = { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), cwd, env: { ...env }, isTTY: false, stderrIsTTY: false };
  return { out, cli };
}

async function cli(args: string[], cwd = root) {
  const { out, cli: i } = io(cwd);
  const code = await run(args, i);
  return { code, ...out };
}

const json = (r: Report) => format(r, 'json');
const reparse = (r: Report) => JSON.parse(json(r)) as Report;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'qdl-shard-'));
  cpSync(join(ROOT, 'examples', 'fujian-with-errors'), join(root, 'data', '35'), { recursive: true });
  copyProvince(join(ROOT, 'examples', 'fujian'), '44');
  copyProvince(join(ROOT, 'examples', 'fujian'), '51', ['350000', '350500']);
  copyProvince(join(ROOT, 'examples', 'fujian'), '11', ['350000']);
  // A region in flow style: its head shows no plain `code:` key, so the file is read whole.
  const flow = join(root, 'data', '11', '110000', '卫生健康.yaml');
  writeFileSync(flow, readFileSync(flow, 'utf8').replace(/^region:\n((?:[ \t]+.*\n)+)/m, (_, body: string) => `region: { ${body.trim().split(/\n\s*/).join(', ')} }\n`));
  // A file that breaks after its header: the region guessed from its head (44) keeps it in 44's shard.
  writeFileSync(join(root, 'data', '44', '440000', 'broken.yaml'), 'region:\n  code: "440000"\n  name: 广东省\n  level: province\nitems: [\n  - code: "000122001001"\n');
  // A district without one of its items: a coverage finding — unless the dataset has an unparsable
  // file of unknown region, which silences the coverage rules everywhere (see below).
  const district = join(root, 'data', '44', '440502', '市场监管.yaml');
  const text = readFileSync(district, 'utf8');
  const first = text.indexOf('\n  - code:');
  writeFileSync(district, text.slice(0, first) + text.slice(text.indexOf('\n  - code:', first + 1)));
  // No region: reported by shard 1. The unparsable ones (a syntax error, GBK bytes) are loaded by
  // every shard, since they silence coverage rules dataset-wide; a valid document without region is not.
  mkdirSync(join(root, 'data', 'zz'));
  writeFileSync(join(root, 'data', 'zz', 'no-region.yaml'), 'items: [ oops\n');
  writeFileSync(join(root, 'data', 'zz', 'gbk.yaml'), Buffer.concat([Buffer.from('region:\n  code: "510000"\n  name: '), Buffer.from([0xcb, 0xc4, 0xb4, 0xa8, 0xca, 0xa1]), Buffer.from('\n')]));
  writeFileSync(join(root, 'data', 'zz', 'notes.yaml'), 'title: 说明\nitems: []\n');
});

/** Temporary folders besides `root`, removed at the end. */
const dirs: string[] = [];
afterAll(() => {
  for (const d of [root, ...dirs]) rmSync(d, { recursive: true, force: true });
});

describe('provinces from the region header', () => {
  it('reads each file province from its head, the flow-style file whole, none for a file without region', async () => {
    const files = yamlFiles(join(root, 'data')).map((abs) => ({ abs, file: relative(root, abs).split('\\').join('/') }));
    for (const f of files) expect({ file: f.file, province: (await provinceOf(f)).province }).toEqual({ file: f.file, province: provinceOfPath(f.file) });
    const global = [];
    for (const f of files) if ((await provinceOf(f)).global) global.push(f.file);
    expect(global).toEqual(['data/zz/gbk.yaml', 'data/zz/no-region.yaml']);
    const utf16 = Buffer.from('\ufeffregion:\n  code: "440000"\n', 'utf16le');
    expect(await provinceOf({ file: 'u.yaml', bytes: utf16 })).toEqual({ province: '', bytes: utf16.length, global: true });
    expect((await provinceOf({ file: 'mem.yaml', text: '# c\nregion:\n\n  name: x\n  # code: "110000"\n  code: 440300\n' })).province).toBe('44');
    expect((await provinceOf({ file: 'gone.yaml', abs: join(root, 'missing.yaml') })).province).toBe('');
  });

  it('assigns provinces by descending bytes to the lightest shard, ties by code and by shard number', () => {
    const bytes = new Map([['', 5], ['11', 10], ['35', 40], ['44', 40], ['51', 20]]);
    // Shard 1 starts with the 5 bytes of files without region; 35 (40, before 44 by code) → 2;
    // 44 (40) → 1 (5 < 40); 51 (20) → 2 (40 < 45); 11 (10) → 1 (45 < 60).
    expect([...assignShards(bytes, 2)].sort()).toEqual([['', 1], ['11', 1], ['35', 2], ['44', 1], ['51', 2]]);
    // n = 3: 35 → 2, 44 → 3 (still empty), 51 → 1 (5), 11 → 1 (25 < 40).
    expect([...assignShards(bytes, 3)].sort()).toEqual([['', 1], ['11', 1], ['35', 2], ['44', 3], ['51', 1]]);
    // Equal loads go to the lowest shard number.
    expect([...assignShards(new Map([['12', 7], ['13', 7]]), 3)].sort()).toEqual([['12', 1], ['13', 2]]);
    expect([...assignShards(bytes, 1)].every(([, s]) => s === 1)).toBe(true);
  });
});

describe('--shard i/n', () => {
  let whole: Report;
  beforeAll(async () => {
    whole = await lint({ cwd: root, config: false });
  });

  it('the dataset has a coverage finding that only an unparsable file of unknown region silences', async () => {
    const without = await lint({ cwd: root, config: false, patterns: ['data/11', 'data/35', 'data/44', 'data/51'] });
    const coverage = (r: Report) => r.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId.startsWith('coverage/')).map((d) => `${d.file} ${d.ruleId}`));
    expect(coverage(without).length).toBeGreaterThan(0);
    expect(coverage(whole)).toEqual([]);
  });

  it('puts every province in exactly one shard, the one the documented assignment gives, for n = 1..5', async () => {
    // The expected table, from the files' sizes by the rule in docs/decisions.md.
    const bytes = new Map<string, number>();
    for (const f of whole.files) bytes.set(provinceOfPath(f.file), (bytes.get(provinceOfPath(f.file)) ?? 0) + statSync(join(root, f.file)).size);
    expect([...bytes.keys()].sort()).toEqual(['', '11', '35', '44', '51']);
    for (let n = 1; n <= 5; n++) {
      const expected = assignShards(bytes, n);
      const seen = new Map<string, number>();
      for (let i = 1; i <= n; i++) {
        const report = await lint({ cwd: root, config: false, shard: { index: i, count: n } });
        for (const f of report.files) {
          expect(seen.has(f.file), `${f.file} in two shards of ${n}`).toBe(false);
          seen.set(f.file, i);
          expect(i, `${f.file} in shard ${i}/${n}`).toBe(expected.get(provinceOfPath(f.file)));
        }
      }
      expect([...seen.keys()].sort()).toEqual(whole.files.map((f) => f.file).sort());
    }
  });

  it('is deterministic: the same shard gives the same report run after run', async () => {
    const a = await lint({ cwd: root, config: false, shard: { index: 2, count: 3 } });
    const b = await lint({ cwd: root, config: false, shard: { index: 2, count: 3 }, threads: 2 });
    expect(a.files.length).toBeGreaterThan(0);
    expect(json(b)).toBe(json(a));
    const plan1 = await planShards(whole.files.map((f) => ({ file: f.file, abs: join(root, f.file) })), 4);
    const plan2 = await planShards([...whole.files].reverse().map((f) => ({ file: f.file, abs: join(root, f.file) })), 4);
    expect([...plan2.shardOf].sort()).toEqual([...plan1.shardOf].sort());
  });

  it('merges back into the unsharded JSON report byte for byte, for n = 1..5', async () => {
    expect(whole.summary.errors).toBeGreaterThan(0);
    for (let n = 1; n <= 5; n++) {
      const shards: Report[] = [];
      for (let i = 1; i <= n; i++) shards.push(reparse(await lint({ cwd: root, config: false, shard: { index: i, count: n } })));
      expect(json(mergeReports(shards)), `n = ${n}`).toBe(json(whole));
      expect(json(mergeReports([...shards].reverse())), `n = ${n}, reversed`).toBe(json(whole));
    }
  });

  it('works with --report-only-given and --cache, and the merge still equals the unsharded report', async () => {
    const given = ['data/44/440000', 'data/35/350500'];
    const unsharded = await lint({ cwd: root, config: false, patterns: given, reportOnlyGiven: true });
    expect(unsharded.files.map((f) => f.file)).toContain('data/44/440000/broken.yaml');
    const shards: Report[] = [];
    for (let i = 1; i <= 3; i++) shards.push(reparse(await lint({ cwd: root, config: false, patterns: given, reportOnlyGiven: true, shard: { index: i, count: 3 } })));
    expect(json(mergeReports(shards))).toBe(json(unsharded));
    const cache = { location: join(root, '.cache-shard') };
    for (let round = 0; round < 2; round++) {
      const cached: Report[] = [];
      for (let i = 1; i <= 2; i++) cached.push(reparse(await lint({ cwd: root, config: false, cache, shard: { index: i, count: 2 } })));
      expect(json(mergeReports(cached)), `cache round ${round}`).toBe(json(whole));
    }
  });

  it('rejects a shard that does not exist, on the command line and in the library (one line, exit 2)', async () => {
    for (const bad of ['0/2', '3/2', 'x/y', '1/0', '1/2/3', '']) {
      for (const locale of ['zh-CN', 'en']) {
        const r = await cli(['--shard', bad, '-f', 'json', '--locale', locale]);
        expect({ bad, code: r.code, stdout: r.stdout, lines: r.stderr.trimEnd().split('\n').length }).toEqual({ bad, code: 2, stdout: '', lines: 1 });
        expect(r.stderr).toMatch(/^qingdan-lint: --shard/);
      }
    }
    expect((await cli(['--shard', '3/2', '--locale', 'en'])).stderr).toBe('qingdan-lint: --shard: shard 3/2 does not exist; shards are numbered 1 to 2\n');
    expect((await cli(['--shard', '3/2'])).stderr).toBe('qingdan-lint: --shard：没有第 3/2 个分片；分片编号为 1 到 2\n');
    expect((await cli(['--shard', '0/0'])).stderr).toBe('qingdan-lint: --shard：分片数至少为 1，收到 0\n');
    expect((await cli(['--shard', 'x/y'])).stderr).toBe('qingdan-lint: --shard「x/y」格式不对：应为 i/n，如 --shard 1/4（共 n 个分片中的第 i 个，从 1 数起）\n');
    await expect(lint({ cwd: root, config: false, shard: { index: 0, count: 2 } })).rejects.toThrow(UsageError);
    await expect(lint({ cwd: root, config: false, shard: { index: 1 } as never })).rejects.toThrow('option shard: expected { index, count }');
  });

  it('an empty shard (more shards than provinces) is an empty report, exit 0, with a notice', async () => {
    let empty = 0;
    for (let i = 1; i <= 8; i++) {
      const r = await cli(['--shard', `${i}/8`, '-f', 'json', '--locale', 'en']);
      const report = JSON.parse(r.stdout) as Report;
      if (report.files.length > 0) continue;
      empty++;
      expect(r.code).toBe(0);
      expect(report.summary).toEqual({ files: 0, regions: 0, items: 0, errors: 0, warnings: 0, infos: 0 });
      expect(r.stderr).toBe(`qingdan-lint: shard ${i}/8 has no province of this dataset; its report is empty\n`);
    }
    expect(empty).toBe(3); // five groups (four provinces and the files without region) on eight shards
    expect((await cli(['--shard', '8/8', '-f', 'json'])).stderr).toBe('qingdan-lint: 第 8/8 个分片没有分到本数据集的省份，报告为空\n');
  });
});

describe('qingdan-lint merge-reports', () => {
  const n = 3;
  let files: string[];
  beforeAll(async () => {
    files = [];
    for (let i = 1; i <= n; i++) {
      const r = await cli(['--shard', `${i}/${n}`, '-f', 'json', '-o', `out/shard-${i}.json`]);
      expect(r.code === 0 || r.code === 1).toBe(true);
      files.push(`out/shard-${i}.json`);
    }
  });

  it('gives the unsharded output in every text format, and the same exit code', async () => {
    for (const f of ['json', 'stylish', 'sarif', 'github', 'junit']) {
      const whole = await cli(['-f', f]);
      const merged = await cli(['merge-reports', ...files, '-f', f]);
      expect(merged.stderr).toBe('');
      expect({ f, code: merged.code, out: merged.stdout }).toEqual({ f, code: whole.code, out: whole.stdout });
    }
    expect((await cli(['-f', 'json'])).code).toBe(1);
  });

  it('writes html and xlsx from the merged report, and several formats in one run', async () => {
    const whole = JSON.parse((await cli(['-f', 'json'])).stdout) as Report;
    const r = await cli(['merge-reports', ...files, '-f', 'html', '-o', 'out/merged.html', '-f', 'xlsx', '-o', 'out/merged.xlsx', '-f', 'json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(json(whole));
    expect(readFileSync(join(root, 'out', 'merged.html'), 'utf8')).toBe(format(whole, 'html', { locale: 'zh-CN', cwd: root }));
    expect(readFileSync(join(root, 'out', 'merged.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('merges reports made with a baseline, and a shard judges only its own entries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-shard-baseline-'));
    dirs.push(dir);
    cpSync(join(root, 'data'), join(dir, 'data'), { recursive: true });
    expect((await cli(['--suppress-all', '-f', 'json'], dir)).code).toBe(0);
    const whole = await cli(['-f', 'json'], dir);
    const report = JSON.parse(whole.stdout) as Report;
    expect(report.summary.suppressed).toBeGreaterThan(0);
    const shards: string[] = [];
    for (let i = 1; i <= 2; i++) {
      const r = await cli(['--shard', `${i}/2`, '-f', 'json', '-o', `s${i}.json`], dir);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: whole.code, stderr: '' });
      shards.push(`s${i}.json`);
    }
    const merged = await cli(['merge-reports', ...shards, '-f', 'json'], dir);
    expect(merged.stdout).toBe(whole.stdout);
    // A report with a baseline and one without do not come from one run.
    const r = await cli(['merge-reports', shards[0], join(root, files[1]), '-f', 'json', '--locale', 'en'], dir);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/^qingdan-lint: s1\.json was made with a baseline \(it has "suppressed"\) and .*shard-2\.json without: merge reports of one run\n$/);
  });

  it('refuses overlapping reports, other versions, foreign files and no reports (exit 2, one line)', async () => {
    const report = JSON.parse(readFileSync(join(root, files[0]), 'utf8')) as Report;
    writeFileSync(join(root, 'out', 'other-version.json'), JSON.stringify({ ...report, tool: { name: 'qingdan-lint', version: '9.9.9' } }));
    writeFileSync(join(root, 'out', 'cut.json'), JSON.stringify({ ...report, files: report.files.slice(1) }));
    writeFileSync(join(root, 'out', 'not-json.json'), '{ "version": 1,');
    writeFileSync(join(root, 'out', 'sarif.json'), (await cli(['--shard', '1/3', '-f', 'sarif'])).stdout);
    const cases: [string[], string][] = [
      [[files[0], files[1], files[0]], `qingdan-lint: ${report.files[0].file} is in both ${files[0]} and ${files[0]}: the reports overlap (merge each shard of one --shard i/n run once)\n`],
      [[files[1], 'out/other-version.json'], `qingdan-lint: out/other-version.json was made by qingdan-lint 9.9.9 and ${files[1]} by ${report.tool.version}: merge reports of one version\n`],
      [['out/cut.json'], `qingdan-lint: out/cut.json is not a qingdan-lint JSON report (--format json): "summary.files" is ${report.files.length} but it lists ${report.files.length - 1} files\n`],
      [['out/sarif.json'], 'qingdan-lint: out/sarif.json is not a qingdan-lint JSON report (--format json): unexpected key "$schema"\n'],
      [['out/missing.json'], 'qingdan-lint: cannot read report out/missing.json: no such file (ENOENT)\n'],
      [[], 'qingdan-lint: merge-reports: give the JSON reports to merge, e.g. qingdan-lint merge-reports shard-*.json -f sarif -o lint.sarif\n'],
      [[files[0], '-o', files[0]], `qingdan-lint: refusing to write --output-file ${files[0]}: it is one of the reports being merged\n`],
    ];
    for (const [args, stderr] of cases) {
      const r = await cli(['merge-reports', ...args, '--locale', 'en']);
      expect({ args, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ args, code: 2, stdout: '', stderr });
    }
    // Worded in Chinese by default.
    const zh: [string[], string][] = [
      [[files[0], files[1], files[0]], `qingdan-lint: ${report.files[0].file} 同时出现在 ${files[0]} 和 ${files[0]} 中：报告有重叠（同一次 --shard i/n 检查的每个分片只能合并一次）\n`],
      [[files[1], 'out/other-version.json'], `qingdan-lint: out/other-version.json 由 qingdan-lint 9.9.9 生成，${files[1]} 由 ${report.tool.version} 生成：只能合并同一版本的报告\n`],
      [['out/cut.json'], `qingdan-lint: out/cut.json 不是 qingdan-lint 的 JSON 报告（--format json）：「summary.files」为 ${report.files.length}，但列出了 ${report.files.length - 1} 个文件\n`],
      [['out/missing.json'], 'qingdan-lint: 无法读取报告 out/missing.json：文件不存在（ENOENT）\n'],
    ];
    for (const [args, stderr] of zh) {
      const r = await cli(['merge-reports', ...args]);
      expect({ args, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ args, code: 2, stdout: '', stderr });
    }
    const notJson = await cli(['merge-reports', 'out/not-json.json', '--locale', 'en']);
    expect({ code: notJson.code, lines: notJson.stderr.trimEnd().split('\n').length }).toEqual({ code: 2, lines: 1 });
    expect(notJson.stderr).toMatch(/^qingdan-lint: out\/not-json\.json is not JSON \(.+\): give the reports written with --format json\n$/);
    expect(() => mergeReports([])).toThrow(UsageError);
    // The shard report is untouched by the refused write.
    expect(JSON.parse(readFileSync(join(root, files[0]), 'utf8'))).toEqual(report);
  });
});
