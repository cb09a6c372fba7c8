/**
 * Which files to lint: paths, directories and globs from the command line, or the config's
 * `files` (default every `*.yaml`/`*.yml`), minus `node_modules`, `.git`, `.gitignore` and the
 * config's `ignores`. Returned sorted by display path, so every run sees the same order.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import ignoreModule from 'ignore';
import { UsageError } from '../config/errors.js';
import { CONFIG_NAMES } from '../config/load.js';

type IgnoreFactory = typeof ignoreModule;
const ignore = ((ignoreModule as unknown as { default?: IgnoreFactory }).default ?? ignoreModule) as IgnoreFactory;

export const DEFAULT_FILES = ['**/*.{yaml,yml}'];
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

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

function isGlob(p: string): boolean {
  return fg.isDynamicPattern(p.split(sep).join('/'));
}

function gitignoreFilter(cwd: string): (file: string) => boolean {
  const path = join(cwd, '.gitignore');
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

/**
 * Files matching the patterns, plus entries named like YAML files that are not readable files (a
 * directory called `x.yaml`, a broken or looping symbolic link): those are kept so the loader
 * reports them instead of their silently vanishing from the run.
 */
async function globIn(base: string, patterns: string[], ignores: string[]): Promise<string[]> {
  const entries = await fg(patterns, { cwd: base, absolute: true, onlyFiles: false, objectMode: true, dot: false, ignore: [...ALWAYS_IGNORED, ...ignores], suppressErrors: true, followSymbolicLinks: true });
  return entries.filter((e) => e.dirent.isFile() || /\.ya?ml$/i.test(e.name)).map((e) => e.path);
}

/** The files to lint. Throws {@link UsageError} when a given pattern matches nothing. */
export async function discoverFiles(options: DiscoverOptions): Promise<FoundFile[]> {
  const { cwd, baseDir } = options;
  const ignores = options.ignores ?? [];
  const found = new Map<string, FoundFile>();
  const gitignored = gitignoreFilter(cwd);
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
  if (options.patterns.length === 0) {
    for (const abs of await globIn(baseDir, options.files ?? DEFAULT_FILES, ignores)) add(abs, false);
    return sorted(found);
  }
  for (const pattern of options.patterns) {
    const abs = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
    let matched = 0;
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      if (add(abs, true)) matched++;
    } else if (stat?.isDirectory()) {
      // A directory named on the command line is linted even when .gitignore lists it.
      const keepIgnored = gitignored(displayPath(cwd, abs)) || gitignored(displayPath(cwd, abs) + '/');
      for (const f of await globIn(abs, DEFAULT_FILES, ignores)) if (add(f, false, keepIgnored)) matched++;
    } else if (isGlob(pattern)) {
      for (const f of await globIn(cwd, [pattern.split(sep).join('/')], ignores)) if (add(f, false)) matched++;
    }
    if (matched === 0) {
      throw new UsageError(stat?.isDirectory() ? `no YAML files found in "${pattern}"` : `no files matched "${pattern}"`);
    }
  }
  return sorted(found);
}

function sorted(found: Map<string, FoundFile>): FoundFile[] {
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
