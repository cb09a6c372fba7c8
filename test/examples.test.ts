/**
 * The bundled example datasets: the clean one has no findings; the one with typical mistakes
 * reports each planted mistake, exactly where its `# expect:` marker says, and nothing else.
 * Mistakes of rules that are off by default carry `# expect(<preset>): <rule> <messageId>` and
 * are checked with that preset.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { format } from '../src/report/format.js';
import { ROOT, collectMarkers, reportedMarks, yamlFiles } from './helpers.js';

/** The `# expect(<preset>):` markers under `dir`, in the shape of {@link collectMarkers}. */
function presetMarkers(dir: string, preset: string): string[] {
  const marks: string[] = [];
  for (const file of yamlFiles(dir)) {
    readFileSync(file, 'utf8').split(/\r?\n/).forEach((line, i) => {
      const m = /#\s*expect\(([a-z-]+)\):\s*(.*)$/.exec(line);
      if (!m || m[1] !== preset) return;
      for (const part of m[2].split(';')) {
        const [rule, messageId] = part.trim().split(/\s+/);
        if (rule) marks.push(`${relative(dir, file).split('\\').join('/')}:${i + 1} ${rule} ${messageId}`);
      }
    });
  }
  return marks;
}

describe('examples', () => {
  it('examples/fujian is clean', async () => {
    const report = await lint({ cwd: ROOT, config: false, patterns: ['examples/fujian'] });
    expect(report.summary).toEqual({ files: 18, regions: 12, items: 111, errors: 0, warnings: 0, infos: 0 });
    expect(reportedMarks(report)).toEqual([]);
  });

  it('examples/fujian-with-errors reports every planted mistake and nothing else', async () => {
    const dir = join(ROOT, 'examples', 'fujian-with-errors');
    const report = await lint({ cwd: dir, config: false });
    expect(reportedMarks(report)).toEqual(collectMarkers(dir));
    expect(report.summary.files).toBe(17);
    await expect(format(report, 'json')).toMatchFileSnapshot(join(ROOT, 'test', 'snapshots', 'fujian-with-errors.json'));
  });

  it('with --preset two-lists the clean example is clean too, and the responsibility mistake is reported', async () => {
    const clean = await lint({ cwd: ROOT, config: false, preset: 'two-lists', patterns: ['examples/fujian'] });
    expect(reportedMarks(clean)).toEqual([]);
    const dir = join(ROOT, 'examples', 'fujian-with-errors');
    const report = await lint({ cwd: dir, config: false, preset: 'two-lists' });
    // two-lists keeps yaml-syntax and schema: their default markers stay expected
    const kept = collectMarkers(dir).filter((m) => / (yaml-syntax|schema) /.test(m));
    const own = presetMarkers(dir, 'two-lists');
    expect(own.length).toBeGreaterThan(0);
    expect(reportedMarks(report)).toEqual([...kept, ...own].sort());
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
