/**
 * File names are data: real files on disk whose names hold `\`, `#`, `?`, `%`, spaces, quotes,
 * `&<>`, `,:`, tabs, carriage returns and line feeds, linted through the CLI. Every format keeps the
 * path byte-exact and escapes it as that format requires: JSON as is, GitHub workflow commands
 * with `%`/CR/LF (and in properties `:`/`,`) escaped, SARIF URIs percent-encoded per RFC 3986 (and
 * still valid for Microsoft's SARIF Multitool), JUnit attributes that an XML parser reads back
 * unchanged. On POSIX a `\` is part of a name, never a separator.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintDocuments } from '../src/api.js';
import { cli, ROOT } from './helpers.js';
import { multitool } from './sarif-multitool.js';

/** Each file: its path relative to the dataset, and the forms each format must show (written by hand). */
interface Name {
  file: string;
  github: string;
  sarif: string;
  junit: string;
}

const PROVINCE: Name = { file: '350000 #省.yaml', github: '350000 #省.yaml', sarif: '350000%20%23%E7%9C%81.yaml', junit: '350000 #省.yaml' };
/** Sorted first among the districts: holds the originals, so the others' duplicate-code messages name it. */
const FIRST: Name = { file: '350502/ %25\r\n#1.yaml', github: '350502/ %2525%0D%0A#1.yaml', sarif: '350502/%20%2525%0D%0A%231.yaml', junit: '350502/ %25&#13;&#10;#1.yaml' };
const OTHERS: Name[] = [
  { file: '350502/#1 ?x.yaml', github: '350502/#1 ?x.yaml', sarif: '350502/%231%20%3Fx.yaml', junit: '350502/#1 ?x.yaml' },
  { file: '350502/a\\b.yaml', github: '350502/a\\b.yaml', sarif: '350502/a%5Cb.yaml', junit: '350502/a\\b.yaml' },
  { file: '350502/q"\'&<>,:.yaml', github: '350502/q"\'&<>%2C%3A.yaml', sarif: "350502/q%22'%26%3C%3E%2C%3A.yaml", junit: '350502/q&quot;&apos;&amp;&lt;&gt;,:.yaml' },
  { file: '350502/tab\there.yaml', github: '350502/tab\there.yaml', sarif: '350502/tab%09here.yaml', junit: '350502/tab&#9;here.yaml' },
  { file: 'd\\#1?/a%b.yaml', github: 'd\\#1?/a%25b.yaml', sarif: 'd%5C%231%3F/a%25b.yaml', junit: 'd\\#1?/a%b.yaml' },
];
const ALL = [PROVINCE, FIRST, ...OTHERS];

let dir: string;
const out: Record<'json' | 'github' | 'sarif' | 'junit', string> = { json: '', github: '', sarif: '', junit: '' };
let json: { files: { file: string; diagnostics: { ruleId: string; message: string; line: number; column: number; related?: { file: string }[] }[] }[] };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qingdan-paths-'));
  const province = readFileSync(join(ROOT, 'examples/fujian/350000/市场监管.yaml'), 'utf8');
  const whole = readFileSync(join(ROOT, 'examples/fujian/350502/市场监管.yaml'), 'utf8');
  // Without the item the province's decision delegates (the last one, 000122002000): without the decision it would be missing upstream.
  const district = whole.slice(0, whole.lastIndexOf('\n\n', whole.indexOf('  - code: "000122002000"')) + 1);
  // The planted difference: one material renamed (line 34, the first of two occurrences).
  const planted = district.replace('- name: 营业执照复印件', '- name: 营业执照副本复印件');
  expect(planted).not.toBe(district);
  writeFileSync(join(dir, PROVINCE.file), province);
  for (const n of [FIRST, ...OTHERS]) {
    mkdirSync(dirname(join(dir, n.file)), { recursive: true });
    writeFileSync(join(dir, n.file), planted);
  }
  for (const f of ['json', 'github', 'sarif', 'junit'] as const) {
    const r = cli(['--format', f], { cwd: dir });
    expect(r.stderr, f).toBe('');
    expect(r.code, f).toBe(1);
    out[f] = r.stdout;
  }
  json = JSON.parse(out.json);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first duplicate-code message of a file (its wording comes from the JSON report). */
const duplicateMessage = (file: string) => json.files.find((f) => f.file === file)!.diagnostics.find((d) => d.ruleId === 'item/unique-code')!.message;

describe.skipIf(process.platform === 'win32')('paths byte-exact and escaped per format', () => {
  it('json: every name byte-exact, `\\` kept as part of the name', () => {
    expect(json.files.map((f) => f.file)).toEqual(ALL.map((n) => n.file));
    const first = json.files[1].diagnostics;
    expect(first.map((d) => `${d.ruleId} ${d.line}:${d.column} → ${d.related?.[0].file}`)).toEqual([`consistency/materials 34:15 → ${PROVINCE.file}`]);
    for (const n of OTHERS) {
      const f = json.files.find((x) => x.file === n.file)!;
      expect(f.diagnostics.filter((d) => d.ruleId === 'item/unique-code')).toHaveLength(9);
      expect(f.diagnostics[0].related?.[0].file).toBe(FIRST.file);
      expect(duplicateMessage(n.file)).toContain(`（首次出现于 ${FIRST.file}）`);
    }
  });

  it('github: properties escape % CR LF : , and data escapes % CR LF; one command per line', () => {
    const lines = out.github.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1 + OTHERS.length * 18);
    for (const l of lines) expect(l).toMatch(/^::(error|warning) file=[^\r\n]*::[^\r\n]*$/);
    expect(lines[0]).toBe(`::error file=${FIRST.github},line=34,col=15,endLine=34,endColumn=24,title=consistency/materials::${json.files[1].diagnostics[0].message}`);
    for (const n of OTHERS) {
      const message = duplicateMessage(n.file).replace(FIRST.file, FIRST.github);
      expect(lines).toContain(`::error file=${n.github},line=12,col=11,endLine=12,endColumn=25,title=item/unique-code::${message}`);
    }
    expect(out.github).toContain(`（首次出现于 ${FIRST.github}）`);
  });

  it('sarif: artifact URIs percent-encoded relative to %SRCROOT%, and they resolve back to the names', () => {
    const run = JSON.parse(out.sarif).runs[0];
    expect(run.artifacts.map((a: { location: unknown }) => a.location)).toEqual(ALL.map((n) => ({ uri: n.sarif, uriBaseId: '%SRCROOT%' })));
    const at = (r: { locations: { physicalLocation: { artifactLocation: unknown } }[] }) => r.locations[0].physicalLocation.artifactLocation;
    const materials = run.results.find((r: { ruleId: string }) => r.ruleId === 'consistency/materials');
    expect(at(materials)).toEqual({ uri: FIRST.sarif, uriBaseId: '%SRCROOT%' });
    expect(materials.relatedLocations[0].physicalLocation.artifactLocation).toEqual({ uri: PROVINCE.sarif, uriBaseId: '%SRCROOT%' });
    for (const n of OTHERS) {
      const dup = run.results.find((r: { ruleId: string } & Parameters<typeof at>[0]) => r.ruleId === 'item/unique-code' && (at(r) as { uri: string }).uri === n.sarif);
      expect(dup.relatedLocations[0].physicalLocation.artifactLocation).toEqual({ uri: FIRST.sarif, uriBaseId: '%SRCROOT%' });
    }
    for (const n of ALL) {
      // A URI reference a WHATWG URL parser resolves to the file itself: no query, no fragment, no `\` taken as `/`.
      const url = new URL(n.sarif, 'file:///srcroot/');
      expect([url.search, url.hash]).toEqual(['', '']);
      expect(decodeURIComponent(url.pathname)).toBe(`/srcroot/${n.file}`);
      expect(n.sarif).toMatch(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/);
    }
  });

  it('sarif: the Multitool finds no error and no warning in it', () => {
    const file = join(dir, 'paths.sarif');
    writeFileSync(file, out.sarif);
    const found = multitool([file], join(dir, 'validation.sarif')).get(file) ?? [];
    expect(found.filter((f) => f.level !== 'note').map((f) => `${f.level} ${f.ruleId}: ${f.text}`)).toEqual([]);
  });

  it('junit: names escaped as attributes (quotes, &<>, tab, CR, LF as references) that parse back byte-exact', () => {
    const lines = out.junit.split('\n');
    expect(lines).toContain(`    <testcase classname="qingdan-lint" name="${PROVINCE.junit}"/>`);
    for (const n of [FIRST, ...OTHERS]) expect(lines).toContain(`    <testcase classname="qingdan-lint" name="${n.junit}">`);
    const names = startTags(out.junit, 'testcase').map((a) => a.name);
    expect(names).toEqual(ALL.map((n) => n.file));
    // The first duplicate message names FIRST in text content: CR kept as a reference there too.
    expect(out.junit).toContain(`首次出现于 350502/ %25&#13;\n#1.yaml`);
  });
});

describe.skipIf(process.platform === 'win32')('a `\\` in a path given to the library or to --stdin-filename is part of the name', () => {
  it('lintDocuments keeps it', async () => {
    const text = readFileSync(join(ROOT, 'examples/fujian/350502/市场监管.yaml'), 'utf8');
    const report = await lintDocuments([{ path: '350502\\市场监管.yaml', text }], { config: false });
    expect(report.files.map((f) => f.file)).toEqual(['350502\\市场监管.yaml']);
  });

  it('--stdin-filename keeps it', () => {
    const text = readFileSync(join(ROOT, 'examples/fujian/350502/市场监管.yaml'), 'utf8');
    const r = cli(['--stdin', '--stdin-filename', 'x\\y.yaml', '--format', 'json'], { cwd: dir, input: text });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).files.map((f: { file: string }) => f.file)).toEqual(['x\\y.yaml']);
  });
});

/**
 * The attributes of every `<tag …>` start tag, read as an XML 1.0 parser reads them (§2.11 line
 * ends, §3.3.3 attribute-value normalisation, §4.1 references). Throws on what is not well-formed:
 * `<` or a bare `&` in a value, an unknown entity, a character XML cannot hold.
 */
function startTags(xml: string, tag: string): Record<string, string>[] {
  if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(xml)) throw new Error('a character XML 1.0 cannot hold');
  const doc = xml.replace(/\r\n?/g, '\n');
  const tags: Record<string, string>[] = [];
  for (const m of doc.matchAll(new RegExp(`<${tag}((?:\\s+[A-Za-z_][\\w.-]*="[^"]*")*)\\s*/?>`, 'g'))) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      const raw = a[2];
      if (raw.includes('<')) throw new Error(`"<" in attribute ${a[1]}`);
      const value = raw.replace(/[\t\n]/g, ' ').replace(/&([^;]*);|&/g, (ref, body: string | undefined) => {
        if (body === undefined) throw new Error(`bare "&" in attribute ${a[1]}`);
        const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
        if (body in named) return named[body];
        const num = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
        if (!num) throw new Error(`unknown reference ${ref}`);
        return String.fromCodePoint(num[1] ? parseInt(num[1], 16) : Number(num[2]));
      });
      attrs[a[1]] = value;
    }
    tags.push(attrs);
  }
  return tags;
}
