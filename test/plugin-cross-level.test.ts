/**
 * The plugin of docs/writing-rules.md, run through the command line as a user runs it: a
 * cross-level rule written only against the public rule API, with options, messages in both
 * locales, a related location at the province, and a fix given as a path and a value.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, collectMarkers } from './helpers.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'plugin-cross-level');
const DISTRICT = '350502/市场监管.yaml';

/** A copy of the fixture in a repository of its own, with qingdan-lint installed (a link to this one). */
function installed(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qdl-plugin-'));
  cpSync(FIXTURE, dir, { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'qingdan-lint'), 'dir');
  return dir;
}

describe('a cross-level plugin rule through the CLI', () => {
  it('reports the differing role at the district, with the province as related location', () => {
    const r = cli(['--format', 'json'], { cwd: installed() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const found = report.files.flatMap((f: { diagnostics: object[] }) => f.diagnostics);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      ruleId: 'local/step-roles',
      severity: 'warning',
      messageId: 'differs',
      data: { step: '审查', actual: '科室负责人', expected: '许可审查人员' },
      message: '环节「审查」的岗位为「科室负责人」，上级清单为「许可审查人员」',
      file: DISTRICT,
      line: 22,
      column: 15,
      endLine: 22,
      endColumn: 22,
      path: ['items', 0, 'steps', 1, 'role'],
      itemCode: '000122001000',
      related: [{ file: '350000/市场监管.yaml', line: 22, column: 15, path: ['items', 0, 'steps', 1, 'role'], region: '350000' }],
      fix: { text: "'许可审查人员'" },
    });
    // The marker in the fixture says the same; the ignored step (制证) is not reported.
    expect(collectMarkers(FIXTURE)).toEqual([`${DISTRICT}:22 local/step-roles differs`]);
  });

  it('words it in English with --locale en', () => {
    const r = cli(['--format', 'json', '--locale', 'en'], { cwd: installed() });
    const [d] = JSON.parse(r.stdout).files.flatMap((f: { diagnostics: { message: string }[] }) => f.diagnostics);
    expect(d.message).toBe('Step "审查" is handled by "科室负责人"; the upper level has "许可审查人员"');
  });

  it('--fix writes the province\'s role in the node\'s own quoting, and nothing else', () => {
    const dir = installed();
    const before = readFileSync(join(dir, DISTRICT), 'utf8');
    const r = cli(['--fix', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.warnings).toBe(0);
    expect(readFileSync(join(dir, DISTRICT), 'utf8')).toBe(before.replace("role: '科室负责人' #", "role: '许可审查人员' #"));
  });
});
