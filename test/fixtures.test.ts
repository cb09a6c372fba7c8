/**
 * Every fixture dataset under test/fixtures/{consistency,rules}: the diagnostics must equal the
 * `# expect:` markers exactly (file, line, rule, message id), and the whole JSON report (columns,
 * ranges, related locations, data) must equal the committed `expected.json` next to it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { format } from '../src/report/format.js';
import { ROOT, collectMarkers, lintDir, reportedMarks } from './helpers.js';

for (const group of ['consistency', 'rules']) {
  const base = join(ROOT, 'test', 'fixtures', group);
  if (!existsSync(base)) continue;
  describe(group, () => {
    for (const name of readdirSync(base).sort()) {
      const dir = join(base, name);
      it(name, async () => {
        const report = await lintDir(dir);
        expect(reportedMarks(report)).toEqual(collectMarkers(dir));
        await expect(format(report, 'json')).toMatchFileSnapshot(join(dir, 'expected.json'));
      });
    }
  });
}
