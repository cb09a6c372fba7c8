/**
 * The pre-commit path end to end: a git repository holding the example dataset, a changed
 * district file and a changed province file, linted the way the hook does it (the staged files
 * passed with --report-only-given), checking exactly what is reported and the exit code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli } from './helpers.js';

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' } });
}

function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qdl-hook-'));
  cpSync(join(ROOT, 'examples', 'fujian'), join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 'qingdan-lint.config.yaml'), 'files: ["data/**/*.yaml"]\n');
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'checklists');
  return dir;
}

function edit(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

/** What the hook runs: the staged files, passed to --report-only-given. */
function hook(dir: string) {
  const staged = git(dir, '-c', 'core.quotepath=false', 'diff', '--cached', '--name-only', '--diff-filter=ACMR').split('\n').filter((f) => /\.ya?ml$/.test(f));
  const r = cli(['--report-only-given', '--format', 'json', ...staged], { cwd: dir });
  const report = JSON.parse(r.stdout);
  const found = report.files.flatMap((f: { diagnostics: { file: string; line: number; ruleId: string; messageId: string; related?: { file: string }[] }[] }) =>
    f.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.messageId}${d.related ? ` → ${d.related[0].file}` : ''}`),
  );
  return { code: r.code, files: report.files.map((f: { file: string }) => f.file), found };
}

describe('pre-commit hook path', () => {
  it('a clean change passes', () => {
    const dir = repository();
    edit(join(dir, 'data', '350502', '市场监管.yaml'), '# yaml-language-server', '# 已核对\n# yaml-language-server');
    git(dir, 'add', '-A');
    expect(hook(dir)).toEqual({ code: 0, files: ['data/350502/市场监管.yaml'], found: [] });
  });

  it('a changed district file: only its own findings, compared with the province', () => {
    const dir = repository();
    edit(join(dir, 'data', '350502', '市场监管.yaml'), '- name: 营业执照复印件', '- name: 营业执照副本复印件');
    // An unrelated problem in a file that is not staged is not reported.
    edit(join(dir, 'data', '350503', '市场监管.yaml'), 'name: 食品经营许可(新办)', 'name: 食品经营许可(新)');
    git(dir, 'add', 'data/350502');
    const r = hook(dir);
    expect(r.code).toBe(1);
    expect(r.files).toEqual(['data/350502/市场监管.yaml']);
    expect(r.found).toEqual(['data/350502/市场监管.yaml:34 consistency/materials renamed → data/350000/市场监管.yaml']);
  });

  it('a changed province file: the lower-level files that now disagree are reported too', () => {
    const dir = repository();
    edit(join(dir, 'data', '350000', '市场监管.yaml'), 'name: 食品经营许可（新办）', 'name: 食品经营许可（首次申请）');
    git(dir, 'add', '-A');
    const r = hook(dir);
    expect(r.code).toBe(1);
    expect(r.files).toEqual(['data/350000/市场监管.yaml', 'data/350500/市场监管.yaml', 'data/350502/市场监管.yaml', 'data/350503/市场监管.yaml']);
    expect(r.found).toEqual([
      'data/350500/市场监管.yaml:14 consistency/name differs → data/350000/市场监管.yaml',
      'data/350502/市场监管.yaml:14 consistency/name differs → data/350000/市场监管.yaml',
      'data/350503/市场监管.yaml:15 consistency/name differs → data/350000/市场监管.yaml',
    ]);
  });

  it('the hook definition runs qingdan-lint-hook, serially, on YAML files', () => {
    const text = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    expect(text).toMatch(/\n {2}entry: qingdan-lint-hook\n/);
    expect(text).toMatch(/require_serial: true/);
    expect(text).toMatch(/language: node/);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin['qingdan-lint-hook']).toBe('./bin/qingdan-lint-hook.js');
  });

  it('qingdan-lint-hook: --report-only-given with the cache in the git directory, also when .git is a file', () => {
    const dir = repository();
    const tree = join(mkdtempSync(join(tmpdir(), 'qdl-hook-wt-')), 'wt');
    git(dir, 'worktree', 'add', '-q', tree);
    expect(statSync(join(tree, '.git')).isFile()).toBe(true);
    edit(join(tree, 'data', '350502', '市场监管.yaml'), '- name: 营业执照复印件', '- name: 营业执照副本复印件');
    const run = () => spawnSync(process.execPath, [join(ROOT, 'bin', 'qingdan-lint-hook.js'), '--format', 'json', 'data/350502/市场监管.yaml'], { cwd: tree, encoding: 'utf8' });
    for (let i = 0; i < 2; i++) {
      const r = run();
      expect(r.status).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report.files.map((f: { file: string }) => f.file)).toEqual(['data/350502/市场监管.yaml']);
      expect(report.files[0].diagnostics.map((d: { line: number; ruleId: string }) => `${d.line} ${d.ruleId}`)).toEqual(['34 consistency/materials']);
      expect(existsSync(join(dir, '.git', 'worktrees', 'wt', 'qingdan-lint-cache'))).toBe(true);
      expect(git(tree, 'status', '--porcelain', '--untracked-files=all')).toBe(' M "data/350502/\\345\\270\\202\\345\\234\\272\\347\\233\\221\\347\\256\\241.yaml"\n');
    }
    // A --cache-location given by the caller is kept; outside a git repository no cache is added.
    const own = join(mkdtempSync(join(tmpdir(), 'qdl-hook-own-')), 'cache');
    expect(spawnSync(process.execPath, [join(ROOT, 'bin', 'qingdan-lint-hook.js'), '--cache-location', own, 'data/350502/市场监管.yaml'], { cwd: tree, encoding: 'utf8' }).status).toBe(1);
    expect(existsSync(own)).toBe(true);
    const plain = mkdtempSync(join(tmpdir(), 'qdl-hook-nogit-'));
    cpSync(join(ROOT, 'examples', 'fujian'), plain, { recursive: true });
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'qingdan-lint-hook.js'), '350502/市场监管.yaml'], { cwd: plain, encoding: 'utf8', env: { ...process.env, GIT_CEILING_DIRECTORIES: dirname(plain) } });
    expect(r.status).toBe(0);
    expect(readdirSync(plain).sort()).toEqual(readdirSync(join(ROOT, 'examples', 'fujian')).sort()); // the region folders, no cache
  });
});

describe('--stdin', () => {
  it('lints standard input as if it were the named file within the dataset', () => {
    const dir = join(ROOT, 'examples', 'fujian');
    const text = readFileSync(join(dir, '350502', '市场监管.yaml'), 'utf8').replace('- name: 营业执照复印件', '- name: 营业执照副本复印件');
    const r = cli(['--stdin', '--stdin-filename', '350502/市场监管.yaml', '--format', 'json'], { cwd: dir, input: text });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(['350502/市场监管.yaml']);
    expect(report.files[0].diagnostics.map((d: { line: number; column: number; ruleId: string; messageId: string }) => `${d.line}:${d.column} ${d.ruleId} ${d.messageId}`)).toEqual(['34:15 consistency/materials renamed']);
    // The file on disk was not read for it: unchanged, and still clean.
    expect(cli(['--format', 'json', '350502/市场监管.yaml', '--report-only-given'], { cwd: dir }).code).toBe(0);
  });

  it('stylish output for stdin shows the code frame of the text given', () => {
    const dir = join(ROOT, 'examples', 'fujian');
    const text = readFileSync(join(dir, '350502', '市场监管.yaml'), 'utf8').replace('- name: 营业执照复印件', '- name: 营业执照副本复印件');
    const r = cli(['--stdin', '--stdin-filename', '350502/市场监管.yaml'], { cwd: dir, input: text });
    expect(r.stdout).toContain('> 34 |       - name: 营业执照副本复印件');
  });
});

describe('--threads', () => {
  it('the report is byte-identical for every number of threads, with and without a cache', () => {
    const outputs = ['1', '2', '3'].map((n) => cli(['--threads', n, '--format', 'json', 'examples/fujian-with-errors']).stdout);
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    const dir = mkdtempSync(join(tmpdir(), 'qdl-threads-'));
    cpSync(join(ROOT, 'examples', 'fujian-with-errors'), dir, { recursive: true });
    const plain = cli(['--format', 'json', '.'], { cwd: dir }).stdout;
    expect(cli(['--threads', '2', '--cache', '--format', 'json', '.'], { cwd: dir }).stdout).toBe(plain);
    expect(cli(['--threads', '2', '--cache', '--format', 'json', '.'], { cwd: dir }).stdout).toBe(plain);
  });
});
