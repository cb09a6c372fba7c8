/**
 * Glob matching that cannot backtrack: a pattern is compiled into two levels of small automata
 * (path segments, then the characters of one segment) simulated state-set by state-set, so one
 * match costs at most (pattern length × path length) steps whatever the pattern. Regex-based
 * matchers (picomatch, micromatch) turn `**∕a*a*a*a*a*a*b` into a regular expression that takes
 * minutes on a long name; this one takes microseconds.
 *
 * Syntax (the picomatch subset config files use): `*` (any characters but `/`), `?` (one
 * character), `[abc]`, `[a-z]`, `[!abc]`/`[^abc]`, `**` as a whole segment (any number of
 * segments), `{a,b}` alternatives (nested allowed), `\` escapes the next character, a leading `!`
 * negates (where the caller allows it), a leading `./` is dropped. Extglobs (`*(a|b)`, `@(…)`,
 * `!(…)`, `+(…)`, `?(…)`) are refused with a reason. Without `dot`, wildcards and `**` do not
 * match a name that starts with `.`; `.` and `..` are matched only literally.
 */

/** Longest pattern accepted (characters). */
export const MAX_PATTERN_LENGTH = 1024;
/** Most alternatives one pattern's `{…}` may expand to. */
export const MAX_BRACE_EXPANSIONS = 256;
/** Longest total of those alternatives (characters): a match costs at most this × the path's length. */
export const MAX_EXPANDED_LENGTH = 4096;

/** A pattern that cannot be used; the message is the reason, for a one-line error. */
export class GlobError extends Error {
  override name = 'GlobError';
}

const STAR = 0;
const ANY = 1;
const CHAR = 2;
const CLASS = 3;
type CharToken = { t: typeof STAR } | { t: typeof ANY } | { t: typeof CHAR; c: string } | { t: typeof CLASS; negated: boolean; ranges: [number, number][] };

/** One segment of a pattern: `**`, or a sequence of character tokens. */
type Segment = { globstar: true } | { globstar: false; tokens: CharToken[]; literal?: string };

export interface CompiledGlob {
  /** The pattern as written. */
  source: string;
  negated: boolean;
  /** One alternative per brace expansion. */
  alternatives: Segment[][];
  dot: boolean;
}

const EXTGLOB = /(^|[^\\])[@!+*?]\(/;

/** Compile one pattern; throws {@link GlobError} with the reason when it cannot be used. */
export function compileGlob(pattern: string, options: { dot?: boolean; allowNegation?: boolean } = {}): CompiledGlob {
  if (pattern.length > MAX_PATTERN_LENGTH) throw new GlobError(`is ${pattern.length} characters long; at most ${MAX_PATTERN_LENGTH} are allowed`);
  if (pattern.length === 0) throw new GlobError('is empty');
  let body = pattern;
  let negated = false;
  if (body.startsWith('!') && !body.startsWith('!(')) {
    if (!options.allowNegation) throw new GlobError('is negated (starts with "!"), which is not supported here');
    negated = true;
    body = body.slice(1);
  }
  if (EXTGLOB.test(body)) throw new GlobError('uses extglob syntax such as *(…) or @(…), which is not supported; write \\( to match a parenthesis');
  while (body.startsWith('./')) body = body.slice(2);
  const alternatives = expandBraces(body).map(parsePath);
  return { source: pattern, negated, alternatives, dot: options.dot ?? false };
}

/** Split `{a,b}` alternatives, outermost first; a `{…}` without a top-level comma is literal. */
function expandBraces(pattern: string): string[] {
  const out: string[] = [];
  let total = 0;
  const walk = (p: string) => {
    const group = findBraceGroup(p);
    if (!group) {
      out.push(p);
      total += p.length;
      if (out.length > MAX_BRACE_EXPANSIONS) throw new GlobError(`expands to more than ${MAX_BRACE_EXPANSIONS} alternatives`);
      if (total > MAX_EXPANDED_LENGTH) throw new GlobError(`expands to more than ${MAX_EXPANDED_LENGTH} characters of alternatives`);
      return;
    }
    for (const alt of group.alternatives) walk(p.slice(0, group.start) + alt + p.slice(group.end + 1));
  };
  walk(pattern);
  return out;
}

function findBraceGroup(p: string): { start: number; end: number; alternatives: string[] } | undefined {
  for (let start = 0; start < p.length; start++) {
    const ch = p[start];
    if (ch === '\\') {
      start++;
      continue;
    }
    if (ch === '[') {
      const close = classEnd(p, start);
      if (close > 0) start = close;
      continue;
    }
    if (ch !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let i = start; i < p.length; i++) {
      const c = p[i];
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '[') {
        const close = classEnd(p, i);
        if (close > 0) i = close;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          if (commas.length === 0) break; // literal braces: look for a later group
          const bounds = [start, ...commas, i];
          const alternatives = bounds.slice(1).map((b, k) => p.slice(bounds[k] + 1, b));
          return { start, end: i, alternatives };
        }
      } else if (c === ',' && depth === 1) commas.push(i);
    }
  }
  return undefined;
}

/** Index of the `]` closing the class opened at `open`, or -1 when it is not a class. */
function classEnd(p: string, open: number): number {
  let i = open + 1;
  if (p[i] === '!' || p[i] === '^') i++;
  if (p[i] === ']') i++;
  for (; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === ']') return i;
    else if (p[i] === '/') return -1;
  }
  return -1;
}

function parsePath(pattern: string): Segment[] {
  const segments: Segment[] = [];
  let current = '';
  const flush = () => {
    if (current === '') return; // `a//b` and a trailing `/`
    if (current === '**') {
      if (!(segments.length > 0 && segments[segments.length - 1].globstar)) segments.push({ globstar: true });
    } else {
      const tokens = parseSegment(current);
      const literal = tokens.every((t) => t.t === CHAR) ? tokens.map((t) => (t as { c: string }).c).join('') : undefined;
      segments.push({ globstar: false, tokens, literal });
    }
    current = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) {
      current += ch + pattern[++i];
    } else if (ch === '[') {
      const close = classEnd(pattern, i);
      if (close > 0) {
        current += pattern.slice(i, close + 1);
        i = close;
      } else current += ch;
    } else if (ch === '/') flush();
    else current += ch;
  }
  flush();
  return segments;
}

function parseSegment(text: string): CharToken[] {
  const tokens: CharToken[] = [];
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '\\' && i + 1 < chars.length) tokens.push({ t: CHAR, c: chars[++i] });
    else if (ch === '*') {
      if (tokens.length === 0 || tokens[tokens.length - 1].t !== STAR) tokens.push({ t: STAR });
    } else if (ch === '?') tokens.push({ t: ANY });
    else if (ch === '[') {
      const parsed = parseClass(chars, i);
      if (parsed) {
        tokens.push(parsed.token);
        i = parsed.end;
      } else tokens.push({ t: CHAR, c: ch });
    } else tokens.push({ t: CHAR, c: ch });
  }
  return tokens;
}

function parseClass(chars: string[], open: number): { token: CharToken; end: number } | undefined {
  let i = open + 1;
  let negated = false;
  if (chars[i] === '!' || chars[i] === '^') {
    negated = true;
    i++;
  }
  const ranges: [number, number][] = [];
  let first = true;
  for (; i < chars.length; i++) {
    let ch = chars[i];
    if (ch === ']' && !first) return { token: { t: CLASS, negated, ranges }, end: i };
    first = false;
    if (ch === '\\' && i + 1 < chars.length) ch = chars[++i];
    const lo = ch.codePointAt(0)!;
    if (chars[i + 1] === '-' && i + 2 < chars.length && chars[i + 2] !== ']') {
      let hiCh = chars[i + 2];
      i += 2;
      if (hiCh === '\\' && i + 1 < chars.length) hiCh = chars[++i];
      const hi = hiCh.codePointAt(0)!;
      ranges.push(lo <= hi ? [lo, hi] : [hi, lo]);
    } else ranges.push([lo, lo]);
  }
  return undefined;
}

function tokenMatches(token: CharToken, ch: string): boolean {
  switch (token.t) {
    case ANY:
      return true;
    case CHAR:
      return token.c === ch;
    case CLASS: {
      const cp = ch.codePointAt(0)!;
      const inside = token.ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
      return inside !== token.negated;
    }
    default:
      return false;
  }
}

/** Whether one segment of a path matches a segment pattern (state-set simulation, no backtracking). */
function segmentMatches(segment: Segment & { globstar: false }, name: string, dot: boolean): boolean {
  if (segment.literal !== undefined) return segment.literal === name;
  if (name === '.' || name === '..') return false; // only a literal matches them
  const tokens = segment.tokens;
  const k = tokens.length;
  let states = new Uint8Array(k + 1);
  let next = new Uint8Array(k + 1);
  const close = (set: Uint8Array) => {
    for (let i = 0; i < k; i++) if (set[i] && tokens[i].t === STAR) set[i + 1] = 1;
  };
  states[0] = 1;
  close(states);
  let position = 0;
  for (const ch of name) {
    next.fill(0);
    const hiddenDot = !dot && position === 0 && ch === '.';
    let any = false;
    for (let i = 0; i < k; i++) {
      if (!states[i]) continue;
      const token = tokens[i];
      if (token.t === STAR) {
        if (!hiddenDot) {
          next[i] = 1;
          any = true;
        }
      } else if ((!hiddenDot || token.t === CHAR) && tokenMatches(token, ch)) {
        next[i + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    close(next);
    [states, next] = [next, states];
    position++;
  }
  return states[k] === 1;
}

/** Path-level states: which segments of an alternative have been consumed. */
export type GlobState = Uint8Array[];

function globstarTakes(name: string, dot: boolean): boolean {
  return name !== '.' && name !== '..' && (dot || !name.startsWith('.'));
}

function closeSegments(segments: Segment[], set: Uint8Array): void {
  for (let i = 0; i < segments.length; i++) if (set[i] && segments[i].globstar) set[i + 1] = 1;
}

/** The states before any segment of a path is read. */
export function startState(glob: CompiledGlob): GlobState {
  return glob.alternatives.map((segments) => {
    const set = new Uint8Array(segments.length + 1);
    set[0] = 1;
    closeSegments(segments, set);
    return set;
  });
}

/** The states after one more path segment. */
export function step(glob: CompiledGlob, state: GlobState, name: string): GlobState {
  return glob.alternatives.map((segments, a) => {
    const from = state[a];
    const to = new Uint8Array(segments.length + 1);
    for (let i = 0; i < segments.length; i++) {
      if (!from[i]) continue;
      const segment = segments[i];
      if (segment.globstar) {
        if (globstarTakes(name, glob.dot)) to[i] = 1;
      } else if (segmentMatches(segment, name, glob.dot)) to[i + 1] = 1;
    }
    closeSegments(segments, to);
    return to;
  });
}

/** Whether the path read so far matches the whole pattern (ignoring negation). */
export function accepts(glob: CompiledGlob, state: GlobState): boolean {
  return glob.alternatives.some((segments, a) => state[a][segments.length] === 1);
}

/** Whether a path that continues below the one read so far could still match (ignoring negation). */
export function canContinue(glob: CompiledGlob, state: GlobState): boolean {
  return glob.alternatives.some((segments, a) => {
    for (let i = 0; i < segments.length; i++) if (state[a][i]) return true;
    return false;
  });
}

/** Whether a `/`-separated relative path matches the pattern (negation applied). */
export function matchGlob(glob: CompiledGlob, path: string): boolean {
  let state = startState(glob);
  for (const name of path.split('/')) {
    if (name === '') continue;
    state = step(glob, state, name);
    if (!canContinue(glob, state) && !accepts(glob, state)) return glob.negated;
  }
  return accepts(glob, state) !== glob.negated;
}

/**
 * A matcher for a list of patterns: true when any of them matches (a negated pattern matches the
 * paths it does not match, as picomatch does). Throws {@link GlobError} naming the bad pattern.
 */
export function globMatcher(patterns: string[], options: { dot?: boolean; allowNegation?: boolean } = {}): (path: string) => boolean {
  const globs = patterns.map((p) => compileGlob(p, options));
  return (path) => globs.some((g) => matchGlob(g, path));
}

/** A pattern shortened for a one-line message. */
export function showPattern(pattern: string): string {
  return pattern.length > 60 ? `${pattern.slice(0, 40)}…(${pattern.length} characters)` : pattern;
}
