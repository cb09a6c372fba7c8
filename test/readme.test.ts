/**
 * The README's rule table is generated from rule metadata; this test fails when it is stale.
 * `npm run docs` (UPDATE_DOCS=1) rewrites it. Every rule also has its docs page.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../rules/index.js';
import { withRulesTable } from './tools/rules-table.js';
import { ROOT } from './helpers.js';

describe('docs', () => {
  it('the README rule table matches the rule metadata', () => {
    const path = join(ROOT, 'README.md');
    const readme = readFileSync(path, 'utf8');
    const fresh = withRulesTable(readme, builtinRules);
    if (process.env.UPDATE_DOCS === '1' && fresh !== readme) writeFileSync(path, fresh);
    else expect(readme).toBe(fresh);
  });

  it.each(builtinRules.map((r) => [r.id]))('%s has a docs page naming it and its message ids', (id) => {
    const page = join(ROOT, 'rules', `${id}.md`);
    expect(existsSync(page)).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(text.startsWith(`# ${id}`)).toBe(true);
    const rule = builtinRules.find((r) => r.id === id)!;
    for (const messageId of Object.keys(rule.messages['zh-CN'])) expect(text).toContain(messageId);
  });

  it('every rule has the same message ids in zh-CN and en', () => {
    for (const r of builtinRules) expect(Object.keys(r.messages.en).sort(), r.id).toEqual(Object.keys(r.messages['zh-CN']).sort());
  });
});
