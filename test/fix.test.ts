/**
 * --fix and --fix-dry-run on real files: CRLF, BOM, flow style and comments are kept; the fixed
 * file re-lints clean and differs from the original only on the fixed lines; files with a
 * syntax error, or changed on disk meanwhile, are not written.
 */
import { chmodSync, cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { applyFixesToText, writeIfUnchanged } from '../src/engine/fix.js';
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
    expect(r.stderr).toBe(`qingdan-lint: fixed 1 file(s): ${name}\n`);
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
    expect(r.stderr).toBe('qingdan-lint: would fix 1 file(s): lf.yaml\n');
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

  it('does not write a file that changed on disk since it was read', () => {
    const { file } = tempFixture('lf.yaml');
    const read = readFileSync(file, 'utf8');
    const fixed = { text: read.replace('审查  核准', '审查 核准'), bom: false };
    const edited = read.replace('# 第一个事项', '# 编辑器刚刚保存的修改');
    writeFileSync(file, edited);
    expect(writeIfUnchanged(file, { text: read, bom: false }, fixed)).toMatch(/changed on disk/);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    writeFileSync(file, read);
    expect(writeIfUnchanged(file, { text: read, bom: false }, fixed)).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe(fixed.text);
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
