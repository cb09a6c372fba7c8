/**
 * One decoding path: text given on standard input is decoded and checked exactly like the same
 * bytes in a file (encoding, BOM, size limit). Every file of the bad-input catalogue, sent through
 * `--stdin --stdin-filename` under its own name, gives the report that linting the file gives.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { format } from '../src/report/format.js';
import { ROOT, cli, yamlFiles } from './helpers.js';

const DATASET = join(ROOT, 'test', 'fixtures', 'bad-input', 'dataset');

describe('--stdin reads bytes, like a file', () => {
  const files = yamlFiles(DATASET).map((f) => relative(DATASET, f).split('\\').join('/'));

  it.each(files)('%s: the same report as the file on disk', async (file) => {
    const bytes = readFileSync(join(DATASET, file));
    const fromFile = await lint({ cwd: DATASET, config: false, patterns: [file], reportOnlyGiven: true });
    const fromStdin = await lint({ cwd: DATASET, config: false, stdin: { text: bytes, filename: file } });
    expect(format(fromStdin, 'json')).toBe(format(fromFile, 'json'));
  });

  it('through the CLI: GBK, invalid UTF-8, UTF-16 and an oversized file are the same diagnostics as on disk', () => {
    const cases: [string, Buffer, string][] = [
      ['gbk.yaml', Buffer.from('region:\n  name: \xb8\xa3\xbd\xa8\xca\xa1\n', 'latin1'), 'yaml-syntax notUtf8'],
      ['bad-utf8.yaml', Buffer.from([0x72, 0x65, 0x67, 0x69, 0x6f, 0x6e, 0x3a, 0x20, 0xc3, 0x28, 0x0a]), 'yaml-syntax notUtf8'],
      ['utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('region:\n  code: "350000"\n', 'utf16le')]), 'yaml-syntax utf16'],
      ['huge.yaml', Buffer.alloc(16 * 1024 * 1024 + 1, 0x61), 'yaml-syntax tooLarge'],
    ];
    for (const [name, bytes, expected] of cases) {
      const r = cli(['--stdin', '--stdin-filename', name, '--format', 'json'], { cwd: DATASET, input: bytes as unknown as string });
      expect(r.code, `${name}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toBe('');
      const report = JSON.parse(r.stdout);
      const found = report.files.flatMap((f: { diagnostics: { ruleId: string; messageId: string }[] }) => f.diagnostics.map((d) => `${d.ruleId} ${d.messageId}`));
      expect(found, name).toEqual([expected]);
    }
  });
});
