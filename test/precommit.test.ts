/**
 * The hook through the real pre-commit framework (https://pre-commit.com; Debian's `pre-commit`
 * package, which `.ci/run` installs): the current tree of this repository (uncommitted work
 * included) is committed into a temporary hook repository, a temporary checklist repository holding
 * examples/fujian points its `.pre-commit-config.yaml` at it, and `git commit` runs the hook the
 * way it runs for a user: pre-commit clones the hook repository, runs `npm install` and
 * `npm pack` in it (the `prepare` build must print nothing on standard output, which pre-commit
 * reads as the tarball's name), installs the tarball and runs `qingdan-lint-hook` on the staged
 * files. One environment is installed per test file (PRE_COMMIT_HOME is shared by the cases);
 * `pre-commit try-repo` installs its own.
 *
 * Without pre-commit on the PATH the tests are skipped locally and fail in CI (`CI` set).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync as makeTemp, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/** Temporary folders made here, removed after the tests (an installed hook environment is tens of MB). */
const temporary: string[] = [];
function mkdtempSync(prefix: string): string {
  const dir = makeTemp(prefix);
  temporary.push(dir);
  return dir;
}

const available = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

/** The environment of a user's terminal: no npm_* variables inherited from `npm test`, a fixed identity. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && !k.startsWith('GIT_') && !k.startsWith('PRE_COMMIT')) env[k] = v;
  return {
    ...env,
    GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org',
    GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1',
    // npm answers from its cache when it can (the same packages `npm ci` just fetched) instead of
    // revalidating each one with the registry: the install is the same, only faster.
    npm_config_prefer_offline: 'true',
    ...extra,
  };
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = userEnv()) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, out: (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, '') };
}

function git(cwd: string, ...args: string[]): string {
  const r = run('git', ['-c', 'core.quotepath=false', '-c', 'init.defaultBranch=main', ...args], cwd);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed:\n${r.out}`);
  return r.out.trim();
}

/** This repository's current tree (tracked and untracked, not ignored files) as a one-commit repository. */
function snapshotHookRepo(): { dir: string; rev: string } {
  const dir = mkdtempSync(join(tmpdir(), 'qdl-hookrepo-'));
  const list = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (list.status !== 0) throw new Error(`git ls-files failed in ${ROOT}: ${list.stderr}`);
  for (const file of new Set(list.stdout.split('\0').filter(Boolean))) {
    const from = join(ROOT, file);
    if (!existsSync(from) || !statSync(from).isFile()) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(from, join(dir, file));
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'snapshot of the working tree');
  return { dir, rev: git(dir, 'rev-parse', 'HEAD') };
}

/** A checklist repository: examples/fujian under data/, the config, and a pre-commit config using the hook. */
function checklistRepo(hook: { dir: string; rev: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'qdl-checklists-'));
  cpSync(join(ROOT, 'examples', 'fujian'), join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 'qingdan-lint.config.yaml'), 'files: ["data/**/*.yaml"]\n');
  writeFileSync(join(dir, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hook.dir}\n    rev: ${hook.rev}\n    hooks:\n      - id: qingdan-lint\n`);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'checklists');
  return dir;
}

function edit(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.split(from).join(to));
}

/**
 * The findings in stylish output as `file line:column rule`: a file header is an unindented line
 * naming a .yaml file, a finding an indented `line:column  severity  message  rule` line.
 */
function findings(out: string): string[] {
  const found: string[] = [];
  let file = '';
  for (const line of out.split('\n')) {
    if (/^\S.*\.ya?ml$/.test(line)) file = line.trim();
    const m = /^ {2}(\d+:\d+) +\S+ +.* ([a-z-]+\/[a-z-]+)$/.exec(line);
    if (m) found.push(`${file} ${m[1]} ${m[2]}`);
  }
  return found;
}

if (!available) {
  if (process.env.CI) {
    it('the pre-commit framework is installed (.ci/run installs it)', () => {
      expect.fail('pre-commit is not on the PATH: install it (apt-get install pre-commit) to run the hook tests');
    });
  } else {
    it.skip('the hook through the real pre-commit framework (pre-commit is not installed)', () => {});
  }
} else {
  describe('the hook through the real pre-commit framework', () => {
    let hook: { dir: string; rev: string };
    let home: string;
    let env: NodeJS.ProcessEnv;

    beforeAll(() => {
      hook = snapshotHookRepo();
      home = mkdtempSync(join(tmpdir(), 'qdl-pre-commit-home-'));
      env = userEnv({ PRE_COMMIT_HOME: home });
      // Install the environment once: clone, npm install, npm pack, npm install -g of the tarball.
      const dir = checklistRepo(hook);
      const r = run('pre-commit', ['install-hooks'], dir, env);
      if (r.code !== 0) throw new Error(`pre-commit install-hooks failed:\n${r.out}\n${existsSync(join(home, 'pre-commit.log')) ? readFileSync(join(home, 'pre-commit.log'), 'utf8') : ''}`);
    }, 600_000);

    afterAll(() => {
      for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
    }, 300_000);

    /** A checklist repository with the git hook installed, and `git commit` through it. */
    function repo() {
      const dir = checklistRepo(hook);
      const r = run('pre-commit', ['install'], dir, env);
      expect(r.code, r.out).toBe(0);
      const commit = () => {
        const head = git(dir, 'rev-parse', 'HEAD');
        const c = run('git', ['commit', '-m', 'edit'], dir, env);
        return { code: c.code, out: c.out, committed: git(dir, 'rev-parse', 'HEAD') !== head };
      };
      return { dir, commit };
    }

    it('a broken district file: the commit is refused, naming the file, line and rule', () => {
      const { dir, commit } = repo();
      edit(join(dir, 'data', '350502', '市场监管.yaml'), '- name: 营业执照复印件', '- name: 营业执照副本复印件');
      git(dir, 'add', '-A');
      const r = commit();
      expect(r.committed).toBe(false);
      expect(r.code).toBe(1);
      expect(r.out).toContain('qingdan-lint（纵向清单检查）');
      expect(r.out).toMatch(/Failed\n- hook id: qingdan-lint\n- exit code: 1\n/);
      expect(findings(r.out)).toEqual([
        'data/350502/市场监管.yaml 34:15 consistency/materials',
        'data/350502/市场监管.yaml 347:15 consistency/materials',
      ]);
      expect(r.out).toContain('申报材料「营业执照副本复印件」与上级清单的「营业执照复印件」名称不一致');
      // The cache is on and lives in the git directory: nothing untracked in the working tree.
      expect(existsSync(join(dir, '.git', 'qingdan-lint-cache'))).toBe(true);
      expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe('M  data/350502/市场监管.yaml');
    });

    it('a harmless edit (a comment) passes and is committed, twice in a row with the cache', () => {
      const { dir, commit } = repo();
      edit(join(dir, 'data', '350502', '市场监管.yaml'), '# yaml-language-server', '# 已核对\n# yaml-language-server');
      git(dir, 'add', '-A');
      const first = commit();
      expect(first.out).toMatch(/qingdan-lint（纵向清单检查）\.+Passed/);
      expect({ code: first.code, committed: first.committed }).toEqual({ code: 0, committed: true });
      edit(join(dir, 'data', '350503', '市场监管.yaml'), '# yaml-language-server', '# 已核对\n# yaml-language-server');
      git(dir, 'add', '-A');
      const second = commit();
      expect(second.out).toMatch(/qingdan-lint（纵向清单检查）\.+Passed/);
      expect({ code: second.code, committed: second.committed }).toEqual({ code: 0, committed: true });
      expect(existsSync(join(dir, '.git', 'qingdan-lint-cache'))).toBe(true);
      expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    });

    it('a renamed province item: refused, naming every lower-level file that now disagrees', () => {
      const { dir, commit } = repo();
      edit(join(dir, 'data', '350000', '市场监管.yaml'), 'name: 食品经营许可（新办）', 'name: 食品经营许可（首次申请）');
      git(dir, 'add', '-A');
      const r = commit();
      expect(r.committed).toBe(false);
      expect(r.code).toBe(1);
      expect(findings(r.out)).toEqual([
        'data/350500/市场监管.yaml 14:11 consistency/name',
        'data/350502/市场监管.yaml 14:11 consistency/name',
        'data/350503/市场监管.yaml 15:11 consistency/name',
      ]);
    });

    it('in a linked worktree (.git is a file) the cache goes to the worktree\'s git directory', () => {
      const { dir } = repo();
      const tree = join(mkdtempSync(join(tmpdir(), 'qdl-worktree-')), 'wt');
      git(dir, 'worktree', 'add', '-q', tree);
      expect(statSync(join(tree, '.git')).isFile()).toBe(true);
      edit(join(tree, 'data', '350502', '市场监管.yaml'), '- name: 营业执照复印件', '- name: 营业执照副本复印件');
      git(tree, 'add', '-A');
      const r = run('git', ['commit', '-m', 'edit'], tree, env);
      expect(r.code).toBe(1);
      expect(findings(r.out)).toEqual([
        'data/350502/市场监管.yaml 34:15 consistency/materials',
        'data/350502/市场监管.yaml 347:15 consistency/materials',
      ]);
      expect(existsSync(join(dir, '.git', 'worktrees', 'wt', 'qingdan-lint-cache'))).toBe(true);
      expect(git(tree, 'status', '--porcelain', '--untracked-files=all')).toBe('M  data/350502/市场监管.yaml');
    });

    it('pre-commit try-repo installs the hook from the repository and runs it', () => {
      const dir = checklistRepo(hook);
      edit(join(dir, 'data', '350502', '市场监管.yaml'), '- name: 营业执照复印件', '- name: 营业执照副本复印件');
      const r = run('pre-commit', ['try-repo', hook.dir, 'qingdan-lint', '--ref', hook.rev, '--files', 'data/350502/市场监管.yaml', 'data/350503/市场监管.yaml'], dir, env);
      expect(r.code, r.out).toBe(1);
      expect(r.out).toMatch(/qingdan-lint（纵向清单检查）\.+Failed/);
      expect(findings(r.out)).toEqual([
        'data/350502/市场监管.yaml 34:15 consistency/materials',
        'data/350502/市场监管.yaml 347:15 consistency/materials',
      ]);
    }, 600_000);
  });
}
