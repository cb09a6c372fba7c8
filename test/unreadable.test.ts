/**
 * A file the operating system refuses to read (permissions). CI runs as root, where chmod cannot
 * make a file unreadable, so the refusal is simulated at the file-system call: the loader must turn
 * it into a diagnostic on that file while every other file is still linted.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    readFile: (async (path: Parameters<typeof real.readFile>[0], ...rest: unknown[]) => {
      if (String(path).endsWith('secret.yaml')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return (real.readFile as (...a: unknown[]) => unknown)(path, ...rest);
    }) as typeof real.readFile,
  };
});

// The loader reads files synchronously (src/load/read.ts); the asynchronous call is refused too.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    readFileSync: ((path: Parameters<typeof real.readFileSync>[0], ...rest: unknown[]) => {
      if (String(path).endsWith('secret.yaml')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return (real.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
    }) as typeof real.readFileSync,
  };
});

const { lint } = await import('../src/api.js');
const { ROOT } = await import('./helpers.js');

describe('an unreadable file', () => {
  it('is a yaml-syntax unreadable diagnostic; the other files are still linted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-eacces-'));
    mkdirSync(join(dir, '350000'));
    cpSync(join(ROOT, 'examples', 'fujian', '350000', '市场监管.yaml'), join(dir, '350000', '市场监管.yaml'));
    writeFileSync(join(dir, 'secret.yaml'), 'region: { code: "350000", name: 福建省, level: province }\nitems: []\n');
    const report = await lint({ cwd: dir, config: false, threads: 1 });
    const secret = report.files.find((f) => f.file === 'secret.yaml')!;
    expect(secret.diagnostics.map((d) => ({ ruleId: d.ruleId, messageId: d.messageId, line: d.line, column: d.column, code: d.data.code, message: d.message }))).toEqual([
      { ruleId: 'yaml-syntax', messageId: 'unreadable', line: 1, column: 1, code: 'EACCES', message: '无法读取文件：没有读取权限' },
    ]);
    expect(report.files.find((f) => f.file === '350000/市场监管.yaml')!.diagnostics).toEqual([]);
  });
});
