/**
 * Loading real files: encodings, line ends, flow style and columns after Chinese text.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import type { Diagnostic } from '../src/types.js';
import { ROOT } from './helpers.js';

const dir = join(ROOT, 'test', 'fixtures', 'load');

async function diagnosticsOf(file: string): Promise<Diagnostic[]> {
  const report = await lint({ cwd: dir, config: false, patterns: [file] });
  return report.files[0].diagnostics;
}

const pick = (d: Diagnostic) => ({ ruleId: d.ruleId, messageId: d.messageId, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, path: d.path });

describe('loading', () => {
  it('CRLF line ends: positions count lines by \\n and columns exclude the \\r', async () => {
    expect((await diagnosticsOf('crlf.yaml')).map(pick)).toEqual([
      { ruleId: 'schema', messageId: 'enum', line: 16, column: 20, endLine: 16, endColumn: 22, path: ['items', 0, 'materials', 0, 'necessity'] },
    ]);
  });

  it('a UTF-8 BOM is accepted and does not shift columns', async () => {
    expect((await diagnosticsOf('bom.yaml')).map(pick)).toEqual([
      { ruleId: 'schema', messageId: 'enum', line: 16, column: 20, endLine: 16, endColumn: 22, path: ['items', 0, 'materials', 0, 'necessity'] },
    ]);
  });

  it('a GBK file is a yaml-syntax diagnostic with a hint, not a crash', async () => {
    const [d, ...rest] = await diagnosticsOf('gbk.yaml');
    expect(rest).toEqual([]);
    expect(pick(d)).toEqual({ ruleId: 'yaml-syntax', messageId: 'notUtf8', line: 4, column: 1, endLine: 4, endColumn: 1, path: [] });
    expect(d.data.looksLike).toBe('GBK/GB18030');
    expect(d.message).toContain('GBK');
  });

  it('flow style: each error at its node, columns in UTF-16 units after Chinese text', async () => {
    const ds = await diagnosticsOf('flow.yaml');
    expect(ds.map(pick)).toEqual([
      { ruleId: 'schema', messageId: 'enum', line: 2, column: 45, endLine: 2, endColumn: 47, path: ['region', 'level'] },
      { ruleId: 'schema', messageId: 'type', line: 4, column: 153, endLine: 4, endColumn: 155, path: ['items', 0, 'materials', 0, 'copies'] },
    ]);
    const text = (await import('node:fs')).readFileSync(join(dir, 'flow.yaml'), 'utf8').split('\n');
    expect(text[1].slice(44, 46)).toBe('区县');
    expect(text[3].slice(152, 154)).toBe('一份');
  });
});
