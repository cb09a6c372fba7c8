/**
 * The CLI's SARIF checked by Microsoft's SARIF Multitool (`@microsoft/sarif-multitool`, the
 * validator behind GitHub code scanning's own checks): zero errors and zero warnings on the
 * examples, on fixable findings and on findings with related locations; the notes that remain
 * are the accepted ones listed in docs/decisions.md.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers.js';
import { multitool, type MultitoolFinding } from './sarif-multitool.js';

/** Best-practice notes (SARIF2xxx at level `note`) we accept; see docs/decisions.md. */
const ACCEPTED_NOTES = new Set(['SARIF2002', 'SARIF2003', 'SARIF2006', 'SARIF2009', 'SARIF2010', 'SARIF2011', 'SARIF2013']);

/** Every fixture of test/fixtures/rules linted as one dataset: as many SARIF results as JSON diagnostics. */
const RULES_RESULTS: number = (() => {
  const summary = JSON.parse(cli(['--format', 'json', 'test/fixtures/rules']).stdout).summary;
  return summary.errors + summary.warnings + summary.infos;
})();

interface Case {
  name: string;
  args: string[];
  cwd?: string;
  /** The CLI's exit code for this dataset. */
  code: number;
  /** How many results the SARIF holds (so a case can never pass by being empty by mistake). */
  results: number;
  fixable?: boolean;
  related?: boolean;
  /** A further note accepted in this case only. */
  note?: { ruleId: string; text: RegExp };
}

const CASES: Case[] = [
  { name: 'fujian-with-errors', args: ['examples/fujian-with-errors'], code: 1, results: 15, related: true },
  { name: 'fujian-with-errors-en', args: ['--locale', 'en', 'examples/fujian-with-errors'], code: 1, results: 15, related: true },
  { name: 'fujian-with-errors-inside', args: ['.'], cwd: 'examples/fujian-with-errors', code: 1, results: 15, related: true },
  { name: 'fujian', args: ['examples/fujian'], code: 0, results: 0 },
  { name: 'fix', args: ['test/fixtures/fix'], code: 1, results: 16, fixable: true, related: true },
  { name: 'rules', args: ['test/fixtures/rules'], code: 1, results: RULES_RESULTS, fixable: true, related: true },
  // The fixture's plugin rule declares no `docs`, so SARIF has no help URI to give for it.
  { name: 'plugin', args: ['.'], cwd: 'test/fixtures/plugin', code: 1, results: 1, note: { ruleId: 'SARIF2012', text: /^runs\[0\]\.tool\.driver\.rules\[\d+\]: The rule 'local\/require-basis\.LocalRequireBasis' does not provide a help URI\./ } },
];

let dir: string;
const logs = new Map<string, { log: any; file: string }>();
let findings: Map<string, MultitoolFinding[]>;
const CONTROL = 'control-name-equals-id';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qingdan-sarif-'));
  for (const c of CASES) {
    const r = cli(['--format', 'sarif', ...c.args], { cwd: c.cwd ? join(ROOT, c.cwd) : ROOT });
    expect(r.stderr, c.name).toBe('');
    expect(r.code, c.name).toBe(c.code);
    const file = join(dir, `${c.name}.sarif`);
    writeFileSync(file, r.stdout);
    logs.set(c.name, { log: JSON.parse(r.stdout), file });
  }
  // A control the Multitool must reject: the old output, a rule's name equal to its id.
  const control = structuredClone(logs.get('fujian-with-errors')!.log);
  control.runs[0].tool.driver.rules[0].name = control.runs[0].tool.driver.rules[0].id;
  const controlFile = join(dir, `${CONTROL}.sarif`);
  writeFileSync(controlFile, JSON.stringify(control, null, 2));
  logs.set(CONTROL, { log: control, file: controlFile });
  findings = multitool([...logs.values()].map((l) => l.file), join(dir, 'validation.sarif'));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SARIF Multitool', () => {
  it('is the real Multitool', () => {
    const bin = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;
    expect(readFileSync(join(bin, '..', 'package.json'), 'utf8')).toContain('"name": "@microsoft/sarif-multitool-');
  });

  it('rejects the control (a rule whose name equals its id): the check can fail', () => {
    const control = findings.get(logs.get(CONTROL)!.file) ?? [];
    expect(control.filter((f) => f.level !== 'note').map((f) => `${f.level} ${f.ruleId}`)).toEqual(['warning SARIF1001']);
  });

  for (const c of CASES) {
    it(`${c.name}: zero errors, zero warnings, only the accepted notes`, () => {
      const { log, file } = logs.get(c.name)!;
      const run = log.runs[0];
      expect(run.results).toHaveLength(c.results);
      if (c.fixable) expect(run.results.length).toBeGreaterThan(0);
      if (c.related) expect(run.results.some((r: { relatedLocations?: unknown[] }) => r.relatedLocations?.length)).toBe(true);
      const found = findings.get(file) ?? [];
      expect(found.filter((f) => f.level !== 'note').map((f) => `${f.level} ${f.ruleId}: ${f.text}`)).toEqual([]);
      const accepted = (f: MultitoolFinding) => ACCEPTED_NOTES.has(f.ruleId) || (c.note !== undefined && f.ruleId === c.note.ruleId && c.note.text.test(f.text));
      expect(found.filter((f) => !accepted(f)).map((f) => `${f.level} ${f.ruleId}: ${f.text}`)).toEqual([]);
      if (c.note) expect(found.filter((f) => f.ruleId === c.note!.ruleId)).toHaveLength(1);
    });
  }

  it('rule names are Pascal-case and distinct from the ids', () => {
    const rules = logs.get('fujian-with-errors')!.log.runs[0].tool.driver.rules as { id: string; name: string }[];
    const byId = Object.fromEntries(rules.map((r) => [r.id, r.name]));
    expect(byId['consistency/time-limit']).toBe('ConsistencyTimeLimit');
    expect(byId['yaml-syntax']).toBe('YamlSyntax');
    expect(byId['schema']).toBe('SchemaRule');
    expect(byId['suppression']).toBe('SuppressionRule');
    expect(byId['time-limit/promised-within-statutory']).toBe('TimeLimitPromisedWithinStatutory');
    for (const r of rules) {
      expect(r.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(r.name.toLowerCase()).not.toBe(r.id.toLowerCase());
    }
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
  });
});
