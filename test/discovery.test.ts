/**
 * Discovery: symbolic-link loops are not followed (each real directory is entered once), hostile
 * globs in `ignores`/`overrides` finish (a matcher that cannot backtrack) or are refused with a
 * one-line reason, and what discovery cannot read is reported, never silently left out: a YAML
 * file the system refuses is a `yaml-syntax unreadable` diagnostic; a directory it cannot look
 * into is exit 2 with a one-line reason.
 *
 * CI runs as root, where chmod cannot make a directory unreadable, so that refusal is simulated at
 * the file-system call (as test/unreadable.test.ts does for a file); path length is real.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Report } from '../src/types.js';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const readdirSync = ((path: Parameters<typeof real.readdirSync>[0], ...rest: unknown[]) => {
    if (String(path).endsWith('/locked')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    return (real.readdirSync as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof real.readdirSync;
  return { ...real, default: { ...real, readdirSync }, readdirSync };
});

const { lint } = await import('../src/api.js');
const { ROOT } = await import('./helpers.js');

const BIN = join(ROOT, 'bin', 'qingdan-lint.js');
const EXAMPLES = join(ROOT, 'examples', 'fujian');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** The example lists of the given regions copied into `dir`. */
function copyRegions(dir: string, regions: string[]): void {
  for (const r of regions) cpSync(join(EXAMPLES, r), join(dir, r), { recursive: true });
}

function filesOf(regions: string[], prefix = ''): string[] {
  return regions.flatMap((r) => readdirSync(join(EXAMPLES, r)).map((f) => `${prefix}${r}/${f}`));
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('symbolic-link loops', () => {
  it('loops (`loop -> .`, `a/b -> ../a`, two at one level) are not followed; a link out of the tree is; every file once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-loops-'));
    copyRegions(dir, ['350000', '350500', '350502']);
    const outside = mkdtempSync(join(tmpdir(), 'qdl-outside-'));
    copyRegions(outside, ['350503']);
    symlinkSync('.', join(dir, 'loop'));
    symlinkSync('.', join(dir, 'loop2'));
    mkdirSync(join(dir, 'a'));
    symlinkSync('../a', join(dir, 'a', 'b'));
    symlinkSync('../350502', join(dir, 'a', 'alias')); // a second path to a directory of the tree
    symlinkSync(outside, join(dir, 'ext'));
    symlinkSync('../ext', join(outside, 'back')); // a loop through the outside directory
    symlinkSync('self', join(dir, 'self')); // a link to itself, and a broken one: they hold no files
    symlinkSync('missing', join(dir, 'broken'));
    const expected = [...filesOf(['350000', '350500', '350502']), ...filesOf(['350503'], 'ext/')].sort(byCodeUnits);
    for (const args of [[], ['.'], ['**/*.yaml']]) {
      const r = cli(['--format', 'json', ...args], dir);
      expect(r.signal).toBeNull();
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.files.map((f) => f.file)).toEqual(expected);
      expect(report.summary).toMatchObject({ files: 10, regions: 4, errors: 0, warnings: 0 }); // the four regions' lists, and the province's decision and catalog files
    }
  }, 120_000);
});

/** A dataset with a hostile config: the run must finish (the per-test timeout is the bound). */
describe('hostile globs', () => {
  const STARS = 'a*'.repeat(12);

  it('ignores and overrides with many wildcards against long names finish, and match as globs do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-globs-'));
    copyRegions(dir, ['350000']);
    const long = 'a'.repeat(200);
    cpSync(join(EXAMPLES, '350502'), join(dir, long), { recursive: true }); // no "b" or "c": matches nothing
    cpSync(join(EXAMPLES, '350503'), join(dir, `${long}c`), { recursive: true }); // the override applies here
    writeFileSync(join(dir, `${long}b.yaml`), 'not: [valid'); // ignored, so never reported
    writeFileSync(
      join(dir, 'qingdan-lint.config.yaml'),
      [
        `ignores: ["**/${STARS}b.yaml", "**/${STARS}b/**"]`,
        'overrides:',
        `  - files: ["**/${STARS}c/**"]`,
        '    rules: { consistency/name: warning }',
        `  - files: ["**/${STARS}x/**", "!**/${STARS}"]`,
        '    rules: { consistency/steps: info }',
        '',
      ].join('\n'),
    );
    const report = await lint({ cwd: dir, threads: 1 });
    expect(report.files.map((f) => f.file)).toEqual([...filesOf(['350000']), `${long}/卫生健康.yaml`, `${long}/市场监管.yaml`, `${long}c/卫生健康.yaml`, `${long}c/市场监管.yaml`].sort(byCodeUnits));
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });
  }, 30_000);

  it('a pattern over the length limit, an extglob, or too many alternatives is a config error with a one-line reason', async () => {
    const cases: [string, string][] = [
      [`ignores: ["${'x'.repeat(1500)}"]`, `: ignores[0] "${'x'.repeat(40)}…(1500 characters)" is 1500 characters long; at most 1024 are allowed`],
      ['ignores: ["**/*(a|b).yaml"]', ': ignores[0] "**/*(a|b).yaml" uses extglob syntax such as *(…) or @(…), which is not supported; write \\( to match a parenthesis'],
      [`overrides:\n  - files: ["${'{a,b}'.repeat(9)}"]\n    rules: { consistency/name: off }`, `: overrides[0].files[0] "${'{a,b}'.repeat(9)}" expands to more than 256 alternatives`],
      ['ignores: ["!350000/**"]', ': ignores[0] "!350000/**" is negated (starts with "!"), which is not supported here'],
    ];
    for (const [config, reason] of cases) {
      const dir = mkdtempSync(join(tmpdir(), 'qdl-badglob-'));
      copyRegions(dir, ['350000']);
      writeFileSync(join(dir, 'qingdan-lint.config.yaml'), config + '\n');
      await expect(lint({ cwd: dir })).rejects.toThrow(join(dir, 'qingdan-lint.config.yaml') + reason);
      const r = cli([], dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(reason);
    }
  }, 60_000);
});

describe('what discovery cannot read is reported', () => {
  it('a directory it cannot look into: exit 2 with a one-line reason naming it; ignored, the rest is linted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-locked-'));
    copyRegions(dir, ['350000']);
    mkdirSync(join(dir, 'locked'));
    cpSync(join(EXAMPLES, '350502'), join(dir, 'locked', '350502'), { recursive: true });
    await expect(lint({ cwd: dir, config: false })).rejects.toThrow(
      'cannot read directory "locked": permission denied (EACCES); its files cannot be checked (add it to ignores to skip it)',
    );
    writeFileSync(join(dir, 'qingdan-lint.config.yaml'), 'ignores: ["locked/**"]\n');
    const report = await lint({ cwd: dir });
    expect(report.files.map((f) => f.file)).toEqual(filesOf(['350000']));
  });

  it('every directory it cannot look into is named, in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-locked2-'));
    copyRegions(dir, ['350000']);
    mkdirSync(join(dir, 'locked'));
    mkdirSync(join(dir, 'a', 'locked'), { recursive: true });
    await expect(lint({ cwd: dir, config: false })).rejects.toThrow(
      'cannot read 2 directories or paths: a/locked, locked (the first: permission denied, EACCES); their files cannot be checked (add them to ignores to skip them)',
    );
    await expect(lint({ cwd: dir, config: false, patterns: ['350000', 'a'] })).rejects.toThrow(
      'cannot read directory "a/locked": permission denied (EACCES); its files cannot be checked (add it to ignores to skip it)',
    );
  });

  it.skipIf(process.getuid?.() === 0)('a real unreadable directory (not root): exit 2 from the command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-locked-real-'));
    copyRegions(dir, ['350000']);
    mkdirSync(join(dir, 'private'), { mode: 0o000 });
    const r = cli([], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('qingdan-lint: 无法读取目录「private」：没有读取权限（EACCES），其中的文件无法检查（如需跳过，请把它加入 ignores）\n');
  });

  /**
   * Nested directories whose full path passes PATH_MAX (4096) while each name is under 255 bytes,
   * built with relative `mkdir`/`cd` steps (as the system allows). `depth` 250-byte names.
   */
  function deepTree(root: string, depth: number, fileName?: string): string {
    const name = 'd'.repeat(250);
    const script = `cd "$1" && for i in $(seq 1 ${depth}); do mkdir ${name} && cd ${name} || exit 1; done${fileName ? ` && printf 'x: 1\\n' > ${fileName}` : ''}`;
    const r = spawnSync('bash', ['-c', script, 'deep', root], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return Array.from({ length: depth }, () => name).join('/');
  }

  it('a directory whose path is too long for the system: exit 2 with a one-line reason, nothing on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-deep-'));
    copyRegions(dir, ['350000']);
    const depth = Math.ceil((4200 - dir.length) / 251);
    const deep = deepTree(dir, depth, 'list.yaml');
    expect(dir.length + 1 + deep.length).toBeGreaterThan(4096);
    const r = cli([], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2); // one line and its end
    // The first directory the system refuses, shortened in the middle for the one line.
    const refused = deep.split('/').slice(0, Math.floor((4095 - dir.length) / 251) + 1).join('/');
    const shown = `${refused.slice(0, 80)}…${refused.slice(-100)} (${refused.length} characters)`;
    expect(r.stderr).toBe(`qingdan-lint: 无法读取目录「${shown}」：路径过长，系统无法读取（ENAMETOOLONG），其中的文件无法检查（如需跳过，请把它加入 ignores）\n`);
    const en = cli(['--locale', 'en'], dir);
    expect(en.code).toBe(2);
    expect(en.stderr).toBe(
      `qingdan-lint: cannot read directory "${shown}": the path is too long for the system (ENAMETOOLONG); its files cannot be checked (add it to ignores to skip it)\n`,
    );
  }, 60_000);

  it('a YAML file whose path is too long (its directory is not): a yaml-syntax unreadable diagnostic there, exit 1, the rest linted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-deepfile-'));
    copyRegions(dir, ['350000']);
    const depth = Math.floor((4095 - dir.length) / 251); // the directory's path is readable
    const fileName = `${'清单'.repeat(40)}12345.yaml`; // 250 bytes: the file's path is not
    const deep = deepTree(dir, depth, undefined);
    // The file is created through a relative path (the absolute one is too long to create).
    const made = spawnSync('bash', ['-c', `cd "$1/$2" && printf 'x: 1\\n' > "$3"`, 'mk', dir, deep, fileName]);
    expect(made.status).toBe(0);
    const file = `${deep}/${fileName}`;
    expect(Buffer.byteLength(join(dir, file))).toBeGreaterThan(4096);
    const r = cli(['--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.files.map((f) => f.file)).toEqual([...filesOf(['350000']), file].sort(byCodeUnits));
    const diagnostics = report.files.flatMap((f) => f.diagnostics);
    expect(diagnostics.map((d) => ({ file: d.file, ruleId: d.ruleId, messageId: d.messageId, line: d.line, code: d.data.code, message: d.message }))).toEqual([
      { file, ruleId: 'yaml-syntax', messageId: 'unreadable', line: 1, code: 'ENAMETOOLONG', message: '无法读取文件：路径过长，系统无法读取' },
    ]);
  }, 60_000);

  it('a named pipe called x.yaml is reported, not waited on forever', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-fifo-'));
    copyRegions(dir, ['350000']);
    const made = spawnSync('mkfifo', [join(dir, 'pipe.yaml')]);
    expect(made.status).toBe(0);
    const r = cli(['--format', 'json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    const diagnostics = report.files.flatMap((f) => f.diagnostics);
    expect(diagnostics.map((d) => ({ file: d.file, messageId: d.messageId, code: d.data.code }))).toEqual([{ file: 'pipe.yaml', messageId: 'unreadable', code: 'ENOTFILE' }]);
  }, 30_000);
});
