/**
 * The library checks what it is given as the command line checks its flags: unknown options, bad
 * values and config objects are a UsageError with a one-line reason — never a TypeError later,
 * and never a clean empty report where the command line would exit 2.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, lintDocuments } from '../src/api.js';
import { UsageError } from '../src/config/errors.js';
import { ROOT } from './helpers.js';

const EXAMPLE = join(ROOT, 'examples', 'fujian');

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a rejection');
}

describe('library options are checked', () => {
  it('an unknown option, with the closest known one', async () => {
    expect(await rejection(lint({ cwd: EXAMPLE, reportOnlyGivn: true } as never))).toBe('unknown option "reportOnlyGivn" (did you mean "reportOnlyGiven"? / 是否应为「reportOnlyGiven」？)');
  });
  it('an unknown locale', async () => {
    expect(await rejection(lint({ cwd: EXAMPLE, locale: 'fr' as never }))).toBe('unknown locale "fr"; use zh-CN or en');
  });
  it('a cwd that does not exist', async () => {
    expect(await rejection(lint({ cwd: join(EXAMPLE, 'nowhere') }))).toBe(`option cwd: ${join(EXAMPLE, 'nowhere')} is not a directory`);
  });
  it('a directory with nothing to lint', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'qdl-empty-'));
    expect(await rejection(lint({ cwd: empty }))).toBe(`no YAML files found to lint in ${empty} (check the paths, the config's files and ignores, and .gitignore)`);
  });
  it('a config object gets the checks a config file gets', async () => {
    expect(await rejection(lint({ cwd: EXAMPLE, config: { rulez: {} } as never }))).toMatch(/^config option: unknown key "rulez"/);
    expect(await rejection(lint({ cwd: EXAMPLE, config: { rules: { 'consistency/nam': 'error' } } }))).toMatch(/consistency\/name/);
  });
  it('threads, patterns and cache of the wrong shape', async () => {
    expect(await rejection(lint({ cwd: EXAMPLE, threads: 0 }))).toBe('option threads: expected a whole number >= 1, got 0');
    expect(await rejection(lint({ cwd: EXAMPLE, patterns: 'a.yaml' as never }))).toBe('option patterns: expected an array of paths or globs');
    expect(await rejection(lint({ cwd: EXAMPLE, cache: 'yes' as never }))).toBe('option cache: expected true, false or { location: string }');
  });
  it('lintDocuments: options it does not take, and documents of the wrong shape', async () => {
    expect(await rejection(lintDocuments([], { patterns: ['x'] } as never))).toBe('unknown option "patterns"');
    expect(await rejection(lintDocuments([{ path: 'a.yaml' }] as never))).toBe('lintDocuments: expected an array of { path, text } strings');
  });
  it('a cache location that is a file of the dataset is refused, and the file left as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-libcache-'));
    cpSync(EXAMPLE, dir, { recursive: true });
    const target = join(dir, '350000', '市场监管.yaml');
    const before = readFileSync(target);
    expect(await rejection(lint({ cwd: dir, patterns: ['350502'], cache: { location: '350000/市场监管.yaml' } }))).toBe(`cache location ${target}: it is one of the linted files (the dataset)`);
    expect(readFileSync(target).equals(before)).toBe(true);
  });
  it('valid options still lint', async () => {
    const report = await lint({ cwd: EXAMPLE, locale: 'en', reference: 'root', preset: 'recommended', threads: 1, patterns: [] });
    expect(report.summary.errors).toBe(0);
    expect(report.files.length).toBe(18);
  });
});
