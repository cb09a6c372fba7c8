/**
 * The bundled example datasets: the clean one has no findings; the one with typical mistakes
 * reports each planted mistake, exactly where its `# expect:` marker says, and nothing else.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { format } from '../src/report/format.js';
import { ROOT, collectMarkers, reportedMarks } from './helpers.js';

describe('examples', () => {
  it('examples/fujian is clean', async () => {
    const report = await lint({ cwd: ROOT, config: false, patterns: ['examples/fujian'] });
    expect(report.summary).toEqual({ files: 8, regions: 4, items: 72, errors: 0, warnings: 0, infos: 0 });
    expect(reportedMarks(report)).toEqual([]);
  });

  it('examples/fujian-with-errors reports every planted mistake and nothing else', async () => {
    const dir = join(ROOT, 'examples', 'fujian-with-errors');
    const report = await lint({ cwd: dir, config: false });
    expect(reportedMarks(report)).toEqual(collectMarkers(dir));
    expect(report.summary.files).toBe(8);
    await expect(format(report, 'json')).toMatchFileSnapshot(join(ROOT, 'test', 'snapshots', 'fujian-with-errors.json'));
  });

  it('the report is the same in English but for the wording', async () => {
    const dir = join(ROOT, 'examples', 'fujian-with-errors');
    const zh = await lint({ cwd: dir, config: false });
    const en = await lint({ cwd: dir, config: false, locale: 'en' });
    const strip = (r: typeof zh) => r.files.map((f) => f.diagnostics.map(({ message, related, ...rest }) => ({ ...rest, related: related?.map(({ message: _m, ...r2 }) => r2) })));
    expect(strip(en)).toEqual(strip(zh));
    expect(en.files.flatMap((f) => f.diagnostics).every((d) => !/[\u4e00-\u9fff]{4,}[：，]/.test(d.message.replace(/"[^"]*"/g, '')))).toBe(true);
  });
});
