/**
 * Colour: `--color`/`--no-color` > `NO_COLOR` (any non-empty value) > `FORCE_COLOR` (`0`/`false`
 * off; `1`/`2`/`3`/`true`/empty on) > whether standard output is a terminal. Only stylish is
 * coloured, and a report written with `-o` only with `--color`. Run in process through the CLI's
 * `run(argv, io)` (the terminal is `io.isTTY`) on the example with mistakes, and through the
 * built CLI for the process' own environment.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { ROOT, cli } from './helpers.js';

const ESC = '\u001b[';

/** Text without escape codes; a coloured diff marks changes by colour, a plain one by [-x-] {+x+}. */
const bare = (text: string) => text.replace(/\u001b\[[\d;]*m/g, '').replace(/\[-|-\]|\{\+|\+\}/g, '');

async function stylish(args: string[], isTTY: boolean, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run([...args, 'examples/fujian-with-errors'], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTTY,
    env,
    cwd: ROOT,
  });
  return { code, stdout, stderr };
}

describe('colour precedence', () => {
  // [flags, isTTY, env, coloured]
  const matrix: [string[], boolean, Record<string, string>, boolean][] = [
    [[], true, {}, true],
    [[], false, {}, false],
    [[], true, { NO_COLOR: '1' }, false],
    [[], true, { NO_COLOR: 'anything' }, false],
    [[], true, { NO_COLOR: '' }, true],
    [[], false, { FORCE_COLOR: '1' }, true],
    [[], false, { FORCE_COLOR: '2' }, true],
    [[], false, { FORCE_COLOR: '3' }, true],
    [[], false, { FORCE_COLOR: 'true' }, true],
    [[], false, { FORCE_COLOR: '' }, true],
    [[], true, { FORCE_COLOR: '0' }, false],
    [[], true, { FORCE_COLOR: 'false' }, false],
    [[], true, { FORCE_COLOR: 'sometimes' }, true],
    [[], false, { FORCE_COLOR: 'sometimes' }, false],
    [[], false, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    [['--color'], false, {}, true],
    [['--color'], false, { NO_COLOR: '1' }, true],
    [['--color'], true, { FORCE_COLOR: '0' }, true],
    [['--no-color'], true, {}, false],
    [['--no-color'], true, { FORCE_COLOR: '1' }, false],
    [['--color', '--no-color'], true, {}, false],
    [['--no-color', '--color'], false, {}, true],
  ];

  it.each(matrix)('%j, TTY %s, env %j → colour %s', async (flags, isTTY, env, coloured) => {
    const r = await stylish(flags, isTTY, env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.includes(ESC)).toBe(coloured);
    // The same text either way, but for how it is marked.
    const plain = await stylish(['--no-color'], false, {});
    expect(bare(r.stdout)).toBe(bare(plain.stdout));
  });

  it('the summary line is red when there are errors', async () => {
    const r = await stylish(['--color'], false, {});
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`${ESC}31;1m✖ 15 个问题（12 个错误，3 个警告），共 17 个文件、11 个区划、98 个事项${ESC}0m`);
  });

  it('only stylish is coloured', async () => {
    for (const format of ['json', 'sarif', 'github', 'junit']) {
      const r = await stylish(['--color', '--format', format], true, { FORCE_COLOR: '1' });
      expect(r.stdout.includes(ESC), format).toBe(false);
    }
  });
});

describe('a report written with -o', () => {
  it('has no colour from the terminal or FORCE_COLOR; it has with --color', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-color-'));
    const plain = join(dir, 'plain.txt');
    const forced = join(dir, 'forced.txt');
    const asked = join(dir, 'asked.txt');
    expect((await stylish(['-o', plain], true, {})).stdout).toBe('');
    await stylish(['-o', forced], true, { FORCE_COLOR: '1' });
    await stylish(['-o', asked, '--color'], false, {});
    expect(readFileSync(plain, 'utf8').includes(ESC)).toBe(false);
    expect(readFileSync(forced, 'utf8')).toBe(readFileSync(plain, 'utf8'));
    expect(readFileSync(asked, 'utf8').includes(ESC)).toBe(true);
    expect(bare(readFileSync(asked, 'utf8'))).toBe(bare(readFileSync(plain, 'utf8')));
  });
});

describe('the built CLI reads its own environment', () => {
  it('FORCE_COLOR, NO_COLOR and --color on a pipe', () => {
    const args = ['examples/fujian-with-errors/350503/卫生健康.yaml'];
    expect(cli(args).stdout.includes(ESC)).toBe(false);
    expect(cli(args, { env: { FORCE_COLOR: '1' } }).stdout.includes(ESC)).toBe(true);
    expect(cli(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout.includes(ESC)).toBe(false);
    expect(cli(['--color', ...args], { env: { NO_COLOR: '1' } }).stdout.includes(ESC)).toBe(true);
    expect(cli(['--no-color', ...args], { env: { FORCE_COLOR: '3' } }).stdout.includes(ESC)).toBe(false);
  });
});
