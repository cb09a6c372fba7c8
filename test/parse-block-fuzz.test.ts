/**
 * The block parser (src/load/parse-block.ts) against `js-yaml` 4 on generated documents: block
 * mappings and sequences at random indentation, flow collections, comments, CRLF, and scalars
 * chosen at the edges of YAML 1.2 core resolution (numbers, nulls, booleans, quotes, `#`, `:`,
 * indicators). Whatever it accepts must give exactly `js-yaml`'s value and the exact path's node
 * ranges; what it declines goes to `js-yaml` as before. `FUZZ_RUNS` sets the number of documents.
 */
import fc from 'fast-check';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseBlock, parseBlockTree } from '../src/load/parse-block.js';
import { loadBytes } from '../src/load/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300) * 10;

const SCALARS = [
  '1', '-1', '+5', '0', '-0', '00', '012', '0o17', '0x1F', '0x', '0b101', '1e3', '1E-2', '1.5', '.5', '1.', '+.5', '0.0',
  '.inf', '-.Inf', '+.INF', '.NaN', '.nan', 'Infinity', 'nan', '1_000', '1__0', '_1', '1_',
  '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRue', 'false', 'yes', 'no', 'on', 'off', 'y', 'n',
  '2015-12-25', '12:30', '1:20', 'a b', 'a  b', 'a#b', 'a #b', 'a: b', 'a:b', 'a,b', 'a]', 'a}', 'a[', 'http://x.y/z?q=1#f',
  '"q"', "'s'", '"a\\"b"', '"\\u4e2d"', '"\\t"', '"\\x41"', '"a#b"', "'it''s'", '""', "''", '"', "'",
  '名称', '（新办）', '食品经营许可(新办)', '受理→审查', '-x', '- x', '-', '?x', '? x', '!x', '&a', '*a', '|', '>', '%x', '@x', '`x',
  'x ', ' x', 'a\tb', '[]', '{}', '[a, b]', '[a,b ,"c", \'d\']', '{ a: 1, b: [2] }', '[[1], []]', '[a, ]', '{a}', '[a: b]', '{ a: 1 ', '[a',
];
const PLAIN_KEYS = ['a', 'code', 'name', 'items', '名称', 'null', '1', 'true', 'a b', 'a-b', 'b', 'x#'];
const KEYS = [...PLAIN_KEYS, '"q"', "'s'", 'k:', '? k', '- k', '&k'];
const key = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...PLAIN_KEYS) }, { weight: 1, arbitrary: fc.constantFrom(...KEYS) });
const COMMENTS = ['', '', '', ' # c', ' #c', '# c', '  # 注释 # 再'];

type Node = { kind: 'scalar'; text: string } | { kind: 'map'; entries: [string, Node][] } | { kind: 'seq'; items: Node[] };

/** Mostly scalars the parser accepts (so the property compares values), some it must decline. */
const COMMON = SCALARS.filter((t) => /^(?:[-+]?[\d._]+(?:[eE][-+]?\d+)?|0[xob][\dA-Fa-f]*|[-+]?\.(?:inf|Inf|INF|nan|NaN)|~|null|Null|NULL|true|True|TRUE|false|yes|no|[\p{L}\p{N}（）()→ :#,./?=-]+|"[^"\\]*"|'[^']*'|\[[^\]]*\]|\{[^}]*\})$/u.test(t));
const scalar: fc.Arbitrary<Node> = fc
  .oneof({ weight: 20, arbitrary: fc.constantFrom(...COMMON) }, { weight: 1, arbitrary: fc.constantFrom(...SCALARS) })
  .map((text) => ({ kind: 'scalar', text }));
const { node } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(fc.tuple(key, tie('node')), { minLength: 0, maxLength: 4 }).map((entries) => ({ kind: 'map', entries }) as Node),
    fc.array(tie('node'), { minLength: 0, maxLength: 3 }).map((items) => ({ kind: 'seq', items }) as Node),
  ),
}));

/** Render a tree in block style; `indent` per level, sequences sometimes not indented under a key. */
function render(n: Node, depth: number, step: number, flush: boolean, comment: () => string): string[] {
  const pad = ' '.repeat(depth * step);
  if (n.kind === 'scalar') return [pad + n.text + comment()];
  if (n.kind === 'map') {
    if (n.entries.length === 0) return [pad + '{}' + comment()];
    const out: string[] = [];
    for (const [k, v] of n.entries) {
      if (v.kind === 'scalar') out.push(`${pad}${k}: ${v.text}${comment()}`);
      else {
        out.push(`${pad}${k}:${comment()}`);
        out.push(...render(v, v.kind === 'seq' && flush ? depth : depth + 1, step, flush, comment));
      }
    }
    return out;
  }
  if (n.items.length === 0) return [pad + '[]' + comment()];
  const out: string[] = [];
  for (const item of n.items) {
    if (item.kind === 'scalar') out.push(`${pad}- ${item.text}${comment()}`);
    else {
      const inner = render(item, depth + 1, step, flush, comment);
      // The first line of a nested block goes on the dash line, as checklists write `- code: …`.
      const first = inner[0].slice((depth + 1) * step);
      out.push(`${pad}- ${' '.repeat(Math.max(0, step - 2))}${first}`, ...inner.slice(1));
    }
  }
  return out;
}

const documents = fc
  .record({
    root: fc.array(fc.tuple(key, node), { minLength: 1, maxLength: 5 }),
    step: fc.constantFrom(2, 4),
    flush: fc.boolean(),
    crlf: fc.boolean(),
    blankLines: fc.boolean(),
    comments: fc.array(fc.constantFrom(...COMMENTS), { minLength: 1, maxLength: 16 }),
  })
  .map(({ root, step, flush, crlf, blankLines, comments }) => {
    let i = 0;
    const comment = () => comments[i++ % comments.length];
    const lines = render({ kind: 'map', entries: root }, 0, step, flush, comment);
    const withBlanks = blankLines ? lines.flatMap((l, j) => (j % 3 === 2 ? [l, ''] : [l])) : lines;
    return withBlanks.join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
  });

function reference(text: string): { value?: unknown; threw: boolean } {
  try {
    return { value: yaml.load(text, { schema: yaml.CORE_SCHEMA, json: false }), threw: false };
  } catch {
    return { threw: true };
  }
}

describe('parseBlock on generated documents', () => {
  it('accepts only what js-yaml accepts, with the same value and the exact path’s node ranges', () => {
    let accepted = 0;
    fc.assert(
      fc.property(documents, (text) => {
        const mine = parseBlock(text);
        if (mine === undefined) return;
        accepted++;
        const ref = reference(text);
        expect(ref.threw, text).toBe(false);
        expect(mine, text).toStrictEqual(ref.value);
        expect(JSON.stringify(mine)).toBe(JSON.stringify(ref.value));
        const exact = loadBytes('fuzz.yaml', Buffer.from(text), 'exact');
        const tree = parseBlockTree(text);
        if (!exact.ok || !tree) return;
        expect([...tree.nodes].sort(), text).toEqual([...exact.nodes()!].sort());
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261206) },
    );
    // The generator must reach the parser's accepting side, or the property says nothing.
    if (process.env.FUZZ_VERBOSE) console.log(`accepted ${accepted} of ${RUNS}`);
    expect(accepted).toBeGreaterThan(RUNS / 20);
  });
});
