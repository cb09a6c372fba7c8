/**
 * Golden command-line scenarios: the built CLI run as a process (command, exit code, output).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli } from './helpers.js';

function tempCopy(dir: string): string {
  const tmp = mkdtempSync(join(tmpdir(), 'qdl-cli-'));
  cpSync(join(ROOT, dir), tmp, { recursive: true });
  return tmp;
}

describe('command line', () => {

  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(cli(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--help lists every option and the exit codes', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    for (const opt of ['--format', '--output-file', '--config', '--rule', '--preset', '--locale', '--max-warnings', '--quiet', '--fix', '--fix-dry-run', '--stdin', '--stdin-filename', '--print-config', '--report-only-given', '--version']) {
      expect(r.stdout).toContain(opt);
    }
  });

  it('a clean dataset: exit 0, a summary line, no colour off a terminal', () => {
    const r = cli(['examples/fujian']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ 未发现问题，共 18 个文件、12 个区划、111 个事项\n');
    expect(r.stderr).toBe('');
  });

  it('--format json: exactly one JSON document on stdout, exit 1 on errors', () => {
    const r = cli(['--format', 'json', 'examples/fujian-with-errors']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    expect(report.summary).toMatchObject({ files: 17, regions: 11, errors: 12, warnings: 3 });
    expect(report.files.map((f: { file: string }) => f.file)).toEqual([...report.files.map((f: { file: string }) => f.file)].sort());
    expect(r.stderr).toBe('');
  });

  it('the same input gives byte-identical output', () => {
    const a = cli(['--format', 'json', 'examples/fujian-with-errors']);
    const b = cli(['--format', 'json', 'examples/fujian-with-errors']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('stylish shows the code frame, the diff and the upper-level location', () => {
    const r = cli(['examples/fujian-with-errors/350502/市场监管.yaml', '--report-only-given']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('34:15  错误  申报材料「营业执照副本复印件」与上级清单的「营业执照复印件」名称不一致  consistency/materials');
    expect(r.stdout).toContain('上级：营业执照复印件');
    expect(r.stdout).toContain('本级：营业执照{+副本+}复印件');
    expect(r.stdout).toContain('↳ 参照：福建省（350000）的对应内容：examples/fujian-with-errors/350000/市场监管.yaml:30:15');
  });

  it('--locale en words messages in English', () => {
    const r = cli(['--locale', 'en', '--format', 'json', 'examples/fujian-with-errors']);
    const messages = JSON.parse(r.stdout).files.flatMap((f: { diagnostics: { message: string }[] }) => f.diagnostics.map((d) => d.message));
    expect(messages).toContain('Material "营业执照副本复印件" is named "营业执照复印件" at the upper level');
  });

  it.each([
    [['--no-such-flag'], /^qingdan-lint: 未知选项 --no-such-flag，用法见 --help\n$/],
    [['--formt', 'json'], /^qingdan-lint: 未知选项 --formt（是否应为「--format」？）/],
    [['--format', 'xml', 'examples/fujian'], /^qingdan-lint: --format 的取值「xml」无效/],
    [['--locale', 'fr', 'examples/fujian'], /^qingdan-lint: --locale 的取值「fr」无效/],
    [['--max-warnings', 'many', 'examples/fujian'], /^qingdan-lint: --max-warnings 需要不小于 0 的整数/],
    [['no/such/dir'], /^qingdan-lint: 没有文件与「no\/such\/dir」匹配\n$/],
    [['--rule', 'consistency/nmae: error', 'examples/fujian'], /^qingdan-lint: --rule: unknown rule "consistency\/nmae" \(did you mean "consistency\/name"\?/],
    [['--rule', 'consistency/name: loud', 'examples/fujian'], /invalid severity "loud"/],
    [['--config', 'no-such-config.yaml', 'examples/fujian'], /^qingdan-lint: config file not found: no-such-config.yaml\n$/],
    [['--stdin'], /^qingdan-lint: --stdin 需要同时给出 --stdin-filename/],
  ])('%j → exit 2 with a one-line reason', (args, message) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('nothing to lint is exit 2, and a directory named on the command line is linted even if .gitignore lists it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-empty-'));
    const none = cli([], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^qingdan-lint: 在 .+ 中没有找到要检查的 YAML 文件/);
    cpSync(join(ROOT, 'examples', 'fujian'), join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, '.gitignore'), 'data/\n');
    expect(cli([], { cwd: dir }).code).toBe(2);
    const named = cli(['--format', 'json', 'data'], { cwd: dir });
    expect(named.code).toBe(0);
    expect(JSON.parse(named.stdout).summary.files).toBe(18);
  });

  it('--max-warnings: warnings over the limit exit 1; within it exit 0', () => {
    const dir = tempCopy('examples/fujian');
    const file = join(dir, '350502', '市场监管.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: 食品经营许可（新办）', 'name: "食品经营许可（新办） "'));
    expect(cli(['--max-warnings', '0', '.'], { cwd: dir }).code).toBe(1);
    expect(cli(['--max-warnings', '1', '.'], { cwd: dir }).code).toBe(0);
    const quiet = cli(['--quiet', '--format', 'json', '.'], { cwd: dir });
    expect(quiet.code).toBe(0);
    expect(JSON.parse(quiet.stdout).summary.warnings).toBe(0);
  });

  it('--output-file writes the report and never overwrites a linted file', () => {
    const dir = tempCopy('examples/fujian');
    expect(cli(['--format', 'json', '--output-file', 'report.json', '.'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).summary.files).toBe(18);
    const before = readFileSync(join(dir, '350000', '市场监管.yaml'), 'utf8');
    const r = cli(['--output-file', '350000/市场监管.yaml', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is one of the linted files/);
    expect(readFileSync(join(dir, '350000', '市场监管.yaml'), 'utf8')).toBe(before);
  });

  it('--print-config shows the settings effective for a file', () => {
    const r = cli(['--print-config', 'examples/fujian/350000/市场监管.yaml', '--rule', 'consistency/basis: warning']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.preset).toBe('recommended');
    expect(out.rules['consistency/basis']).toEqual(['warning', { strict: false }]);
    expect(out.rules['consistency/name']).toEqual(['error', { strict: false }]);
    expect(out.rules['item/unique-name']).toBe('warning');
    expect(out.asOf).toBeNull();
    const asOf = JSON.parse(cli(['--print-config', '350000/决定.yaml'], { cwd: join(ROOT, 'test', 'fixtures', 'rules', 'decision-as-of') }).stdout);
    expect(asOf.asOf).toBe('2024-06-30');
  });
});
