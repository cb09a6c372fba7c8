/**
 * Output formats on the example with mistakes: SARIF validates against the SARIF 2.1.0 schema,
 * GitHub workflow commands are escaped, JUnit has one test case per file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { builtinRules } from '../rules/index.js';
import { format } from '../src/report/format.js';
import { escapeData, escapeProperty } from '../src/report/formatters/github.js';
import type { Report } from '../src/types.js';
import { ROOT } from './helpers.js';

const report = (): Promise<Report> => lint({ cwd: ROOT, config: false, patterns: ['examples/fujian-with-errors'] });

describe('sarif', () => {
  it('validates against the SARIF 2.1.0 JSON Schema', async () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'vendor', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
    const AjvDraft04 = (AjvDraft04Module as unknown as { default: typeof AjvDraft04Module.default }).default ?? AjvDraft04Module;
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const log = JSON.parse(format(await report(), 'sarif'));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('lists every rule with its help URI and maps results to them', async () => {
    const log = JSON.parse(format(await report(), 'sarif'));
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(builtinRules.map((r) => r.id));
    for (const r of run.tool.driver.rules) expect(r.helpUri).toMatch(/^https:\/\/.+\/rules\/.+\.md$/);
    expect(run.columnKind).toBe('utf16CodeUnits');
    const renamed = run.results.find((r: { ruleId: string; message: { text: string } }) => r.ruleId === 'consistency/materials' && r.message.text.includes('营业执照副本复印件'));
    expect(renamed.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: encodeURI('examples/fujian-with-errors/350502/市场监管.yaml'), uriBaseId: '%SRCROOT%' },
      region: { startLine: 34, startColumn: 15, endLine: 34, endColumn: 24 },
    });
    expect(renamed.relatedLocations[0].physicalLocation.region).toMatchObject({ startLine: 30, startColumn: 15 });
    expect(run.tool.driver.rules[renamed.ruleIndex].id).toBe('consistency/materials');
  });

  it('partial fingerprints survive lines inserted above the finding', async () => {
    const file = 'examples/fujian-with-errors/350502/市场监管.yaml';
    const text = readFileSync(join(ROOT, file), 'utf8');
    const docs = (t: string) =>
      ['350000/市场监管.yaml', '350502/市场监管.yaml'].map((p) => ({ path: p, text: p.startsWith('350502') ? t : readFileSync(join(ROOT, 'examples/fujian-with-errors', p), 'utf8') }));
    const { lintDocuments } = await import('../src/api.js');
    const a = JSON.parse(format(await lintDocuments(docs(text), { config: false }), 'sarif')).runs[0].results;
    const b = JSON.parse(format(await lintDocuments(docs(text.replace('items:\n', '# 新增注释\n# 第二行\nitems:\n')), { config: false }), 'sarif')).runs[0].results;
    expect(b.map((r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => r.locations[0].physicalLocation.region.startLine)).toEqual(
      a.map((r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => r.locations[0].physicalLocation.region.startLine + 2),
    );
    expect(b.map((r: { partialFingerprints: unknown }) => r.partialFingerprints)).toEqual(a.map((r: { partialFingerprints: unknown }) => r.partialFingerprints));
  });
});

describe('github', () => {
  it('one workflow command per diagnostic, with file, range and the rule id as title', async () => {
    const lines = format(await report(), 'github').trimEnd().split('\n');
    expect(lines).toHaveLength(15);
    expect(lines).toContain(
      '::error file=examples/fujian-with-errors/350502/市场监管.yaml,line=34,col=15,endLine=34,endColumn=24,title=consistency/materials::申报材料「营业执照副本复印件」与上级清单的「营业执照复印件」名称不一致',
    );
  });

  it('escapes as the workflow-command syntax requires', () => {
    expect(escapeData('50%\r\nnext')).toBe('50%25%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });
});

describe('junit', () => {
  it('one test case per file; files with problems fail', async () => {
    const xml = format(await report(), 'junit');
    expect(xml.match(/<testcase /g)).toHaveLength(17);
    expect(xml).toContain('<testsuites name="qingdan-lint" tests="17" failures="7">');
    expect(xml).toContain('<testcase classname="qingdan-lint" name="examples/fujian-with-errors/350000/市场监管.yaml"/>');
    expect(xml).toContain('34:15 错误 申报材料「营业执照副本复印件」与上级清单的「营业执照复印件」名称不一致（consistency/materials）');
  });
});

describe('json', () => {
  it('the report validates against schemas/report.schema.json', async () => {
    const AjvModule = (await import('ajv')).default;
    const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule.default }).default ?? AjvModule) as typeof AjvModule.default;
    const schemaJson = JSON.parse(readFileSync(join(ROOT, 'schemas', 'report.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schemaJson);
    for (const dir of ['examples/fujian-with-errors', 'examples/fujian', 'test/fixtures']) {
      const r = JSON.parse(format(await lint({ cwd: ROOT, config: false, patterns: [dir] }), 'json'));
      expect(validate(r), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });
});
