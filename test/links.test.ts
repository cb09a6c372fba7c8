/**
 * Every link in the documentation that points into this repository leads somewhere: relative
 * links (`[text](docs/ci.md)`, `![x](a.png)`, `[label]: path`, `href="…"`) name an existing file
 * or folder, `#anchors` name a heading of the target file (GitHub's heading ids), and absolute
 * links to this repository's files on GitHub (`…/qingdan-lint/blob/main/<path>`) name a file
 * that exists here. Links inside code blocks and code spans are not links.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const REPO_URL = /^https:\/\/github\.com\/qingdan-lint\/qingdan-lint\/(?:blob|tree)\/main\/([^#?]*)(#.*)?$/;

/** The documentation checked: README.md, docs/, rules/, examples/ and bench/ (not generated data). */
function markdownFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'node_modules' && name !== 'data') walk(p);
      } else if (name.endsWith('.md')) out.push(p);
    }
  };
  if (existsSync(join(root, 'README.md'))) out.push(join(root, 'README.md'));
  for (const d of ['docs', 'rules', 'examples', 'bench']) if (existsSync(join(root, d))) walk(join(root, d));
  return out;
}

/** The text outside fenced code blocks and code spans, with line breaks kept (so line numbers hold). */
function prose(text: string): string {
  return withoutFences(text).replace(/(`+)[^`\n]+?\1/g, (m) => ' '.repeat(m.length));
}

function withoutFences(text: string): string {
  return text.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n {0,3}\2[^\n]*(?=\n|$)|$)/gm, (m) => m.replace(/[^\n]/g, ' '));
}

/** GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingIds(text: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFences(text).split('\n')) {
    const m = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const plain = m[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[`*~]/g, '');
    const base = plain.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n ? `${base}-${n}` : base);
  }
  for (const m of text.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) ids.add(m[1]);
  return ids;
}

interface Link { file: string; line: number; target: string }

function links(file: string): Link[] {
  const text = prose(readFileSync(file, 'utf8'));
  const found: Link[] = [];
  const add = (index: number, target: string) => {
    found.push({ file, line: text.slice(0, index).split('\n').length, target: target.replace(/^<(.*)>$/, '$1') });
  };
  for (const m of text.matchAll(/!?\[(?:[^\][]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+"[^"]*")?\s*\)/g)) add(m.index!, m[1]);
  for (const m of text.matchAll(/^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm)) add(m.index!, m[1]);
  for (const m of text.matchAll(/\b(?:href|src)="([^"]+)"/g)) add(m.index!, m[1]);
  return found;
}

/** What is wrong with a link, or undefined when it leads somewhere. */
function broken(link: Link, root: string): string | undefined {
  let target = link.target;
  const repo = REPO_URL.exec(target);
  let base = dirname(link.file);
  if (repo) {
    target = decodeURI(repo[1]) + (repo[2] ?? '');
    base = root;
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) {
    return undefined; // another site
  }
  const hash = target.indexOf('#');
  const path = decodeURI(hash < 0 ? target : target.slice(0, hash)).replace(/\?.*$/, '');
  const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const abs = path ? resolve(base, path) : link.file;
  if (!abs.startsWith(root)) return `points outside the repository: ${link.target}`;
  if (!existsSync(abs)) return `no such file: ${link.target}`;
  if (anchor && abs.endsWith('.md') && !headingIds(readFileSync(abs, 'utf8')).has(anchor.toLowerCase())) return `no heading #${anchor} in ${relative(root, abs)}`;
  return undefined;
}

function check(root: string): string[] {
  return markdownFiles(root).flatMap((file) =>
    links(file).flatMap((link) => {
      const why = broken(link, root);
      return why ? [`${relative(root, file).split('\\').join('/')}:${link.line} ${why}`] : [];
    }),
  );
}

describe('documentation links', () => {
  it('every relative link in README.md, docs/, rules/, examples/ and bench/ leads to an existing file and heading', () => {
    const files = markdownFiles(ROOT).map((f) => relative(ROOT, f).split('\\').join('/'));
    expect(files).toContain('README.md');
    expect(files).toContain('docs/ci.md');
    expect(files).toContain('rules/README.md');
    const count = markdownFiles(ROOT).reduce((n, f) => n + links(f).length, 0);
    expect(count).toBeGreaterThan(50);
    expect(check(ROOT)).toEqual([]);
  });

  it('finds broken links, missing headings and links in code only where they are links', () => {
    const root = mkdtempSync(join(tmpdir(), 'qdl-links-'));
    writeFileSync(join(root, 'README.md'), [
      '# 标题 Title',
      '',
      '## 使用 `--cache`',
      '',
      '## 使用 `--cache`',
      '',
      'See [ok](README.md#标题-title), [cache](#使用---cache), [gone](docs/missing.md) and [bad anchor](#nowhere).',
      '![logo](logo.png) [site](https://example.org/x) [repo](https://github.com/qingdan-lint/qingdan-lint/blob/main/rules/none.md)',
      '`[not a link](nothing.md)`',
      '```md',
      '[not a link either](nothing.md)',
      '```',
      '[ref]: ./README.md',
      '[twice](#使用---cache-1)',
      '[ref2]: <no such.md>',
      '',
    ].join('\n'));
    expect(check(root)).toEqual([
      'README.md:7 no such file: docs/missing.md',
      'README.md:7 no heading #nowhere in README.md',
      'README.md:8 no such file: logo.png',
      'README.md:8 no such file: https://github.com/qingdan-lint/qingdan-lint/blob/main/rules/none.md',
      'README.md:15 no such file: no such.md',
    ]);
  });
});
