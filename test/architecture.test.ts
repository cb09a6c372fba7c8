/**
 * The layers of the code (issue 11), checked by dependency-cruiser with .dependency-cruiser.cjs:
 * rules/ imports nothing of src/ but the rule API; src/ has no import cycle; engine stages reach
 * no service, API or CLI module; services reach no API or CLI; the foundations nothing above them.
 * A small tree that breaks each rule shows the check can fail.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

function violations(cwd: string, config = join(ROOT, '.dependency-cruiser.cjs')): string[] {
  const r = spawnSync(process.execPath, [DEPCRUISE, 'src', 'rules', '--config', config, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out = JSON.parse(r.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return out.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('architecture', () => {
  it('this code base has no violation', () => {
    expect(violations(ROOT)).toEqual([]);
  });

  it('a tree that breaks the rules is caught', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-arch-'));
    const write = (file: string, text: string) => {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    };
    write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }));
    write('package.json', JSON.stringify({ type: 'module' }));
    write('src/rule-api/index.ts', 'export const api = 1;\n');
    write('src/engine/run.ts', "import { lint } from '../api.js';\nexport const run = lint;\n");
    write('src/api.ts', "import { run } from './engine/run.js';\nexport const lint = () => run;\n");
    write('rules/my-rule.ts', "import { run } from '../src/engine/run.js';\nimport { api } from '../src/rule-api/index.js';\nexport default [run, api];\n");
    const found = violations(dir, join(ROOT, '.dependency-cruiser.cjs'));
    expect(found).toContain('rules-only-through-rule-api: rules/my-rule.ts → src/engine/run.ts');
    expect(found).toContain('engine-below-services: src/engine/run.ts → src/api.ts');
    expect(found.some((v) => v.startsWith('no-cycles: '))).toBe(true);
    expect(found.some((v) => v.startsWith('rules-only-through-rule-api: rules/my-rule.ts → src/rule-api'))).toBe(false);
  });
});
