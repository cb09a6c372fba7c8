/**
 * --cache gives byte-identical reports to an uncached run after every kind of change, and a
 * corrupt or foreign cache is ignored and rebuilt.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { format } from '../src/report/format.js';
import { ROOT } from './helpers.js';

function dataset(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qdl-cache-'));
  cpSync(join(ROOT, 'examples', 'fujian-with-errors'), dir, { recursive: true });
  return dir;
}

const run = async (dir: string, cache: boolean) => format(await lint({ cwd: dir, cache, threads: 1 }), 'json');

/** A cached run must equal an uncached one, byte for byte. */
async function expectSame(dir: string): Promise<string> {
  const cached = await run(dir, true);
  const fresh = await run(dir, false);
  expect(cached).toBe(fresh);
  return cached;
}

function edit(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

describe('--cache', () => {
  it('stays correct across no change, district, province, deleted file and config edits', async () => {
    const dir = dataset();
    const first = await expectSame(dir);
    expect(existsSync(join(dir, '.qingdan-lint-cache'))).toBe(true);

    // No change.
    expect(await expectSame(dir)).toBe(first);

    // A district file edited: its material rename is fixed.
    edit(join(dir, '350502', '市场监管.yaml'), '营业执照副本复印件 # expect', '营业执照复印件 # expect');
    const afterDistrict = await expectSame(dir);
    expect(afterDistrict).not.toBe(first);
    expect(JSON.parse(afterDistrict).summary.errors).toBe(JSON.parse(first).summary.errors - 1);

    // A province file edited: every lower level that kept the old name now disagrees.
    edit(join(dir, '350000', '市场监管.yaml'), 'name: 食品经营许可（新办）', 'name: 食品经营许可（首次申请）');
    const afterProvince = JSON.parse(await expectSame(dir));
    const renamed = afterProvince.files.flatMap((f: { diagnostics: { ruleId: string; file: string; data: { expected: string } }[] }) => f.diagnostics).filter((d: { ruleId: string; data: { expected: string } }) => d.ruleId === 'consistency/name' && d.data.expected === '食品经营许可（首次申请）');
    expect(renamed.map((d: { file: string }) => d.file).sort()).toEqual(['350500/市场监管.yaml', '350502/市场监管.yaml', '350503/市场监管.yaml']);

    // A file deleted.
    rmSync(join(dir, '350502', '卫生健康.yaml'));
    const afterDelete = JSON.parse(await expectSame(dir));
    expect(afterDelete.files.map((f: { file: string }) => f.file)).not.toContain('350502/卫生健康.yaml');

    // The config changed.
    writeFileSync(join(dir, 'qingdan-lint.config.yaml'), 'rules:\n  consistency/name: warning\n');
    const afterConfig = JSON.parse(await expectSame(dir));
    expect(afterConfig.summary.warnings).toBeGreaterThan(0);
  });

  it('a corrupt, truncated or foreign cache is ignored and rebuilt', async () => {
    const dir = dataset();
    const expected = await run(dir, false);
    const cachePath = join(dir, '.qingdan-lint-cache');
    for (const junk of [Buffer.from('not a cache'), Buffer.from('qingdan-lint cache v4\n\u0000\u00ff garbage'), Buffer.alloc(0), Buffer.from(JSON.stringify({ magic: 'qingdan-lint-cache', version: 1, files: {} }))]) {
      writeFileSync(cachePath, junk);
      expect(await run(dir, true)).toBe(expected);
      expect(readFileSync(cachePath).subarray(0, 22).toString()).toBe('qingdan-lint cache v4\n');
    }
    // A good cache, then truncated in the middle.
    await run(dir, true);
    const good = readFileSync(cachePath);
    writeFileSync(cachePath, good.subarray(0, Math.floor(good.length / 2)));
    expect(await run(dir, true)).toBe(expected);
  });

  it('--cache-location puts the cache where asked', async () => {
    const dir = dataset();
    const report = await lint({ cwd: dir, cache: { location: 'build/lint.cache' }, threads: 1 });
    expect(report.summary.files).toBe(17); // examples/fujian-with-errors
    expect(existsSync(join(dir, 'build', 'lint.cache'))).toBe(true);
    expect(existsSync(join(dir, '.qingdan-lint-cache'))).toBe(false);
  });
});
