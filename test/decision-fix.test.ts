/**
 * `decision/adjusted-stale` fixes names and types with --fix: on a copy of the decision-actions
 * fixture, the 调整 entry's new name and type are written into the lagging item, comments and
 * layout kept, no other line or file changed, and the re-lint no longer reports them (the code
 * change of a 调整 is not fixed: it would change the item's identity).
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli } from './helpers.js';

const SOURCE = join(ROOT, 'test', 'fixtures', 'rules', 'decision-actions');
const FILE = join('350502', '市场监管.yaml');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).sort();
}

describe('decision/adjusted-stale --fix', () => {
  it('writes the new name and type, keeps comments and every other line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-decision-fix-'));
    cpSync(SOURCE, dir, { recursive: true });
    const before = new Map(yamlFiles(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

    const r = cli(['--fix', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe(`qingdan-lint: 已修复 1 个文件：350502/市场监管.yaml\n`);
    expect(r.code).toBe(1); // decision/cancelled-present errors remain
    const report = JSON.parse(r.stdout);
    const left = report.files.flatMap((f: { diagnostics: { ruleId: string; messageId: string; file: string; line: number }[] }) =>
      f.diagnostics.filter((d) => d.ruleId === 'decision/adjusted-stale').map((d) => `${d.file}:${d.line} ${d.messageId}`),
    );
    // Only the code change is left: it is not fixed.
    expect(left).toEqual(['350503/市场监管.yaml:11 code']);

    for (const [f, text] of before) {
      const after = readFileSync(join(dir, f), 'utf8');
      if (f !== FILE) {
        expect(after, f).toBe(text);
        continue;
      }
      const a = text.split('\n');
      const b = after.split('\n');
      expect(b).toHaveLength(a.length);
      const changed = b.map((line, i) => (line === a[i] ? null : [i + 1, line])).filter(Boolean);
      expect(changed).toEqual([
        [17, '    name: 小餐饮经营备案 # expect: decision/adjusted-stale name'],
        [18, '    type: 行政备案 # expect: decision/adjusted-stale type'],
      ]);
    }
  });
});
