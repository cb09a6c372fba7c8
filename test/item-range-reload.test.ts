/**
 * The cross-level stage reads back single items from a file's bytes (src/load/item-bytes.ts)
 * instead of decoding the whole file again. It must give exactly what the whole-file path gives:
 * the same item values, node ranges, lines and columns, and the same reports, including where it
 * must not apply (a file edited between the stages, a file the fast block parser declines) and on
 * BOMs, CRLF line ends and a last item without a final newline.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import type { LintOptions } from '../src/service/lint-options.js';
import { loadBytes } from '../src/load/index.js';
import { findItemSlices } from '../src/load/item-slices.js';
import { itemReading, spanCount } from '../src/load/item-bytes.js';
import { pathKey } from '../src/load/tree.js';
import type { Report } from '../src/types.js';
import { ROOT, yamlFiles } from './helpers.js';

afterEach(() => {
  itemReading.enabled = true;
});

const FIXTURES = [...yamlFiles(join(ROOT, 'test/fixtures')), ...yamlFiles(join(ROOT, 'examples'))];

type Variant = (bytes: Buffer) => Buffer;
const VARIANTS: Record<string, Variant> = {
  'as is': (b) => b,
  'with a BOM': (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]),
  'with CRLF line ends': (b) => Buffer.from(b.toString('utf8').replace(/\r?\n/g, '\r\n')),
  'without a final newline': (b) => Buffer.from(b.toString('utf8').replace(/[\r\n]+$/, '')),
};

describe('item spans recorded by the per-file stage', () => {
  for (const [variant, change] of Object.entries(VARIANTS)) {
    it(`are the item scan's spans, and items read alone equal the whole-file reads (${variant})`, () => {
      let files = 0;
      const before = itemReading.items;
      for (const path of FIXTURES) {
        const bytes = change(readFileSync(path));
        const name = relative(ROOT, path);
        const loaded = loadBytes(name, bytes);
        const spans = loaded.itemSpans;
        if (!spans) continue;
        files++;
        // The parser's starts are the scan's (item-slices.ts), with their lines.
        const slices = findItemSlices(loaded.text);
        expect(slices, name).toBeDefined();
        const starts = [...slices!.items.map(([s]) => s), slices!.tail];
        const recorded: number[] = [];
        const lines: number[] = [];
        for (let i = 2; i < spans.length; i += 2) {
          recorded.push(spans[i]);
          lines.push(spans[i + 1]);
        }
        expect(recorded, name).toEqual(starts);
        expect(lines, name).toEqual(starts.map((o) => loaded.lines.position(o).line));
        expect(spans[0]).toBe(bytes.length);

        // A reload with the spans against one without: values, nodes, positions.
        const whole = loadBytes(name, bytes, 'fast', true);
        const parts = loadBytes(name, bytes, 'fast', true);
        parts.useItemSpans(spans);
        const all = loadBytes(name, bytes).nodes()!;
        for (let i = 0; i < spanCount(spans); i++) {
          expect(parts.item(i), `${name} item ${i}`).toEqual(whole.item(i));
          const prefix = pathKey(['items', i]);
          const keys = new Set([...all.keys()].filter((k) => k === prefix || k.startsWith(prefix + '\u0001')));
          const a = parts.nodesFor(keys)!;
          const b = whole.nodesFor(keys)!;
          expect(a, `${name} item ${i}`).toEqual(b);
          for (const node of a.values()) {
            for (const o of [node.start, node.end, node.keyStart, node.keyEnd]) {
              if (o !== undefined) expect(parts.position(o), `${name} item ${i} offset ${o}`).toEqual(whole.position(o));
            }
          }
        }
      }
      expect(files).toBeGreaterThan(50);
      // The shortcut was taken (every file above goes through the parser's layout).
      expect(itemReading.items - before).toBeGreaterThan(100);
    });
  }

  it('are not recorded for a file the fast block parser declines', () => {
    const text = 'region:\n  code: "350000"\n  name: 福建省\n  level: province\nitems:\n  - code: "1"\n    name: >-\n      甲\n';
    expect(loadBytes('a.yaml', Buffer.from(text)).itemSpans).toBeUndefined();
    expect(loadBytes('a.yaml', Buffer.from(text.replace(' >-\n     ', ''))).itemSpans).toBeDefined();
  });

  it('are not used for bytes other than those recorded (same size, one more line)', () => {
    const text = '# ab\nregion:\n  code: "350000"\n  name: 福建省\n  level: province\nitems:\n  - code: "1"\n    name: 甲\n';
    const spans = loadBytes('a.yaml', Buffer.from(text)).itemSpans!;
    const edited = Buffer.from(text.replace('# ab', '#\n#b'));
    const reloaded = loadBytes('a.yaml', edited, 'fast', true);
    reloaded.useItemSpans(spans);
    const before = itemReading.items;
    expect(reloaded.item(0)).toEqual({ code: '1', name: '甲' });
    expect(reloaded.position(text.indexOf('甲'))).toEqual({ line: 9, column: 11 });
    expect(itemReading.items).toBe(before);
  });
});

/** A copy of a dataset with every YAML file changed by `change`. */
function copyOf(dir: string, change: Variant): string {
  const to = mkdtempSync(join(tmpdir(), 'qdl-item-reload-'));
  cpSync(dir, to, { recursive: true });
  for (const f of yamlFiles(to)) writeFileSync(f, change(readFileSync(f)));
  return to;
}

async function report(dir: string, reading: boolean, options: LintOptions = {}): Promise<{ report: Report; items: number }> {
  itemReading.enabled = reading;
  const before = itemReading.items;
  const r = await lint({ cwd: dir, config: false, threads: 1, ...options });
  return { report: r, items: itemReading.items - before };
}

/** Every diagnostic with where it lands and where its related locations are. */
function located(r: Report): unknown[] {
  return r.files.flatMap((f) => f.diagnostics.map((d) => ({ file: d.file, rule: d.ruleId, messageId: d.messageId, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, related: d.related, fix: d.fix })));
}

const DATASETS = [join(ROOT, 'examples/fujian-with-errors'), join(ROOT, 'test/fixtures/consistency/materials'), join(ROOT, 'test/fixtures/consistency/steps'), join(ROOT, 'test/fixtures/consistency/time-limit')];

/** `name: 福建省`-style values turned into folded block scalars with the same value. */
const blockScalar: Variant = (b) => Buffer.from(b.toString('utf8').replace(/^( +)name: ([^\s"'#][^\n#]*)$/m, (_, indent: string, value: string) => `${indent}name: >-\n${indent}  ${value}`));

describe('reports with and without reading single items', () => {
  for (const dataset of DATASETS) {
    for (const [variant, change] of Object.entries({ ...VARIANTS, 'with a block scalar in every file': blockScalar })) {
      it(`are identical: ${relative(ROOT, dataset)}, ${variant}`, async () => {
        const dir = copyOf(dataset, change);
        const whole = await report(dir, false);
        const parts = await report(dir, true);
        expect(whole.items).toBe(0);
        expect(located(whole.report).length).toBeGreaterThan(0);
        expect(located(parts.report)).toEqual(located(whole.report));
        expect(JSON.stringify(parts.report)).toBe(JSON.stringify(whole.report));
        if (variant.includes('block scalar')) expect(parts.items).toBe(0);
        else expect(parts.items).toBeGreaterThan(0);
      });
    }
  }

  for (const [edit, change] of Object.entries({
    'a line added at the top': (b: Buffer) => Buffer.concat([Buffer.from('# edited\n'), b]),
    'a line added at the top, same size': (b: Buffer) => {
      const text = b.toString('utf8');
      return Buffer.from(text.startsWith('# y') ? '#\n#' + text.slice(3) : text);
    },
  })) {
    it(`are identical for files edited between the stages (${edit})`, async () => {
      const runs = [];
      for (const reading of [false, true]) {
        const dir = copyOf(join(ROOT, 'examples/fujian-with-errors'), (b) => b);
        const files = yamlFiles(dir);
        const sizes = files.map((f) => readFileSync(f).length);
        let edited = false;
        runs.push(
          await report(dir, reading, {
            onProgress: (p) => {
              if (p.stage !== 'cross-level' || edited) return;
              edited = true;
              for (const f of files) writeFileSync(f, change(readFileSync(f)));
            },
          }),
        );
        expect(edited).toBe(true);
        if (edit.includes('same size')) expect(files.map((f) => readFileSync(f).length)).toEqual(sizes);
      }
      const [whole, parts] = runs;
      expect(parts.items).toBe(0);
      expect(located(parts.report)).toEqual(located(whole.report));
      expect(JSON.stringify(parts.report)).toBe(JSON.stringify(whole.report));
    });
  }
});
