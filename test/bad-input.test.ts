/**
 * Bad and hostile input (test/fixtures/bad-input): each file gets a clear diagnostic, every other
 * file is still linted with unchanged results, nothing throws, nothing is executed, nothing is
 * polluted.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect, lint, reportOf } from '../src/api.js';
import type { Report } from '../src/types.js';
import { ROOT, cli, collectMarkers, reportedMarks } from './helpers.js';

const DATASET = join(ROOT, 'test', 'fixtures', 'bad-input', 'dataset');
const PROVINCE = '350000/市场监管.yaml';

const at = (r: Report, file: string) => r.files.find((f) => f.file === file)!.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.messageId}`);

/** A copy of the valid province file plus whatever a case adds. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qdl-bad-'));
  mkdirSync(join(dir, '350000'));
  cpSync(join(DATASET, PROVINCE), join(dir, PROVINCE));
  return dir;
}

describe('the bad-input catalogue', () => {
  it('every marked file reports exactly its marks; the valid file reports nothing', async () => {
    const report = await lint({ cwd: DATASET, config: false });
    const unmarked = ['bad/empty.yaml', 'bad/utf16.yaml', 'bad/alias-bomb.yaml'];
    expect(reportedMarks(report).filter((m) => !unmarked.some((u) => m.startsWith(u + ':')))).toEqual(collectMarkers(DATASET));
    expect(at(report, 'bad/empty.yaml')).toEqual(['1:1 yaml-syntax empty']);
    expect(at(report, 'bad/utf16.yaml')).toEqual(['1:1 yaml-syntax utf16']);
    expect(at(report, 'bad/alias-bomb.yaml')).toEqual(['10:12 yaml-syntax tooManyAliases']);
    expect(at(report, PROVINCE)).toEqual([]);
    expect(report.files).toHaveLength(18);
  });

  it("the other files' results do not depend on the bad ones", async () => {
    const alone = await lint({ cwd: DATASET, config: false, patterns: [PROVINCE] });
    const all = await lint({ cwd: DATASET, config: false });
    expect(all.files.find((f) => f.file === PROVINCE)).toEqual(alone.files[0]);
  });

  it('the command line reports them with exit 1 and no stack trace, in every format', () => {
    for (const fmt of ['stylish', 'json', 'sarif', 'github', 'junit']) {
      const r = cli(['--format', fmt, '.'], { cwd: DATASET });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
      expect(r.stdout).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    }
  });

  it('keys named __proto__, constructor and prototype pollute nothing', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const report = await lint({ cwd: DATASET, config: false, patterns: ['bad/proto-keys.yaml'] });
    expect(report.files[0].diagnostics.map((d) => d.data.property)).toEqual(['__proto__', 'constructor', 'prototype', '__proto__', 'constructor', 'prototype']);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const text = 'region: { code: "350000", name: 福建省, level: province }\nitems: []\n__proto__: { polluted: yes }\nx: { __proto__: { polluted: yes } }\n';
    await lint({ cwd: DATASET, config: false, stdin: { text, filename: 'p.yaml' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('tags are reported, never executed', async () => {
    const g = globalThis as Record<string, unknown>;
    const text = "region: { code: \"350000\", name: 福建省, level: province }\nitems: []\nx: !!js/function 'function () { globalThis.pwned = 1 }'\ny: !!js/eval globalThis.pwned = 2\n";
    const report = await lint({ cwd: DATASET, config: false, stdin: { text, filename: 't.yaml' } });
    expect(report.files.find((f) => f.file === 't.yaml')!.diagnostics.map((d) => `${d.line}:${d.column} ${d.messageId}`)).toEqual(['3:4 tag', '4:4 tag']);
    expect(g.pwned).toBeUndefined();
  });
});

describe('bad files made at run time', () => {
  it('a 50 MB single-line file is refused by size, the others still linted', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'huge.yaml'), 'name: "' + 'x'.repeat(50 * 1024 * 1024) + '"\n');
    const report = await lint({ cwd: dir, config: false });
    expect(at(report, 'huge.yaml')).toEqual(['1:1 yaml-syntax tooLarge']);
    expect(at(report, PROVINCE)).toEqual([]);
  });

  it('a directory named x.yaml, a symlink loop and a broken link are reported, not skipped', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'x.yaml'));
    symlinkSync('loop-b.yaml', join(dir, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(dir, 'loop-b.yaml'));
    symlinkSync('missing.yaml', join(dir, 'broken.yaml'));
    const report = await lint({ cwd: dir, config: false });
    expect(report.files.map((f) => [f.file, f.diagnostics.map((d) => `${d.line}:${d.column} ${d.messageId} ${String(d.data.code)}`)])).toEqual([
      [PROVINCE, []],
      ['broken.yaml', ['1:1 unreadable ENOENT']],
      ['loop-a.yaml', ['1:1 unreadable ELOOP']],
      ['loop-b.yaml', ['1:1 unreadable ELOOP']],
      ['x.yaml', ['1:1 unreadable EISDIR']],
    ]);
  });

  it('a file deleted between discovery and reading', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'gone.yaml'), 'region: { code: "350000", name: 福建省, level: province }\nitems: []\n');
    const found = await collect({ cwd: dir, config: false });
    rmSync(join(dir, 'gone.yaml'));
    const report = await reportOf(found, { config: false });
    expect(at(report, 'gone.yaml')).toEqual(['1:1 yaml-syntax unreadable']);
    expect(at(report, PROVINCE)).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('a file without read permission', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'secret.yaml'), 'a: 1\n');
    chmodSync(join(dir, 'secret.yaml'), 0o000);
    const report = await lint({ cwd: dir, config: false });
    expect(at(report, 'secret.yaml')).toEqual(['1:1 yaml-syntax unreadable']);
  });

  it('thousands of bad files: one diagnostic each, the valid file unchanged', async () => {
    const dir = workspace();
    const kinds = ['', 'a: [1, 2\n', 'region: 1\n', '\u0000\u0001', 'k: &a [*a]\n', '- 1\n- 2\n', 'x: !custom 1\n', 'a: 1\na: 2\n'];
    for (let i = 0; i < 2000; i++) writeFileSync(join(dir, `bad-${String(i).padStart(4, '0')}.yaml`), kinds[i % kinds.length]);
    const report = await lint({ cwd: dir, config: false, threads: 1 });
    expect(report.files).toHaveLength(2001);
    expect(at(report, PROVINCE)).toEqual([]);
    for (const f of report.files) if (f.file !== PROVINCE) expect(f.diagnostics.length, f.file).toBeGreaterThanOrEqual(1);
  });
});
