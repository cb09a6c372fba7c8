/**
 * --cache gives byte-identical reports to an uncached run after every kind of change, and a
 * corrupt or foreign cache is ignored and rebuilt.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deserialize, serialize } from 'node:v8';
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
    for (const junk of [Buffer.from('not a cache'), Buffer.from('qingdan-lint cache v4\n\u0000\u00ff garbage'), Buffer.from('qingdan-lint cache v5\n\u0000\u00ff garbage'), Buffer.from('qingdan-lint cache v6\n\u0000\u00ff garbage'), Buffer.from('qingdan-lint cache v7\n\u0000\u00ff garbage'), Buffer.from('qingdan-lint cache v7\n\u0000\u0000\u0000\u0004abcdefgh'), Buffer.alloc(0), Buffer.from(JSON.stringify({ magic: 'qingdan-lint-cache', version: 1, files: {} }))]) {
      writeFileSync(cachePath, junk);
      expect(await run(dir, true)).toBe(expected);
      expect(readFileSync(cachePath).subarray(0, 22).toString()).toBe('qingdan-lint cache v7\n');
    }
    // A good cache, then truncated in the middle.
    await run(dir, true);
    const good = readFileSync(cachePath);
    writeFileSync(cachePath, good.subarray(0, Math.floor(good.length / 2)));
    expect(await run(dir, true)).toBe(expected);
    // Truncated inside its first part (the settings and the last run's result).
    await run(dir, true);
    writeFileSync(cachePath, readFileSync(cachePath).subarray(0, 40));
    expect(await run(dir, true)).toBe(expected);
  });

  it('a record whose stored bytes are corrupt, or lie outside the file, is analyzed again', async () => {
    const dir = dataset();
    const cachePath = join(dir, '.qingdan-lint-cache');
    await run(dir, true);
    const good = readFileSync(cachePath);
    const headLength = good.readUInt32BE(22);
    const bodyAt = 22 + 4 + headLength;
    const head = deserialize(good.subarray(26, bodyAt)) as { files: Record<string, unknown>; records: Record<string, [number, number]>; memo: [number, number] };
    const victim = '350500/市场监管.yaml';
    const [at, length] = head.records[victim];
    expect(length).toBeGreaterThan(16);
    // Its bytes overwritten with garbage (the first part untouched): not trusted.
    const garbled = Buffer.from(good);
    garbled.fill(0xff, bodyAt + at, bodyAt + at + length);
    writeFileSync(cachePath, garbled);
    // Another file edited, so the run reads the cached records of the unchanged ones.
    edit(join(dir, '350502', '市场监管.yaml'), '营业执照副本复印件 # expect', '营业执照复印件 # expect');
    expect(await run(dir, true)).toBe(await run(dir, false));
    // Its span pointing past the end of the file (a first part that does not fit its second).
    await run(dir, true);
    const again = readFileSync(cachePath);
    const headAgain = deserialize(again.subarray(26, 26 + again.readUInt32BE(22))) as typeof head;
    headAgain.records[victim] = [again.length, 100];
    const headBytes = serialize(headAgain);
    const length4 = Buffer.alloc(4);
    length4.writeUInt32BE(headBytes.length);
    writeFileSync(cachePath, Buffer.concat([again.subarray(0, 22), length4, headBytes, again.subarray(26 + again.readUInt32BE(22))]));
    edit(join(dir, '350502', '市场监管.yaml'), '营业执照复印件 # expect', '营业执照副本复印件 # expect');
    expect(await run(dir, true)).toBe(await run(dir, false));
    // And the cache written by that run is whole again.
    expect(await run(dir, true)).toBe(await run(dir, false));
  });

  it('a run with every file unchanged is the last run replayed: only the first part of the cache is read', async () => {
    const dir = dataset();
    // Files last modified an hour ago: not "racy" (a file modified within the last seconds is
    // checked by content on the next run, and such a run is not replayed).
    const past = new Date(Date.now() - 3600_000);
    const touch = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) touch(p);
        else utimesSync(p, past, past);
      }
    };
    touch(dir);
    const expected = await run(dir, false);
    expect(await run(dir, true)).toBe(expected);
    const cachePath = join(dir, '.qingdan-lint-cache');
    const good = readFileSync(cachePath);
    const bodyAt = 22 + 4 + good.readUInt32BE(22);
    expect(bodyAt).toBeLessThan(good.length);
    // The records and memo (the second part) replaced by garbage: a replay never reads them, and
    // writes nothing.
    const broken = Buffer.concat([good.subarray(0, bodyAt), Buffer.from('garbage, not a V8 serialization')]);
    writeFileSync(cachePath, broken);
    expect(await run(dir, true)).toBe(expected);
    expect(readFileSync(cachePath).equals(broken)).toBe(true);
    // English wording of the same replayed result.
    expect(format(await lint({ cwd: dir, cache: true, threads: 1, locale: 'en' }), 'json')).toBe(format(await lint({ cwd: dir, threads: 1, locale: 'en' }), 'json'));
    // A file edited (another size): the run is not replayed; the broken second part is ignored and rebuilt.
    edit(join(dir, '350502', '市场监管.yaml'), '营业执照副本复印件 # expect', '营业执照复印件 # expect');
    const edited = await run(dir, false);
    expect(edited).not.toBe(expected);
    expect(await run(dir, true)).toBe(edited);
    expect(readFileSync(cachePath).equals(broken)).toBe(false);
    // A file added and a file removed: not replayed either.
    cpSync(join(dir, '350502', '市场监管.yaml'), join(dir, '350502', '市场监管-副本.yaml'));
    expect(await run(dir, true)).toBe(await run(dir, false));
    rmSync(join(dir, '350502', '市场监管-副本.yaml'));
    expect(await run(dir, true)).toBe(await run(dir, false));
    // A shard of the dataset replayed: the shard's report, not the whole dataset's.
    for (const shard of [{ index: 1, count: 2 }, { index: 2, count: 2 }]) {
      const fresh = format(await lint({ cwd: dir, threads: 1, shard }), 'json');
      await lint({ cwd: dir, cache: true, threads: 1, shard });
      expect(format(await lint({ cwd: dir, cache: true, threads: 1, shard }), 'json')).toBe(fresh);
    }
    expect(statSync(cachePath).size).toBeGreaterThan(0);
  });

  it('a region/name table file named in the options is part of what the cache depends on', async () => {
    const dir = dataset();
    writeFileSync(join(dir, 'codes.tsv'), '350000\t福建省\n350500\t泉州市\n350502\t鲤城区\n350503\t丰泽区\n');
    writeFileSync(join(dir, 'qingdan-lint.config.yaml'), "rules:\n  region/name: [error, { table: codes.tsv }]\n");
    expect(await run(dir, true)).toBe(await run(dir, false));
    writeFileSync(join(dir, 'codes.tsv'), '350000\t福建省\n350500\t泉州市\n350502\t鲤城\n350503\t丰泽区\n');
    const after = await run(dir, false);
    expect(JSON.parse(after).files.flatMap((f: { diagnostics: { ruleId: string }[] }) => f.diagnostics).some((d: { ruleId: string }) => d.ruleId === 'region/name')).toBe(true);
    expect(await run(dir, true)).toBe(after);
  });

  it('--cache-location puts the cache where asked', async () => {
    const dir = dataset();
    const report = await lint({ cwd: dir, cache: { location: 'build/lint.cache' }, threads: 1 });
    expect(report.summary.files).toBe(17); // examples/fujian-with-errors
    expect(existsSync(join(dir, 'build', 'lint.cache'))).toBe(true);
    expect(existsSync(join(dir, '.qingdan-lint-cache'))).toBe(false);
  });
});
