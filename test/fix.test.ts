/**
 * --fix and --fix-dry-run on real files: CRLF, BOM, flow style and comments are kept; the fixed
 * file re-lints clean and differs from the original only on the fixed lines; files with a
 * syntax error, or changed on disk meanwhile (an editor's save, made deterministic with the
 * test-only `fixHooks.beforeWrite`), are not written; a file that cannot be written is reported
 * and the others are still fixed (exit 2).
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { run } from '../src/cli/main.js';
import { setup } from '../src/config/setup.js';
import { applyFixes, applyFixesToText, fixHooks } from '../src/service/fix.js';
import { ROOT, cli } from './helpers.js';

const FIXED_LINES: Record<number, string> = {
  10: '    name: "食品经营许可（新办）"   # 尾部空格',
  15: "      - { name: 'Ｘ食品经营许可申请书', form: 原件, copies: 1, necessity: 必要 }  # 零宽空格",
  16: '      - name: 营业执照 复印件',
  22: '      - name: 审查 核准',
};

function tempFixture(name: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'qdl-fix-'));
  cpSync(join(ROOT, 'test', 'fixtures', 'fix', name), join(dir, name));
  return { dir, file: join(dir, name) };
}

describe('--fix', () => {
  it.each([
    ['lf.yaml', '\n', false],
    ['crlf.yaml', '\r\n', false],
    ['bom.yaml', '\n', true],
  ] as const)('%s: fixes only the fixed lines, keeps line ends, BOM, comments and flow style', (name, eol, bom) => {
    const { dir, file } = tempFixture(name);
    chmodSync(file, 0o640);
    const before = readFileSync(file);
    const r = cli(['--fix', '--format', 'json', name], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ errors: 0, warnings: 0 });
    expect(r.stderr).toBe(`qingdan-lint: 已修复 1 个文件：${name}\n`);
    const after = readFileSync(file);
    expect(after.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(bom);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    const a = before.toString('utf8').split(eol);
    const b = after.toString('utf8').split(eol);
    expect(b).toHaveLength(a.length);
    b.forEach((line, i) => expect(line).toBe(FIXED_LINES[i + 1] ?? a[i]));
    expect(after.toString('utf8').replace(/\r\n/g, '').includes('\n')).toBe(eol === '\n');
    // Fixing again changes nothing.
    expect(cli(['--fix', name], { cwd: dir }).code).toBe(0);
    expect(readFileSync(file).equals(after)).toBe(true);
  });

  it('--fix-dry-run reports what would remain and writes nothing', () => {
    const { dir, file } = tempFixture('lf.yaml');
    const before = readFileSync(file);
    const r = cli(['--fix-dry-run', '--format', 'json', 'lf.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.warnings).toBe(0);
    expect(r.stderr).toBe('qingdan-lint: 可自动修复 1 个文件（未写入）：lf.yaml\n');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('never writes a file with a yaml-syntax error', () => {
    const { dir, file } = tempFixture('lf.yaml');
    const broken = readFileSync(file, 'utf8').replace('  - code: "000122001000"', '  - code: "000122001000\n   bad: [');
    writeFileSync(file, broken);
    const r = cli(['--fix', 'lf.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });

  it('applies non-overlapping fixes last-first', () => {
    expect(applyFixesToText('abcdef', [{ range: [4, 5], text: 'E' }, { range: [0, 1], text: 'AA' }, { range: [0, 2], text: 'X' }])).toBe('AAbcdEf');
  });

  it('the API lints the fixed text clean', async () => {
    const { dir } = tempFixture('crlf.yaml');
    expect((await lint({ cwd: dir, config: false })).summary.warnings).toBe(4);
    cli(['--fix', 'crlf.yaml'], { cwd: dir });
    expect((await lint({ cwd: dir, config: false })).summary.warnings).toBe(0);
  });
});

/** Run the CLI in this process (so `fixHooks` reach it), capturing its output. */
async function runIn(cwd: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, env: {} });
  return { code, stdout, stderr };
}

describe('--fix never loses data', () => {
  afterEach(() => {
    delete fixHooks.beforeWrite;
    delete fixHooks.afterPass;
  });

  const EDITOR_LINE = '# 编辑器刚刚保存时在文件开头加的一行（其后的偏移量全部改变）\n';

  it.each([
    ['zh-CN', 'qingdan-lint: 未修复 lf.yaml：读取后文件已被修改\n'],
    ['en', 'qingdan-lint: not fixed lf.yaml: changed on disk since it was read\n'],
  ])('an editor saving the file during the run (%s): the write is refused, the save kept, exit 2', async (locale, message) => {
    const { dir, file } = tempFixture('lf.yaml');
    const read = readFileSync(file);
    const edited = Buffer.concat([Buffer.from(EDITOR_LINE), read]);
    const seen: string[] = [];
    fixHooks.beforeWrite = (abs, name) => {
      seen.push(name);
      writeFileSync(abs, edited);
    };
    const r = await runIn(dir, ['--fix', '--format', 'json', '--locale', locale, 'lf.yaml']);
    expect(seen).toEqual(['lf.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(message);
    expect(readFileSync(file).equals(edited)).toBe(true);
    // The report describes the file as it was read: its four whitespace problems remain.
    const report = JSON.parse(r.stdout);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 4 });
    expect(report.files[0].diagnostics.map((d: { line: number }) => d.line)).toEqual([10, 15, 16, 22]);
    expect(readdirSync(dir)).toEqual(['lf.yaml']); // no temporary file left behind
  });

  it('an editor saving between the lint and the fixes: fixes stay on the text read, the save is kept', async () => {
    const { dir, file } = tempFixture('lf.yaml');
    const edited = Buffer.concat([Buffer.from(EDITOR_LINE), readFileSync(file)]);
    fixHooks.afterPass = (pass) => {
      if (pass === 0) writeFileSync(file, edited);
    };
    const r = await runIn(dir, ['--fix', 'lf.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qingdan-lint: 未修复 lf.yaml：读取后文件已被修改\n');
    expect(readFileSync(file).equals(edited)).toBe(true);
  });

  it('the library reports the refused file and writes nothing', async () => {
    const { dir, file } = tempFixture('crlf.yaml');
    const edited = readFileSync(file, 'utf8').replace('审查  核准', '审查、核准');
    fixHooks.beforeWrite = (abs) => writeFileSync(abs, edited);
    const result = await applyFixes({ cwd: dir, config: false }, await setup({ cwd: dir, config: false }), { write: true });
    expect(result.fixedFiles).toEqual([]);
    expect(result.skipped).toEqual([{ file: 'crlf.yaml', code: 'changed', reason: 'changed on disk since it was read', reasonZh: '读取后文件已被修改' }]);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(result.sources.get('crlf.yaml')).toBe(readFileSync(join(ROOT, 'test', 'fixtures', 'fix', 'crlf.yaml'), 'utf8'));
  });

  it('a file deleted during the run is not recreated', async () => {
    const { dir, file } = tempFixture('lf.yaml');
    fixHooks.beforeWrite = (abs) => unlinkSync(abs);
    const r = await runIn(dir, ['--fix', 'lf.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qingdan-lint: 未修复 lf.yaml：读取后文件已不存在\n');
    expect(readdirSync(dir)).toEqual([]);
    expect(() => statSync(file)).toThrow(/ENOENT/);
  });

  it('a directory put in the file\'s place is left alone', async () => {
    const { dir, file } = tempFixture('lf.yaml');
    fixHooks.beforeWrite = (abs) => {
      unlinkSync(abs);
      mkdirSync(abs);
    };
    const r = await runIn(dir, ['--fix', 'lf.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qingdan-lint: 未修复 lf.yaml：这是一个目录\n');
    expect(statSync(file).isDirectory()).toBe(true);
    expect(readdirSync(file)).toEqual([]);
  });

  it('one read-only file does not stop the others: they are fixed, it is reported, exit 2', () => {
    const { dir, file: lf } = tempFixture('lf.yaml');
    cpSync(join(ROOT, 'test', 'fixtures', 'fix', 'crlf.yaml'), join(dir, 'crlf.yaml'));
    const crlf = join(dir, 'crlf.yaml');
    chmodSync(crlf, 0o444);
    const before = readFileSync(crlf);
    const r = cli(['--fix', '--format', 'json', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qingdan-lint: 已修复 1 个文件：lf.yaml\nqingdan-lint: 未修复 crlf.yaml：文件为只读\n');
    expect(readFileSync(crlf).equals(before)).toBe(true);
    expect(statSync(crlf).mode & 0o777).toBe(0o444);
    const lines = readFileSync(lf, 'utf8').split('\n');
    for (const [n, text] of Object.entries(FIXED_LINES)) expect(lines[Number(n) - 1]).toBe(text);
    // The report: crlf.yaml keeps its four whitespace warnings, lf.yaml has none left.
    const report = JSON.parse(r.stdout);
    const ws = (name: string) => report.files.find((f: { file: string }) => f.file === name).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'text/whitespace').length;
    expect([ws('crlf.yaml'), ws('lf.yaml')]).toEqual([4, 0]);
  });

  it('--fix-dry-run writes nothing even where --fix would be refused', () => {
    const { dir, file } = tempFixture('lf.yaml');
    chmodSync(file, 0o444);
    const r = cli(['--fix-dry-run', 'lf.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('qingdan-lint: 可自动修复 1 个文件（未写入）：lf.yaml\n');
  });
});
