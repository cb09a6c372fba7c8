/**
 * A run that could not check everything never ends "clean": a rule that throws, a worker thread
 * that dies, a plugin whose import never settles or that ends the process — each is exit 2 with a
 * one-line reason naming what failed, and no report on standard output. `--debug` adds the stack.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli } from './helpers.js';

/** The example dataset with a plugin whose source is `body` (a module exporting `rules`). */
function withPlugin(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'qdl-fail-'));
  cpSync(join(ROOT, 'examples', 'fujian'), dir, { recursive: true });
  writeFileSync(join(dir, 'plugin.mjs'), body);
  writeFileSync(join(dir, 'qingdan-lint.config.yaml'), 'plugins: [./plugin.mjs]\nrules:\n  local/probe: error\n');
  return dir;
}

const rule = (hooks: string) => `
import { isMainThread } from 'node:worker_threads';
export const rules = [{
  id: 'local/probe',
  description: { 'zh-CN': '探针', en: 'probe' },
  severity: 'error',
  messages: { 'zh-CN': { found: '发现' }, en: { found: 'found' } },
  ${hooks}
}];
`;

describe('failures end in exit 2, never in a clean report', () => {
  it('a rule that throws in the per-file stage names the rule and the file', () => {
    const dir = withPlugin(rule(`item(ref) { if (ref.summary.code === '000122001001') throw new Error('boom\\nsecond line'); },`));
    const r = cli(['--format', 'json', '--threads', '1'], { cwd: dir });
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('qingdan-lint: rule "local/probe" failed on 350000/市场监管.yaml: boom\n');
    expect(r.code).toBe(2);
  });

  it('--debug shows the stack after the reason', () => {
    const dir = withPlugin(rule(`item() { throw new Error('boom'); },`));
    const r = cli(['--format', 'json', '--threads', '1', '--debug'], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('qingdan-lint: rule "local/probe" failed on 350000/卫生健康.yaml: boom');
    expect(lines.some((l) => /^\s+at .*plugin\.mjs/.test(l))).toBe(true);
  });

  it('a rule that throws in the cross-level stage names the rule', () => {
    const dir = withPlugin(rule(`compare({ item }) { if (item.region.code === '350502') throw new TypeError('cannot read x'); },`));
    const r = cli(['--format', 'json'], { cwd: dir });
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('qingdan-lint: rule "local/probe" failed on 350502/卫生健康.yaml: cannot read x\n');
    expect(r.code).toBe(2);
  });

  it('the same rule failing inside a worker thread: the same reason', () => {
    const dir = withPlugin(rule(`item(ref) { if (ref.summary.code === '000122001001') throw new Error('boom'); },`));
    const r = cli(['--format', 'json', '--threads', '2'], { cwd: dir });
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('qingdan-lint: rule "local/probe" failed on 350000/市场监管.yaml: boom\n');
    expect(r.code).toBe(2);
  });

  it('a worker thread that exits while it holds files', () => {
    const dir = withPlugin(rule(`file() { if (!isMainThread) process.exit(0); },`));
    const r = cli(['--format', 'json', '--threads', '2'], { cwd: dir });
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^qingdan-lint: worker thread 1 exited \(code 0\) before finishing 350000\/决定\.yaml\n$/);
    expect(r.code).toBe(2);
  });

  it('a plugin that ends the process from the main thread', () => {
    const dir = withPlugin(rule(`file() { process.exit(0); },`));
    const r = cli(['--format', 'json', '--threads', '1'], { cwd: dir });
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('qingdan-lint: 运行未完成');
    expect(r.code).toBe(2);
  });

  it('a plugin whose import never settles', () => {
    const dir = withPlugin(`await new Promise(() => {});\n${rule('')}`);
    const r = cli(['--format', 'json'], { cwd: dir });
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('qingdan-lint: 运行未完成（插件、规则或工作线程没有结束），未检查全部文件 / the run stopped before finishing (a plugin, rule or worker never completed): not everything was checked\n');
    expect(r.code).toBe(2);
  });
});
