/**
 * The progress line (reports.md, "Progress"): on standard error when it is a terminal, redrawn in
 * place and erased before the report is printed; never when standard error is not a terminal,
 * never on standard output. `QINGDAN_LINT_PROGRESS_DELAY_MS=0` shows it at once (the one-second
 * delay itself is checked with a clock of the test's own, not by timing).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, type LintProgress } from '../src/api.js';
import { run, type CliIO } from '../src/cli/main.js';
import { CLEAR_LINE, ProgressLine, progressText } from '../src/cli/progress.js';
import type { Report } from '../src/types.js';
import { ROOT } from './helpers.js';

const DATA = join(ROOT, 'examples', 'fujian-with-errors');

/** Run the CLI in-process; every write is kept in order, tagged with its stream. */
async function cli(args: string[], opts: { stderrIsTTY: boolean; delay?: string; cwd?: string }) {
  const writes: ['out' | 'err', string][] = [];
  const io: CliIO = {
    stdout: (t) => void writes.push(['out', t]),
    stderr: (t) => void writes.push(['err', t]),
    cwd: opts.cwd ?? DATA,
    env: opts.delay === undefined ? {} : { QINGDAN_LINT_PROGRESS_DELAY_MS: opts.delay },
    isTTY: false,
    stderrIsTTY: opts.stderrIsTTY,
  };
  const code = await run(args, io);
  const stdout = writes.filter(([s]) => s === 'out').map(([, t]) => t).join('');
  const stderr = writes.filter(([s]) => s === 'err').map(([, t]) => t).join('');
  return { code, stdout, stderr, writes };
}

describe('progress on standard error', () => {
  it('is shown on a terminal: files of the total, items, elapsed; redrawn in place, erased before the report', async () => {
    const plain = await cli(['-f', 'json'], { stderrIsTTY: false });
    const report = JSON.parse(plain.stdout) as Report;
    const r = await cli(['-f', 'json'], { stderrIsTTY: true, delay: '0' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(plain.stdout);
    const total = report.summary.files;
    // Every draw starts by going back to the line's start and erasing it; the last write erases it.
    expect(r.stderr.startsWith(CLEAR_LINE)).toBe(true);
    expect(r.stderr.endsWith(CLEAR_LINE)).toBe(true);
    const lines = r.stderr.split(CLEAR_LINE).filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(l).toMatch(/^qingdan-lint：已读文件 [0-9]+\/[0-9]+，事项 [0-9]+(，跨层级检查中)?，用时 [0-9]+\.[0-9] 秒$/);
    expect(lines[0]).toMatch(new RegExp(`^qingdan-lint：已读文件 0/${total}，事项 0，用时`));
    expect(lines.at(-1)).toMatch(new RegExp(`^qingdan-lint：已读文件 ${total}/${total}，事项 ${report.summary.items}，跨层级检查中，用时`));
    expect(r.stderr).not.toContain('\n');
    // Erased before anything goes to standard output.
    const lastErr = r.writes.map(([s]) => s).lastIndexOf('err');
    const firstOut = r.writes.map(([s]) => s).indexOf('out');
    expect(lastErr).toBeLessThan(firstOut);
    expect(r.writes[lastErr][1]).toBe(CLEAR_LINE);
  });

  it('is worded in the run locale', async () => {
    const r = await cli(['-f', 'json', '--locale', 'en'], { stderrIsTTY: true, delay: '0' });
    const lines = r.stderr.split(CLEAR_LINE).filter(Boolean);
    expect(lines.at(-1)).toMatch(/^qingdan-lint: files 17\/17, items [0-9]+, checking across levels, [0-9]+\.[0-9] s$/);
  });

  it('is absent when standard error is not a terminal, and never on standard output', async () => {
    const r = await cli(['-f', 'json'], { stderrIsTTY: false, delay: '0' });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: '' });
    const s = await cli(['-f', 'stylish'], { stderrIsTTY: true, delay: '0' });
    expect(s.stderr).toContain('已读文件');
    expect(s.stdout).not.toMatch(/\r|\u001b\[2K|已读文件/);
  });

  it('waits for its delay: a run shorter than it shows nothing', async () => {
    const r = await cli(['-f', 'json'], { stderrIsTTY: true, delay: '3600000' });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: '' });
  });

  it('counts files taken from the cache as read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-progress-'));
    cpSync(DATA, dir, { recursive: true });
    for (let round = 0; round < 2; round++) {
      const r = await cli(['-f', 'json', '--cache'], { stderrIsTTY: true, delay: '0', cwd: dir });
      const items = (JSON.parse(r.stdout) as Report).summary.items;
      expect(r.stderr.split(CLEAR_LINE).filter(Boolean).at(-1), `round ${round}`).toMatch(new RegExp(`^qingdan-lint：已读文件 17/17，事项 ${items}，跨层级检查中`));
    }
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the progress line itself', () => {
  it('draws nothing before the delay, then the latest state; stop erases only what was drawn', () => {
    let clock = 0;
    const out: string[] = [];
    const line = new ProgressLine({ write: (t) => void out.push(t), isTTY: true, locale: 'en' }, 1000, () => clock);
    const p = (files: number, stage: LintProgress['stage'] = 'files'): LintProgress => ({ stage, files, total: 10, items: files * 3 });
    line.update(p(1));
    clock = 999;
    line.update(p(2));
    expect(out).toEqual([]);
    clock = 1000;
    line.update(p(3));
    clock = 1050;
    line.update(p(4)); // within 100 ms of the last draw: not redrawn
    line.update(p(10)); // all files read: drawn at once
    line.update(p(10, 'cross-level')); // a new stage: drawn at once
    line.stop();
    line.update(p(10, 'cross-level'));
    expect(out).toEqual([
      `${CLEAR_LINE}qingdan-lint: files 3/10, items 9, 1.0 s`,
      `${CLEAR_LINE}qingdan-lint: files 10/10, items 30, 1.1 s`,
      `${CLEAR_LINE}qingdan-lint: files 10/10, items 30, checking across levels, 1.1 s`,
      CLEAR_LINE,
    ]);
    const quiet: string[] = [];
    const never = new ProgressLine({ write: (t) => void quiet.push(t), isTTY: true, locale: 'en' }, 1000, () => 0);
    never.update(p(1));
    never.stop();
    expect(quiet).toEqual([]);
  });

  it('fits the terminal width, never wrapping', () => {
    const out: string[] = [];
    const line = new ProgressLine({ write: (t) => void out.push(t), isTTY: true, locale: 'zh-CN', columns: 30 }, 0, () => 0);
    line.update({ stage: 'cross-level', files: 123456, total: 123456, items: 9876543 });
    line.stop();
    // 29 cells at most: 28 of the text and the ellipsis.
    expect(out[0]).toBe(CLEAR_LINE + 'qingdan-lint：已读文件 12345…');
    expect(progressText({ stage: 'files', files: 1, total: 2, items: 3 }, 1234, 'zh-CN')).toBe('qingdan-lint：已读文件 1/2，事项 3，用时 1.2 秒');
    // A terminal that reports no width (0, as under `script`) counts as 80 columns.
    const wide: string[] = [];
    const unknownWidth = new ProgressLine({ write: (t) => void wide.push(t), isTTY: true, locale: 'en', columns: 0 }, 0, () => 0);
    unknownWidth.update({ stage: 'files', files: 1, total: 2, items: 3 });
    unknownWidth.stop();
    expect(wide[0]).toBe(`${CLEAR_LINE}qingdan-lint: files 1/2, items 3, 0.0 s`);
  });

  it('the library reports progress through onProgress: every file once, then the cross-level stage', async () => {
    const seen: LintProgress[] = [];
    const report = await lint({ cwd: DATA, onProgress: (p) => void seen.push(p) });
    const total = report.summary.files;
    expect(seen[0]).toEqual({ stage: 'files', files: 0, total, items: 0 });
    expect(seen.map((s) => s.files)).toEqual([...Array.from({ length: total + 1 }, (_, i) => i), total]);
    expect(seen.at(-1)).toEqual({ stage: 'cross-level', files: total, total, items: report.summary.items });
    // With worker threads records come back in batches, in any order: each file still counts once.
    const threaded: LintProgress[] = [];
    await lint({ cwd: DATA, threads: 2, onProgress: (p) => void threaded.push(p) });
    expect(threaded.map((s) => s.files)).toEqual(seen.map((s) => s.files));
    expect(threaded.at(-1)).toEqual(seen.at(-1));
    await expect(lint({ cwd: DATA, onProgress: 'yes' as never })).rejects.toThrow('option onProgress: expected a function');
  });
});
