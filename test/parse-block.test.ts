/**
 * The block parser (src/load/parse-block.ts) either declines (undefined) or gives exactly what
 * `js-yaml` 4's `load` with the core schema gives: on every fixture and example file, and on
 * layouts chosen to sit at the edges of what it accepts.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { parseBlock, parseBlockTree } from '../src/load/parse-block.js';
import { loadBytes } from '../src/load/index.js';
import { ROOT, yamlFiles } from './helpers.js';

function reference(text: string): { value?: unknown; threw: boolean } {
  try {
    return { value: yaml.load(text, { schema: yaml.CORE_SCHEMA, json: false }), threw: false };
  } catch {
    return { threw: true };
  }
}

/** Accepted ⇒ js-yaml accepts it too and gives the same value (key order and types included). */
function agrees(text: string, anyRoot = false): boolean {
  const mine = parseBlock(text, anyRoot);
  if (mine === undefined) return true;
  const ref = reference(text);
  expect(ref.threw).toBe(false);
  expect(mine).toStrictEqual(ref.value);
  expect(JSON.stringify(mine)).toBe(JSON.stringify(ref.value));
  return true;
}

const files = [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test', 'fixtures'))];

describe('parseBlock', () => {
  it.each(files.map((f) => [relative(ROOT, f)]))('%s', (file) => {
    let text = readFileSync(join(ROOT, file), 'utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    agrees(text);
    agrees(text, true);
  });

  it.each(files.map((f) => [relative(ROOT, f)]))('%s: node ranges equal the exact path', (file) => {
    const bytes = readFileSync(join(ROOT, file));
    const exact = loadBytes(file, bytes, 'exact');
    if (!exact.ok) return;
    const tree = parseBlockTree(exact.text);
    if (!tree) return;
    expect(JSON.stringify(tree.value)).toBe(JSON.stringify(exact.value));
    expect([...tree.nodes].sort()).toEqual([...exact.nodes()!].sort());
  });

  it('gives node ranges for the examples', () => {
    const text = readFileSync(join(ROOT, 'examples', 'fujian', '350000', '市场监管.yaml'), 'utf8');
    expect(parseBlockTree(text)).toBeDefined();
  });

  it('accepts the plain layout of the examples', () => {
    const text = readFileSync(join(ROOT, 'examples', 'fujian', '350000', '市场监管.yaml'), 'utf8');
    expect(parseBlock(text)).toBeDefined();
  });

  const ACCEPTED = [
    'a: 1\nb: two\nc:\n  - x\n  - y\n',
    'a:\n- x\n- y\nb: 1\n',
    'items:\n  - code: "1"\n    name: 名称 # comment\n    list: [a, b , "c", \'d\']\n    m: { value: 5, unit: 工作日 }\n',
    'a: ~\nb: null\nc: Null\nd: true\ne: FALSE\nf: 0\ng: 12\nh: 1.5\ni: -3\nj: 0x1F\nk: 1e3\nl: .inf\nm: 012\nn: +5\no: .5\np: 1_000\n',
    'a: "x\\"y"\nb: \'it\'\'s\'\nc: "\\u4e2d"\nd: "a#b"\ne: x#y\nf: http://x.y/z\n',
    'null: 1\n1: 2\ntrue: 3\n',
    'a:\n  b:\n    c:\n      - d: 1\n        e: 2\n      -\n        f: 3\n      -\n',
    'a:   spaced value   \nb:    # comment only\n  c: 1\n',
    'a: []\nb: {}\nc: [[1, 2], [3]]\nd: [{ x: 1 }]\n',
    'a: -1\nb: -x\nc: a - b\nd: a, b ] }\n',
    'a: 1\r\nb:\r\n  - x\r\n',
    '# only a comment\n\na: 1\n\n# end\n',
  ];
  it.each(ACCEPTED.map((t) => [JSON.stringify(t)]))('accepts and agrees: %s', (shown) => {
    const text = JSON.parse(shown) as string;
    expect(parseBlock(text)).toBeDefined();
    agrees(text);
  });

  const DECLINED = [
    'a: |\n  x\n', 'a: >\n  x\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', '---\na: 1\n', 'a: 1\n---\nb: 2\n', '%YAML 1.2\n---\na: 1\n',
    'a: b: c\n', 'a: x\n  y\n', 'a: 1\na: 2\n', '"a": 1\n', '? a\n: 1\n', 'a:\tb\n', 'a: - x\n', 'a: -\n', 'a: [x,\n  y]\n',
    'a: "x\n  y"\n', '- a\n', 'a\n', '', 'a: @x\n', 'a: `x\n', 'a: [a, ]\n', 'a: [a: b]\n', 'a: {a}\n', 'a: "\\x41"\n',
    'a:\n  - x\n  b: 1\n', 'a: 1\n - b\n', '  a: 1\n', 'a: x\rb: y\n', 'a: "x" y\n', 'a:#x\n',
  ];
  it.each(DECLINED.map((t) => [JSON.stringify(t)]))('declines: %s', (shown) => {
    const text = JSON.parse(shown) as string;
    expect(parseBlock(text)).toBeUndefined();
  });

  it('an item slice: a one-entry sequence at any indentation', () => {
    const text = '  - code: "1"\n    name: x\n    steps:\n      - name: 受理\n        days: 1\n';
    expect(parseBlock(text, true)).toEqual([{ code: '1', name: 'x', steps: [{ name: '受理', days: 1 }] }]);
    agrees(text, true);
    expect(parseBlock(text)).toBeUndefined();
  });

  it('gives up on nesting deeper than any checklist', () => {
    let text = '';
    for (let i = 0; i < 40; i++) text += ' '.repeat(2 * i) + `k${i}:\n`;
    expect(parseBlock(text)).toBeUndefined();
    expect(parseBlock('a: ' + '['.repeat(40) + ']'.repeat(40) + '\n')).toBeUndefined();
  });
});
