/**
 * The glob matcher (src/files/glob.ts) agrees with picomatch on the patterns configs use, and
 * stays linear where picomatch's regular expressions backtrack.
 */
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { GlobError, compileGlob, globMatcher } from '../src/files/glob.js';

const PATTERNS = [
  '**/*.yaml', '**/*.{yaml,yml}', '350000/**', '350000/**/*.yaml', '*.yaml', 'a/*/c.yaml', '**/卫生健康.yaml', 'a?c.yaml',
  '[ab]*.yaml', 'a[0-9]b.yaml', '**/x/**', 'x/**/y/*.yml', '{a,b/{c,d}}/*.yaml', './a/*.yaml', '**', '*', 'a/**/b', '*/*',
  '**/.hidden/*.yaml', '.*.yaml', '**/node_modules/**', '*a*a*b', '{350000,350502}/**/*.yaml', 'a\\*b.yaml', 'a{b}c.yaml',
];
const PATHS = [
  'a.yaml', 'x.yml', '350000/a.yaml', '350000/b/c.yaml', '350000', '3500001/a.yaml', 'a/b/c.yaml', 'a/c.yaml', 'abc.yaml',
  'bc.yaml', '.hidden/a.yaml', 'x/.hidden/a.yaml', '.a.yaml', 'a/.b/c.yaml', '卫生健康.yaml', 'q/卫生健康.yaml', 'x', 'x/y',
  'x/a/y/b.yml', 'x/y/b.yml', 'c/a.yaml', 'b/c/z.yaml', 'b/d/z.yaml', 'a/b', 'a/x/y/b', 'a1b.yaml', 'aab', 'a*b.yaml',
  'ab.yaml', 'a{b}c.yaml', 'node_modules/a.yaml', 'q/node_modules/x/y.yaml', '350502/x/a.yaml', 'a',
];

describe('glob matcher', () => {
  for (const dot of [false, true]) {
    it(`matches as picomatch does (dot: ${dot})`, () => {
      const differences: string[] = [];
      for (const pattern of PATTERNS) {
        const theirs = picomatch(pattern, { dot });
        const ours = globMatcher([pattern], { dot });
        for (const path of PATHS) if (theirs(path) !== ours(path)) differences.push(`${pattern} ${path}`);
      }
      expect(differences).toEqual([]);
    });
  }

  it('negation where allowed: a leading ! matches what the pattern does not', () => {
    const m = globMatcher(['!350000/**'], { allowNegation: true });
    expect([m('350000/a.yaml'), m('350502/a.yaml')]).toEqual([false, true]);
    expect(() => compileGlob('!350000/**')).toThrow(GlobError);
  });

  it('many wildcards against a long name: linear, and the right answer', () => {
    const m = globMatcher(['**/a*a*a*a*a*a*a*a*a*a*b'], { dot: true });
    expect(m(`x/${'a'.repeat(100_000)}`)).toBe(false);
    expect(m(`x/${'a'.repeat(100_000)}b`)).toBe(true);
  }, 10_000);

  it('limits: length, alternatives, extglobs', () => {
    expect(() => compileGlob('x'.repeat(1025))).toThrow('is 1025 characters long; at most 1024 are allowed');
    expect(compileGlob('x'.repeat(1024)).alternatives).toHaveLength(1);
    expect(() => compileGlob('{a,b}'.repeat(9))).toThrow('expands to more than 256 alternatives');
    expect(compileGlob('{a,b}'.repeat(8)).alternatives).toHaveLength(256);
    expect(() => compileGlob(`{a,b,c,d,e}/${'x'.repeat(1000)}`)).toThrow('expands to more than 4096 characters of alternatives');
    expect(() => compileGlob('@(a|b).yaml')).toThrow('extglob');
    expect(globMatcher(['\\(新办\\).yaml'])('(新办).yaml')).toBe(true);
  });
});
