/**
 * Two paths, one report: over generated sequences of ordinary edits to a three-level dataset
 * (renaming items and materials in any file, changing days, deleting, restoring, duplicating,
 * renaming and breaking files, suppression comments, config changes, repeated runs), the report
 * of a `--cache` run equals the uncached one byte for byte after every step, and so does a run
 * with two worker threads. `FUZZ_RUNS` sets the number of sequences (`npm run test:fuzz`).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { format } from '../src/report/format.js';
import { ROOT, yamlFiles } from './helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SOURCE = join(ROOT, 'test', 'fixtures', 'consistency', 'time-limit');

/** One edit, chosen by indices into whatever the dataset holds at that moment. */
type Op =
  | { kind: 'renameItem' | 'renameMaterial' | 'days' | 'suppress' | 'break' | 'touch' | 'delete' | 'duplicate' | 'renameFile'; file: number; at: number }
  | { kind: 'restore' | 'config' | 'none'; at: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('renameItem', 'renameMaterial', 'days', 'suppress', 'break', 'touch', 'delete', 'duplicate', 'renameFile'), file: fc.nat(50), at: fc.nat(200) }) as fc.Arbitrary<Op>,
  fc.record({ kind: fc.constantFrom('restore', 'config', 'none'), at: fc.nat(200) }) as fc.Arbitrary<Op>,
);

const CONFIGS = [
  undefined,
  'rules:\n  consistency/basis: error\n',
  'reference: parent\n',
  'rules:\n  item/unique-name: off\n  consistency/time-limit: [error, { promised: not-longer }]\n',
  'preset: strict\n',
];

class Dataset {
  readonly dir = mkdtempSync(join(tmpdir(), 'qdl-diff-'));
  /** Deleted files, to restore. */
  private readonly deleted: { path: string; text: string }[] = [];
  /** A clock for modification times: every write moves a file's time forward by 10 s. */
  private clock = Math.floor(Date.now() / 1000) - 86_400;
  private serial = 0;

  constructor() {
    cpSync(SOURCE, this.dir, { recursive: true });
    rmSync(join(this.dir, 'expected.json'));
    for (const f of this.files()) this.stamp(f);
  }

  files(): string[] {
    return yamlFiles(this.dir);
  }

  private stamp(path: string): void {
    this.clock += 10;
    utimesSync(path, this.clock, this.clock);
  }

  private write(path: string, text: string): void {
    writeFileSync(path, text);
    this.stamp(path);
  }

  /** Replace the `at`-th line matching `pattern` (wrapping around) using `change`. */
  private editLine(path: string, pattern: RegExp, at: number, change: (line: string) => string): void {
    const lines = readFileSync(path, 'utf8').split('\n');
    const hits = lines.map((l, i) => (pattern.test(l) ? i : -1)).filter((i) => i >= 0);
    if (!hits.length) return;
    const i = hits[at % hits.length];
    lines[i] = change(lines[i]);
    this.write(path, lines.join('\n'));
  }

  apply(o: Op): void {
    const files = this.files();
    if (o.kind === 'none') return;
    if (o.kind === 'restore') {
      const d = this.deleted.splice(o.at % Math.max(1, this.deleted.length), 1)[0];
      if (d && !existsSync(d.path)) this.write(d.path, d.text);
      return;
    }
    if (o.kind === 'config') {
      const text = CONFIGS[o.at % CONFIGS.length];
      const path = join(this.dir, 'qingdan-lint.config.yaml');
      if (text === undefined) rmSync(path, { force: true });
      else this.write(path, text);
      return;
    }
    if (!files.length) return;
    const path = files[(o as { file: number }).file % files.length];
    switch (o.kind) {
      case 'renameItem':
        return this.editLine(path, /^ {4}name: /, o.at, (l) => (l.endsWith('（变）') ? l.slice(0, -3) : `${l}（变）`));
      case 'renameMaterial':
        return this.editLine(path, /^ {6}- name: /, o.at, (l) => (l.includes('副本') ? l.replace('副本', '') : l.replace(/(- name: )/, '$1副本')));
      case 'days':
        return this.editLine(path, /days: \d+|value: \d+/, o.at, (l) => l.replace(/(days|value): (\d+)/, (_m, k, v) => `${k}: ${(Number(v) + 1 + (o.at % 3)) % 25}`));
      case 'suppress':
        return this.editLine(path, /^ {2}- code: /, o.at, (l) => `  # qingdan-lint-disable consistency/time-limit consistency/name -- 经审改办批复\n${l}`);
      case 'break': {
        const text = readFileSync(path, 'utf8');
        return this.write(path, text.includes('\tbroken') ? text.replace('\n\tbroken: [\n', '\n') : `${text}\n\tbroken: [\n`);
      }
      case 'touch':
        return this.stamp(path);
      case 'delete':
        this.deleted.push({ path, text: readFileSync(path, 'utf8') });
        return rmSync(path);
      case 'duplicate': {
        const copy = join(path, '..', `副本${++this.serial}.yaml`);
        return this.write(copy, readFileSync(path, 'utf8'));
      }
      case 'renameFile': {
        const to = join(path, '..', `改名${++this.serial}.yaml`);
        renameSync(path, to);
        return;
      }
    }
  }

  describe(): string {
    return this.files()
      .map((f) => relative(this.dir, f))
      .join(', ');
  }
}

const report = async (dir: string, options: { cache?: boolean; threads?: number }) => {
  try {
    return format(await lint({ cwd: dir, threads: options.threads ?? 1, cache: options.cache }), 'json');
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
};

describe('differential: the same report by every path', () => {
  it(`--cache equals no cache, and --threads 2 equals --threads 1, after every step of ${RUNS} edit sequences`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 5 }), async (ops) => {
        const data = new Dataset();
        try {
          // The first cached run fills the cache; every later one reads what the previous left.
          expect(await report(data.dir, { cache: true })).toBe(await report(data.dir, {}));
          for (const o of ops) {
            data.apply(o);
            const fresh = await report(data.dir, {});
            const cached = await report(data.dir, { cache: true });
            expect(cached, `after ${JSON.stringify(o)} (${data.describe()})`).toBe(fresh);
            // Run again with nothing changed: the cache that run wrote must still give the same.
            if (o.kind === 'none' || o.at % 4 === 0) expect(await report(data.dir, { cache: true })).toBe(fresh);
            expect(await report(data.dir, { threads: 2 }), `threads after ${JSON.stringify(o)}`).toBe(fresh);
          }
        } finally {
          rmSync(data.dir, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS, seed: 20261206, endOnFailure: true },
    );
  }, 600_000);
});
