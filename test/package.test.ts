/**
 * What a user checks first about the package: the licence, where the project lives, and that the
 * tarball npm would publish holds every file package.json points at (bins, entry points, types,
 * exports) and nothing of the development tree. Reads `npm pack --dry-run --json` (scripts off;
 * `npm test` has built dist/ before the tests run).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('package basics', () => {
  it('MIT licence in LICENSE and package.json', () => {
    const text = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(text.split('\n')[0]).toBe('MIT License');
    expect(text).toMatch(/^Copyright \(c\) \d{4} qingdan-lint contributors$/m);
    expect(text).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
    expect(pkg.license).toBe('MIT');
  });

  it('repository, homepage, bugs and keywords', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/qingdan-lint/qingdan-lint.git' });
    expect(pkg.homepage).toBe('https://github.com/qingdan-lint/qingdan-lint#readme');
    expect(pkg.bugs).toEqual({ url: 'https://github.com/qingdan-lint/qingdan-lint/issues' });
    expect(pkg.keywords).toEqual(expect.arrayContaining(['lint', 'yaml', '纵向清单', '五个一致', 'pre-commit']));
  });

  it('the prepare build prints nothing on standard output (pre-commit reads npm pack\'s output as the tarball name)', () => {
    expect(pkg.scripts.prepare).toBe('tsup --silent');
    expect(readFileSync(join(ROOT, '.npmrc'), 'utf8')).toMatch(/^foreground-scripts=false$/m);
  });

  it('the tarball holds every file package.json points at, LICENSE and README, and no development files', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', env });
    expect(r.status, r.stderr).toBe(0);
    const files: string[] = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path);
    const targets = new Set<string>([
      ...Object.values(pkg.bin as Record<string, string>),
      pkg.main, pkg.module, pkg.types,
      ...JSON.stringify(pkg.exports).match(/"\.\/[^"*]+"/g)!.map((s) => s.slice(1, -1)),
    ].map((p) => p.replace(/^\.\//, '')));
    targets.delete('package.json');
    expect([...targets].sort()).toEqual([
      'bin/qingdan-lint-hook.js', 'bin/qingdan-lint.js',
      'dist/index.cjs', 'dist/index.d.cts', 'dist/index.d.ts', 'dist/index.js',
    ]);
    for (const t of [...targets, 'LICENSE', 'README.md', 'package.json', 'dist/cli.js', 'dist/worker.js', 'schemas/checklist.schema.json', 'rules/README.md']) expect(files, t).toContain(t);
    expect(files.filter((f) => /^(src|test|bench|examples|docs|node_modules)\/|^\.npmrc$|\.tgz$/.test(f))).toEqual([]);
  });
});
