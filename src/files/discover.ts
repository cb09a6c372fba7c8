/**
 * Which files to lint: paths, directories and globs from the command line, or the config's
 * `files` (default every `*.yaml`/`*.yml`), minus `node_modules`, `.git`, `.gitignore` and the
 * config's `ignores`. Returned sorted by display path, so every run sees the same order.
 */
import { existsSync, lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignoreModule from 'ignore';
import { UsageError } from '../config/errors.js';
import { CONFIG_NAMES } from '../config/load.js';
import { LocalizedUsageError } from '../report/i18n.js';
import { currentTrace, traceDir, type DiscoveryTrace } from './trace.js';
import { entryKind } from './listing.js';
import { GlobError, accepts, canContinue, compileGlob, showPattern, startState, step, type CompiledGlob, type GlobState } from './glob.js';

type IgnoreFactory = typeof ignoreModule;
const ignore = ((ignoreModule as unknown as { default?: IgnoreFactory }).default ?? ignoreModule) as IgnoreFactory;

export const DEFAULT_FILES = ['**/*.{yaml,yml}'];

export interface FoundFile {
  /** Absolute path. */
  abs: string;
  /** Relative to the working directory, `/` separators. */
  file: string;
}

export function displayPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return (rel === '' ? abs : rel).split(sep).join('/');
}

/** Whether a command-line argument is a glob rather than a path. */
function isGlob(p: string): boolean {
  return /[*?[{]/.test(p) || p.startsWith('!');
}

function gitignoreFilter(cwd: string, trace: DiscoveryTrace | undefined): (file: string) => boolean {
  const path = join(cwd, '.gitignore');
  trace?.paths.add(path);
  if (!existsSync(path)) return () => false;
  try {
    const ig = ignore().add(readFileSync(path, 'utf8'));
    return (file: string) => !file.startsWith('../') && !isAbsolute(file) && ig.ignores(file);
  } catch {
    return () => false;
  }
}

export interface DiscoverOptions {
  cwd: string;
  /** Command-line paths or globs; empty means the config's `files`. */
  patterns: string[];
  /** Config `files`, relative to `baseDir`. */
  files?: string[];
  ignores?: string[];
  baseDir: string;
}

/** Directories never entered. */
const NEVER_ENTERED = new Set(['node_modules', '.git']);
const YAML_NAME = /\.ya?ml$/i;

const DIRECTORY_REASONS: Record<string, [string, string]> = {
  EACCES: ['permission denied', '没有读取权限'],
  EPERM: ['permission denied', '没有读取权限'],
  ENAMETOOLONG: ['the path is too long for the system', '路径过长，系统无法读取'],
  ELOOP: ['symbolic link loop', '符号链接循环'],
  EIO: ['input/output error', '输入输出错误'],
  EMFILE: ['too many open files', '打开的文件过多'],
  ENFILE: ['too many open files', '打开的文件过多'],
};

/** A long path shortened for a one-line message (its start and its end). */
function shortPath(path: string): string {
  return path.length > 200 ? `${path.slice(0, 80)}…${path.slice(-100)} (${path.length} characters)` : path;
}

/** An entry discovery could not read: a directory (its files cannot be listed) or a path of unknown kind. */
interface Unreadable {
  kind: 'directory' | 'path';
  display: string;
  error: unknown;
}

/** The exit-2 error naming every entry discovery could not read (the first one's reason). */
function unreadableError(problems: Unreadable[]): UsageError {
  const { kind, display, error } = problems[0];
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  const [reason, reasonZh] = DIRECTORY_REASONS[code] ?? [code, code];
  if (problems.length > 1) {
    return new LocalizedUsageError('unreadableSeveral', { count: problems.length, paths: problems.map((p) => shortPath(p.display)), code, reason, reasonZh });
  }
  return new LocalizedUsageError(kind === 'directory' ? 'unreadableDir' : 'unreadablePath', { path: shortPath(display), code, reason, reasonZh });
}

function compile(patterns: string[], where: string, negationAllowed: boolean): CompiledGlob[] {
  return patterns.map((p, i) => {
    try {
      return compileGlob(p, { dot: false, allowNegation: negationAllowed });
    } catch (error) {
      if (error instanceof GlobError) throw new UsageError(`${where}[${i}] "${showPattern(p)}" ${error.message}`);
      throw error;
    }
  });
}

interface WalkSpec {
  /** Directory the patterns are relative to; the walk starts here. */
  base: string;
  include: CompiledGlob[];
  /** Ignores and negated `files` patterns: a matching file is skipped, a matching directory not entered. */
  exclude: CompiledGlob[];
  /** Directories not entered (`.gitignore`). */
  skipDir(abs: string): boolean;
  /** Display path of an absolute path (for error messages). */
  display(abs: string): string;
  /** Where an entry that cannot be read is recorded; the walk goes on with the others. */
  unreadable: Unreadable[];
  /** Where every directory looked into is recorded (see files/trace.ts). */
  trace?: DiscoveryTrace;
}

interface Pending {
  abs: string;
  /** Its real path, when known without asking the system (a real directory under a known one). */
  real?: string;
  include: GlobState[];
  exclude: GlobState[];
}

/**
 * Every entry under `spec.base` that the patterns match: regular files, plus entries named like
 * YAML files that are not readable files (a directory called `x.yaml`, a broken or looping
 * symbolic link), kept so the loader reports them instead of their silently vanishing.
 *
 * Symbolic links are followed, but a directory (by real path) is entered once per matching state: a directory
 * reached again (a link loop such as `loop -> .` or `a/b -> ../a`, or a second link to it) is not
 * walked again. Real directories are walked before linked ones, so a directory inside the tree
 * is found through its own path. Only the names the patterns can still match are looked at, and a
 * directory that cannot be read is an error (exit 2), never silently skipped.
 */
async function walk(spec: WalkSpec): Promise<string[]> {
  const out: string[] = [];
  const walked = new Set<string>();
  const stepAll = (globs: CompiledGlob[], states: GlobState[], name: string) => globs.map((g, i) => step(g, states[i], name));
  const includes = (states: GlobState[]) => spec.include.some((g, i) => !g.negated && accepts(g, states[i]));
  const mayInclude = (states: GlobState[]) => spec.include.some((g, i) => !g.negated && (accepts(g, states[i]) || canContinue(g, states[i])));
  const excludes = (include: GlobState[], exclude: GlobState[]) =>
    spec.exclude.some((g, i) => accepts(g, exclude[i])) || spec.include.some((g, i) => g.negated && accepts(g, include[i]));
  const key = (states: GlobState[][]) => states.map((s) => s.map((alt) => alt.join('')).join(',')).join(';');

  /** The names to look at in a directory: only literal ones when every live pattern state is literal. */
  const literalNames = (states: GlobState[]): string[] | undefined => {
    const names = new Set<string>();
    for (let g = 0; g < spec.include.length; g++) {
      const glob = spec.include[g];
      if (glob.negated) continue;
      const next = literalSegments(glob, states[g]);
      if (next === undefined) return undefined;
      for (const n of next) names.add(n);
    }
    return [...names].sort(compareNames);
  };

  const roots: Pending[] = [{ abs: spec.base, include: spec.include.map((g) => startState(g)), exclude: spec.exclude.map((g) => startState(g)) }];
  let linked: (Pending & { display: string })[] = [];
  const stack: Pending[] = roots;
  while (stack.length > 0 || linked.length > 0) {
    if (stack.length === 0) {
      // Real directories first, then the linked ones, shortest path first (and sorted, for a
      // deterministic result).
      const depth = (p: string) => p.split('/').length;
      linked.sort((a, b) => depth(a.display) - depth(b.display) || compareNames(a.display, b.display));
      stack.push(...linked.reverse());
      linked = [];
    }
    const dir = stack.pop()!;
    // Directories are told apart by real path: the walk root's and each linked one's are asked
    // for once; a real subdirectory's is its parent's joined with its name.
    if (dir.real === undefined) {
      try {
        dir.real = realpathSync(dir.abs);
      } catch (error) {
        if (spec.trace) spec.trace.incomplete = true;
        if (isGone(error)) continue;
        spec.unreadable.push({ kind: 'directory', display: spec.display(dir.abs), error });
        continue;
      }
    }
    const visitKey = `${dir.real}|${key([dir.include, dir.exclude])}`;
    if (walked.has(visitKey)) continue;
    walked.add(visitKey);

    const literal = literalNames(dir.include);
    let entries: { name: string; kind?: 'file' | 'dir' | 'link' | 'other' }[];
    if (literal) {
      entries = literal.map((name) => ({ name }));
      if (spec.trace) traceDir(spec.trace, dir.abs);
    } else {
      try {
        const dirents = readdirSync(dir.abs, { withFileTypes: true });
        if (spec.trace) traceDir(spec.trace, dir.abs, dirents.map((d) => [d.name, entryKind(d)]));
        entries = dirents
          .map((d) => ({ name: d.name, kind: d.isFile() ? ('file' as const) : d.isDirectory() ? ('dir' as const) : d.isSymbolicLink() ? ('link' as const) : undefined }))
          .sort((a, b) => compareNames(a.name, b.name));
      } catch (error) {
        if (spec.trace) spec.trace.incomplete = true;
        if (isGone(error)) continue;
        spec.unreadable.push({ kind: 'directory', display: spec.display(dir.abs), error });
        continue;
      }
    }
    const subdirs: Pending[] = [];
    for (const entry of entries) {
      const include = stepAll(spec.include, dir.include, entry.name);
      if (!mayInclude(include)) continue;
      const exclude = stepAll(spec.exclude, dir.exclude, entry.name);
      if (excludes(include, exclude)) continue;
      const abs = join(dir.abs, entry.name);
      let kind = entry.kind;
      let isLink = kind === 'link';
      if (kind === undefined || kind === 'link') {
        try {
          const l = lstatSync(abs);
          isLink = l.isSymbolicLink();
          const s = isLink ? statSync(abs) : l;
          kind = s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
        } catch (error) {
          if (literal && isGone(error) && !isLink) continue; // a literal name that is not there
          // A broken or looping link, or a name the system refuses (too long): the loader reports
          // one named like a YAML file; any other might be a directory we cannot look into.
          if (YAML_NAME.test(entry.name) && includes(include)) {
            out.push(abs);
            continue;
          }
          // A broken or looping link holds no files.
          if (isGone(error) || (error as NodeJS.ErrnoException).code === 'ELOOP') continue;
          spec.unreadable.push({ kind: 'path', display: spec.display(abs), error });
          continue;
        }
      }
      if (kind === 'dir') {
        if (includes(include) && YAML_NAME.test(entry.name)) out.push(abs);
        if (NEVER_ENTERED.has(entry.name) || spec.skipDir(abs)) continue;
        if (!spec.include.some((g, i) => !g.negated && canContinue(g, include[i]))) continue;
        if (isLink) linked.push({ abs, include, exclude, display: spec.display(abs) });
        else subdirs.push({ abs, real: join(dir.real, entry.name), include, exclude });
      } else if (includes(include) && (kind === 'file' || YAML_NAME.test(entry.name))) {
        out.push(abs);
      }
    }
    stack.push(...subdirs.reverse());
  }
  return out;
}

/** The literal names a pattern state can take next, or undefined when a wildcard is live. */
function literalSegments(glob: CompiledGlob, state: GlobState): string[] | undefined {
  const names: string[] = [];
  for (let a = 0; a < glob.alternatives.length; a++) {
    const segments = glob.alternatives[a];
    for (let i = 0; i < segments.length; i++) {
      if (!state[a][i]) continue;
      const segment = segments[i];
      if (segment.globstar || segment.literal === undefined) return undefined;
      names.push(segment.literal);
    }
  }
  return names;
}

function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The files to lint. Throws {@link UsageError} when a given pattern matches nothing or a directory cannot be read. */
export async function discoverFiles(options: DiscoverOptions): Promise<FoundFile[]> {
  const { cwd, baseDir } = options;
  const ignores = compile(options.ignores ?? [], 'ignores', false);
  const found = new Map<string, FoundFile>();
  const trace = currentTrace();
  const gitignored = gitignoreFilter(cwd, trace);
  const display = (abs: string) => displayPath(cwd, abs);
  /**
   * Add a file. A file named on the command line is always taken; others skip the config file and,
   * unless `keepIgnored` (a directory named on the command line that .gitignore lists), ignored files.
   */
  const add = (abs: string, named: boolean, keepIgnored = false): boolean => {
    const file = displayPath(cwd, abs);
    if (!named) {
      if (CONFIG_NAMES.some((n) => abs.endsWith('/' + n) || abs.endsWith(sep + n))) return false;
      if (!keepIgnored && gitignored(file)) return false;
    }
    if (!found.has(abs)) found.set(abs, { abs, file });
    return true;
  };
  const skipGitignored = (keep: boolean) => (abs: string) => !keep && gitignored(displayPath(cwd, abs) + '/');
  // Every entry that cannot be read is collected, then reported together (exit 2): a run that
  // could not check every file never looks clean.
  const unreadable: Unreadable[] = [];
  const walkIn = (base: string, include: CompiledGlob[], keepIgnored: boolean) => walk({ base, include, exclude: ignores, skipDir: skipGitignored(keepIgnored), display, unreadable, trace });
  if (options.patterns.length === 0) {
    const include = compile(options.files ?? DEFAULT_FILES, 'files', true);
    for (const abs of await walkIn(baseDir, include, false)) add(abs, false);
    if (unreadable.length > 0) throw unreadableError(unreadable);
    return sorted(found);
  }
  for (const pattern of options.patterns) {
    const abs = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
    let matched = 0;
    let stat;
    let statError: unknown;
    try {
      stat = statSync(abs);
    } catch (error) {
      stat = undefined;
      statError = error;
    }
    // A directory given is traced by its walk; a file or nothing there by its state.
    if (!stat?.isDirectory()) trace?.paths.add(abs);
    if (stat?.isFile()) {
      if (add(abs, true)) matched++;
    } else if (stat?.isDirectory()) {
      // A directory named on the command line is linted even when .gitignore lists it.
      const keepIgnored = gitignored(displayPath(cwd, abs)) || gitignored(displayPath(cwd, abs) + '/');
      for (const f of await walkIn(abs, compile(DEFAULT_FILES, 'files', false), keepIgnored)) if (add(f, false, keepIgnored)) matched++;
    } else if (stat === undefined && !isGone(statError) && !isGlob(pattern)) {
      // The system refuses the path (too long, permission, loop): the loader reports a YAML file;
      // anything else cannot be checked.
      if (YAML_NAME.test(pattern)) {
        if (add(abs, true)) matched++;
      } else unreadable.push({ kind: 'path', display: pattern, error: statError });
    } else if (isGlob(pattern)) {
      const relative = globRelativeTo(cwd, pattern);
      for (const f of await walkIn(cwd, compile([relative], 'pattern', false), false)) if (add(f, false)) matched++;
    }
    if (unreadable.length > 0) continue; // reported below, with the reason nothing matched
    if (matched === 0) {
      throw new LocalizedUsageError(stat?.isDirectory() ? 'noYamlIn' : 'noMatch', { pattern });
    }
  }
  if (unreadable.length > 0) throw unreadableError(unreadable);
  return sorted(found);
}

/** A command-line glob relative to `cwd` (an absolute one's fixed leading directories made relative). */
function globRelativeTo(cwd: string, pattern: string): string {
  const posix = pattern.split(sep).join('/');
  if (!isAbsolute(pattern)) return posix;
  const parts = posix.split('/');
  let fixed = 0;
  while (fixed < parts.length - 1 && !isGlob(parts[fixed])) fixed++;
  const prefix = relative(cwd, parts.slice(0, fixed).join('/') || '/').split(sep).join('/');
  return [prefix, ...parts.slice(fixed)].filter((p) => p !== '').join('/');
}

function sorted(found: Map<string, FoundFile>): FoundFile[] {
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
