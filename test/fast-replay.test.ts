/**
 * The command line's replay of its last output (src/cli/fast-replay.ts), through the real
 * process: after every kind of change, a `--cache` run prints exactly what a run without a cache
 * prints, and once the change has settled the output is replayed again without loading the
 * linter.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const BIN = join(ROOT, 'bin', 'qingdan-lint.js');
const REPLAYED = '(the last output replayed from the cache)';

interface Run {
  code: number | null;
  stdout: string;
  /** Standard error without the timing line. */
  stderr: string;
  replayed: boolean;
}

function cli(cwd: string, args: string[], env: Record<string, string> = {}): Run {
  const base: Record<string, string | undefined> = { ...process.env, QINGDAN_LINT_TIMING: '1' };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env } });
  const timing = r.stderr.split('\n').filter((l) => l.startsWith('qingdan-lint timing:'));
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr
      .split('\n')
      .filter((l) => !l.startsWith('qingdan-lint timing:'))
      .join('\n'),
    replayed: timing.some((l) => l.includes(REPLAYED)),
  };
}

/** Every file and directory under `dir` (and `dir`) last modified an hour ago: changes have settled. */
function settle(dir: string): void {
  const past = new Date(Date.now() - 3600_000);
  const visit = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      utimesSync(p, past, past);
    }
    utimesSync(d, past, past);
  };
  visit(dir);
}

/** Only `paths` made an hour old: every other path keeps its time (a change that only a folder's entries show). */
function age(...paths: string[]): void {
  const past = new Date(Date.now() - 3600_000);
  for (const p of paths) utimesSync(p, past, past);
}

/** A `--cache` run must print what a run without a cache prints (and exit the same). */
function expectSame(dir: string, args: string[], env: Record<string, string> = {}): Run {
  const cached = cli(dir, [...args, '--cache'], env);
  const fresh = cli(dir, args, env);
  expect(fresh.replayed).toBe(false);
  expect({ code: cached.code, stdout: cached.stdout, stderr: cached.stderr }).toEqual({ code: fresh.code, stdout: fresh.stdout, stderr: fresh.stderr });
  return cached;
}

/** Once settled: one run keeps the output (if the one before did not), the next replays it, the same. */
function expectReplayedWhenSettled(root: string, dir: string, args: string[], env: Record<string, string> = {}): void {
  settle(root);
  expectSame(dir, args, env);
  const again = expectSame(dir, args, env);
  expect(again.replayed).toBe(true);
}

describe('the command line replays its last output while nothing it depends on changed', () => {
  it('after edits, added, removed and renamed files, configs, .gitignore, suppressions and colour settings', () => {
    const root = mkdtempSync(join(tmpdir(), 'qdl-fast-'));
    const dir = join(root, 'data');
    cpSync(join(ROOT, 'examples', 'fujian-with-errors'), dir, { recursive: true });
    const json = ['--format', 'json'];

    // A new cache: the first run keeps its output, the second replays it.
    settle(root);
    const first = expectSame(dir, json);
    expect(first.replayed).toBe(false);
    expect(first.code).toBe(1);
    expect(expectSame(dir, json).replayed).toBe(true);

    // A file edited: not replayed, and (modified just now) not kept either until it settles.
    const district = join(dir, '350502', '市场监管.yaml');
    writeFileSync(district, readFileSync(district, 'utf8').replace('营业执照副本复印件 # expect', '营业执照复印件 # expect'));
    expect(expectSame(dir, json).replayed).toBe(false);
    expect(expectSame(dir, json).replayed).toBe(false);
    expectReplayedWhenSettled(root, dir, json);

    // Each change below leaves every file that was there as it was (same size and time): only a
    // folder's entries, or a file that was not there, tell it.
    /** Make the change, then expect a run that is not replayed and prints what a fresh run prints; then replayed again once settled. */
    const change = (what: () => void, check: (run: Run) => void = () => {}, replaysWhenSettled = true) => {
      what();
      const after = expectSame(dir, json);
      expect(after.replayed).toBe(false);
      check(after);
      if (replaysWhenSettled) expectReplayedWhenSettled(root, dir, json);
    };
    const copy = join(dir, '350502', '市场监管-副本.yaml');
    // A file added in a district (its time an hour ago, like the others'), then removed.
    change(() => {
      cpSync(district, copy);
      age(copy);
    });
    change(() => rmSync(copy));
    // A region's folder renamed (its files' paths change), and back.
    change(() => renameSync(join(dir, '350503'), join(dir, '350503-old')));
    change(() => renameSync(join(dir, '350503-old'), join(dir, '350503')));
    // A folder named like a YAML file (reported as a file that cannot be read): such a run's output
    // is never kept (a file of the run that is not a file), so it is not replayed even when settled.
    change(() => mkdirSync(join(dir, '350502', 'empty.yaml')), (run) => expect(run.code).toBe(1), false);
    settle(root);
    expectSame(dir, json);
    expect(expectSame(dir, json).replayed).toBe(false);
    change(() => rmSync(join(dir, '350502', 'empty.yaml'), { recursive: true }));
    // A config file in the dataset's folder, then one in the folder above (found by the upward search).
    change(() => {
      writeFileSync(join(dir, 'qingdan-lint.config.yaml'), 'rules:\n  consistency/name: off\n');
      age(join(dir, 'qingdan-lint.config.yaml'));
    }, (run) => expect(run.stdout).not.toContain('consistency/name'));
    change(() => rmSync(join(dir, 'qingdan-lint.config.yaml')));
    change(() => {
      writeFileSync(join(root, 'qingdan-lint.config.yaml'), 'rules:\n  consistency/materials: off\n');
      age(join(root, 'qingdan-lint.config.yaml'));
    }, (run) => expect(run.stdout).not.toContain('consistency/materials'));
    change(() => rmSync(join(root, 'qingdan-lint.config.yaml')));
    // .gitignore naming a district's folder.
    change(() => {
      writeFileSync(join(dir, '.gitignore'), '350502/\n');
      age(join(dir, '.gitignore'));
    }, (run) => expect(run.stdout).not.toContain('350502/'));
    change(() => rmSync(join(dir, '.gitignore')));
    // A suppressions file recorded (a run that writes one keeps no output).
    change(
      () => {
        expect(cli(dir, ['--suppress-all', '--cache']).code).toBe(0);
        age(join(dir, 'qingdan-lint-suppressions.json'));
      },
      (run) => expect(run.code).toBe(0),
    );
    change(() => rmSync(join(dir, 'qingdan-lint-suppressions.json')), (run) => expect(run.code).toBe(1));

    // A config file written just now: its time cannot be trusted yet (a second write within the
    // clock's resolution would not move it), so no output is kept until it settles.
    writeFileSync(join(dir, 'qingdan-lint.config.yaml'), 'rules:\n  consistency/steps: off\n');
    expect(expectSame(dir, json).replayed).toBe(false);
    expect(expectSame(dir, json).replayed).toBe(false);
    expectReplayedWhenSettled(root, dir, json);
    rmSync(join(dir, 'qingdan-lint.config.yaml'));

    // Another command (stylish) and colour forced: outputs of their own, kept beside the first.
    const stylish = ['--format', 'stylish'];
    settle(root);
    for (const [args, env] of [[json, {}], [stylish, {}], [stylish, { FORCE_COLOR: '1' }]] as const) {
      expect(expectSame(dir, args, env).replayed).toBe(false);
      expect(expectSame(dir, args, env).replayed).toBe(true);
    }
    const colored = cli(dir, [...stylish, '--cache'], { FORCE_COLOR: '1' });
    expect(colored.replayed).toBe(true);
    expect(colored.stdout).toContain('\u001b[');
    const plain = cli(dir, [...stylish, '--cache']);
    expect(plain.replayed).toBe(true);
    expect(plain.stdout).not.toContain('\u001b[');
    expect(expectSame(dir, json).replayed).toBe(true);
  });

  it('keeps the outputs of the last four commands; a fifth one evicts the oldest, and the file does not grow', () => {
    const root = mkdtempSync(join(tmpdir(), 'qdl-fast-'));
    const dir = join(root, 'data');
    cpSync(join(ROOT, 'examples', 'fujian-with-errors'), dir, { recursive: true });
    settle(root);
    const commands = ['json', 'sarif', 'github', 'junit', 'stylish'].map((f) => ['--format', f]);
    for (const args of commands.slice(0, 4)) {
      expect(expectSame(dir, args).replayed).toBe(false);
      expect(expectSame(dir, args).replayed).toBe(true);
    }
    const size = statSync(join(dir, '.qingdan-lint-cache')).size;
    for (const args of commands.slice(0, 4)) expect(expectSame(dir, args).replayed).toBe(true);
    // A fifth command: kept, and the oldest (json) no longer is; the others still are.
    expect(expectSame(dir, commands[4]).replayed).toBe(false);
    expect(expectSame(dir, commands[4]).replayed).toBe(true);
    for (const args of commands.slice(1, 4)) expect(expectSame(dir, args).replayed).toBe(true);
    expect(expectSame(dir, commands[0]).replayed).toBe(false);
    expect(expectSame(dir, commands[0]).replayed).toBe(true);
    // Outputs replaced are not left behind in the file.
    for (let round = 0; round < 3; round++) for (const args of commands) expectSame(dir, args);
    expect(statSync(join(dir, '.qingdan-lint-cache')).size).toBeLessThan(size * 1.5);
  });

  it('never for a run that writes files, a shard, or a cache at another location given differently', () => {
    const root = mkdtempSync(join(tmpdir(), 'qdl-fast-'));
    const dir = join(root, 'data');
    cpSync(join(ROOT, 'examples', 'fujian-with-errors'), dir, { recursive: true });
    mkdirSync(join(root, 'out'));
    settle(root);
    for (const args of [
      ['--format', 'json', '-o', join(root, 'out', 'report.json')],
      ['--format', 'json', '--shard', '1/1'],
      ['--fix-dry-run', '--format', 'json'],
    ]) {
      cli(dir, [...args, '--cache']);
      expect(cli(dir, [...args, '--cache']).replayed).toBe(false);
    }
    // A cache kept elsewhere (as the commit hook keeps it): replayed from there.
    const location = join(root, 'cache', 'qingdan-lint-cache');
    const fresh = cli(dir, ['--format', 'json']);
    const elsewhere = () => cli(dir, ['--format', 'json', '--cache-location', location]);
    expect(elsewhere()).toEqual({ ...fresh, replayed: false });
    expect(elsewhere()).toEqual({ ...fresh, replayed: true });
  });
});
