/**
 * Configuration: discovery, formats, overrides, presets, plugins, and every exit-2 case.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { UsageError } from '../src/config/errors.js';
import { ROOT, cli, collectMarkers, reportedMarks } from './helpers.js';

/** A copy of examples/fujian-with-errors (without its syntax-error file) plus a config file. */
function dataset(config?: { name: string; text: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'qdl-config-'));
  cpSync(join(ROOT, 'examples', 'fujian-with-errors'), dir, { recursive: true });
  if (config) writeFileSync(join(dir, config.name), config.text);
  return dir;
}

const rulesOf = async (dir: string, extra: Parameters<typeof lint>[0] = {}) =>
  (await lint({ cwd: dir, ...extra })).files.flatMap((f) => f.diagnostics.map((d) => `${f.file}:${d.line} ${d.ruleId} ${d.severity}`));

describe('config discovery', () => {
  it.each(['qingdan-lint.config.yaml', 'qingdan-lint.config.yml'])('finds %s walking up from a subdirectory', async (name) => {
    const dir = dataset({ name, text: 'rules:\n  consistency/name: off\n' });
    const report = await lint({ cwd: join(dir, '350502'), patterns: ['..'] });
    expect(report.files.flatMap((f) => f.diagnostics).map((d) => d.ruleId)).not.toContain('consistency/name');
    const withoutConfig = await lint({ cwd: join(dir, '350502'), patterns: ['..'], config: false });
    expect(withoutConfig.files.flatMap((f) => f.diagnostics).map((d) => d.ruleId)).toContain('consistency/name');
  });

  it('reads JSON config, and --config names a file', async () => {
    const dir = dataset();
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ rules: { 'consistency/materials': 'warning' } }));
    const found = await rulesOf(dir, { config: 'other.json' });
    expect(found.filter((r) => r.includes('consistency/materials')).every((r) => r.endsWith('warning'))).toBe(true);
    expect(found.filter((r) => r.includes('consistency/materials'))).toHaveLength(3);
  });

  it('files and ignores select the dataset', async () => {
    const dir = dataset({ name: 'qingdan-lint.config.yaml', text: 'files: ["350000/**/*.yaml", "350502/**/*.yaml"]\nignores: ["**/卫生健康.yaml"]\n' });
    const report = await lint({ cwd: dir });
    expect(report.files.map((f) => f.file)).toEqual(['350000/决定.yaml', '350000/市场监管.yaml', '350000/目录.yaml', '350502/市场监管.yaml']);
  });
});

describe('overrides and presets', () => {
  it('overrides apply by glob, after the config rules', async () => {
    const dir = dataset({
      name: 'qingdan-lint.config.yaml',
      text: 'rules:\n  consistency/materials: warning\noverrides:\n  - files: ["350503/**"]\n    rules:\n      consistency/materials: off\n      consistency/steps: warning\n',
    });
    const found = await rulesOf(dir);
    expect(found).toContain('350502/市场监管.yaml:34 consistency/materials warning');
    expect(found.some((r) => r.startsWith('350503/') && r.includes('consistency/materials'))).toBe(false);
    expect(found).toContain('350503/市场监管.yaml:125 consistency/steps warning');
  });

  it('--rule (cli) wins over config and overrides', async () => {
    const dir = dataset({ name: 'qingdan-lint.config.yaml', text: 'overrides:\n  - files: ["350503/**"]\n    rules:\n      consistency/steps: off\n' });
    expect(await rulesOf(dir, { rules: { 'consistency/steps': 'warning' } })).toContain('350503/市场监管.yaml:125 consistency/steps warning');
  });

  it('five-consistencies keeps only the five, yaml-syntax and schema', async () => {
    const dir = dataset({ name: 'qingdan-lint.config.yaml', text: 'preset: five-consistencies\n' });
    const file = join(dir, '350502', '市场监管.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: 食品经营许可（新办）', 'name: "食品经营许可（新办） "'));
    const ids = new Set((await lint({ cwd: dir })).files.flatMap((f) => f.diagnostics.map((d) => d.ruleId)));
    expect([...ids].sort()).toEqual(['consistency/materials', 'consistency/name', 'consistency/review-rules', 'consistency/steps', 'consistency/time-limit', 'schema', 'yaml-syntax']);
  });

  it('three-levels-four-same: name, type and basis as errors, item/unique-code, yaml-syntax and schema', async () => {
    const dir = dataset({ name: 'qingdan-lint.config.yaml', text: 'preset: three-levels-four-same\n' });
    const file = join(dir, '350502', '市场监管.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    // A type change (consistency/type) and a second item under the first's code (item/unique-code).
    expect(lines[14]).toBe('    type: 行政许可');
    lines[14] = '    type: 行政确认';
    expect(lines[87]).toBe('  - code: "000122001002"');
    lines[87] = '  - code: "000122001001"';
    writeFileSync(file, lines.join('\n'));
    const found = new Set((await lint({ cwd: dir })).files.flatMap((f) => f.diagnostics.map((d) => `${d.ruleId} ${d.severity}`)));
    expect([...found].sort()).toEqual(['consistency/name error', 'consistency/type error', 'item/unique-code error', 'schema error', 'yaml-syntax error']);
  });

  it('two-lists: responsibility/missing as warning, responsibility/stages as info, yaml-syntax and schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-two-lists-'));
    mkdirSync(join(dir, '350502'));
    const source = readFileSync(join(ROOT, 'test', 'fixtures', 'rules', 'responsibility-stages', '350502', '市场监管.yaml'), 'utf8');
    // The 行政检查 item loses its responsibility entry; a material's copies becomes text (schema); a name gains a trailing space (text/whitespace, not in the preset).
    const changed = source
      .replace('    responsibility:\n      duties:\n        - { stage: 检查, text: 依法开展监督检查 }\n      accountability:\n        - 未依法履行检查职责的\n', '')
      .replace('{ name: 个体工商户登记（备案）申请书, form: 原件, copies: 1,', '{ name: 个体工商户登记（备案）申请书, form: 原件, copies: 一,')
      .replace('name: 对销售不符合食品安全标准食品的处罚', 'name: "对销售不符合食品安全标准食品的处罚 "');
    expect(changed.split('\n').length).toBe(source.split('\n').length - 5);
    writeFileSync(join(dir, '350502', '市场监管.yaml'), changed);
    const report = await lint({ cwd: dir, config: false, preset: 'two-lists' });
    const found = report.files.flatMap((f) => f.diagnostics.map((d) => `${d.line} ${d.ruleId} ${d.messageId} ${d.severity}`));
    expect(found).toEqual(['22 responsibility/stages missingStages info', '35 schema type error', '59 responsibility/stages missingStages info', '68 responsibility/missing missing warning']);
    const recommended = await lint({ cwd: dir, config: false });
    expect([...new Set(recommended.files.flatMap((f) => f.diagnostics.map((d) => d.ruleId)))].sort()).toEqual(['schema', 'text/whitespace']);
  });

  it('strict: warnings become errors, consistency compares raw text, basis is on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-strict-'));
    cpSync(join(ROOT, 'examples', 'fujian'), dir, { recursive: true });
    const normal = await lint({ cwd: dir, config: false });
    expect(normal.summary.errors + normal.summary.warnings).toBe(0);
    const strict = await lint({ cwd: dir, config: false, preset: 'strict' });
    // 丰泽区 writes 食品经营许可(新办) with half-width brackets: equal when normalized, not when strict.
    const names = strict.files.flatMap((f) => f.diagnostics).filter((d) => d.ruleId === 'consistency/name');
    expect(names.map((d) => [d.file, d.severity, d.data.actual])).toEqual([['350503/市场监管.yaml', 'error', '食品经营许可(新办)']]);
    expect(strict.summary.warnings).toBe(0);
  });
});

describe('plugins', () => {
  it('a custom rule from the config runs beside the built-in ones', async () => {
    const dir = join(ROOT, 'test', 'fixtures', 'plugin');
    const report = await lint({ cwd: dir });
    expect(reportedMarks(report)).toEqual(collectMarkers(dir));
    expect(report.files[0].diagnostics[0]).toMatchObject({ ruleId: 'local/require-basis', severity: 'error', message: '事项「食品经营许可（新办）」没有设定依据', line: 7, column: 5 });
  });
});

describe('configuration errors stop with exit 2 and a suggestion', () => {
  const cases: [string, string, RegExp][] = [
    ['unknown key', 'rulez:\n  consistency/name: off\n', /unknown key "rulez" \(did you mean "rules"\?/],
    ['unknown rule', 'rules:\n  consistency/materails: error\n', /unknown rule "consistency\/materails" \(did you mean "consistency\/materials"\?/],
    ['bad severity', 'rules:\n  consistency/name: fatal\n', /invalid severity "fatal"/],
    ['unknown option', 'rules:\n  consistency/materials: [error, { allowFewr: true }]\n', /unknown option "allowFewr" \(did you mean "allowFewer"\?/],
    ['bad option value', 'rules:\n  consistency/time-limit: [error, { promised: shorter }]\n', /invalid options for rule "consistency\/time-limit"/],
    ['options on a rule without any', 'rules:\n  item/unique-code: [error, { strict: true }]\n', /rule "item\/unique-code" takes no options/],
    ['unknown preset', 'preset: recomended\n', /preset must be one of recommended, five-consistencies, strict, two-lists, three-levels-four-same \(did you mean "recommended"\?/],
    ['unknown override key', 'overrides:\n  - file: ["a"]\n', /unknown key "file" \(did you mean "files"\?/],
    ['asOf not a date', 'asOf: 2024/06/30\n', /asOf must be a date written YYYY-MM-DD \(e\.g\. "2024-06-30"\), not "2024\/06\/30"/],
    ['asOf not a real date', 'asOf: "2023-02-29"\n', /asOf must be a date written YYYY-MM-DD .*not "2023-02-29"/],
    ['asOf a number', 'asOf: 20240630\n', /asOf must be a date written YYYY-MM-DD .*not 20240630$/m],
    ['invalid YAML', 'rules: [\n', /is not valid YAML/],
    ['missing plugin', 'plugins: ["./nope.mjs"]\n', /plugin "\.\/nope\.mjs" failed to load/],
  ];
  it.each(cases)('%s', async (_name, text, message) => {
    const dir = dataset({ name: 'qingdan-lint.config.yaml', text });
    await expect(lint({ cwd: dir })).rejects.toThrow(UsageError);
    await expect(lint({ cwd: dir })).rejects.toThrow(message);
    const r = cli(['.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a config that cannot be read', async () => {
    const dir = dataset();
    mkdirSync(join(dir, 'qingdan-lint.config.yaml'));
    const r = cli(['--config', 'qingdan-lint.config.yaml', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^qingdan-lint: cannot read config/);
  });
});
