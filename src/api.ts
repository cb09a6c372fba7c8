/**
 * The library's entry points: `lint` (what the command line does, without printing) and
 * `lintDocuments` (in memory, for editors and other tools).
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { discoverFiles, displayPath } from './files/discover.js';
import { failed, loadBytes, loadText, type LoadedFile, type ParsePath } from './load/index.js';
import { runPipeline } from './engine/run.js';
import { setup, type SetupOptions, type RunSetup } from './config/setup.js';
import type { Report } from './types.js';
import { filterToGiven } from './engine/given.js';

export interface LintOptions extends SetupOptions {
  /** Paths, directories or globs; empty: the config's `files` (default every YAML file). */
  patterns?: string[];
  /**
   * Load the whole dataset (the config's `files`) but report only diagnostics located in the
   * given patterns' files, or whose related location is in one of them.
   */
  reportOnlyGiven?: boolean;
  /** Text to lint instead of reading `stdinFilename` from disk (editors, `--stdin`). */
  stdin?: { text: string; filename: string };
  /** Internal: the parse path (`fast` by default; `exact` to check the fast one). */
  parser?: ParsePath;
}

/** Read one file, turning every read error into a diagnostic instead of an exception. */
export async function readLoaded(abs: string, file: string, parser: ParsePath): Promise<LoadedFile> {
  try {
    const s = await stat(abs);
    if (s.isDirectory()) return failed(file, { messageId: 'unreadable', data: { reason: 'is a directory / 是目录', code: 'EISDIR' }, line: 1 });
    const bytes = await readFile(abs);
    return loadBytes(file, bytes, parser);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    const reasons: Record<string, string> = { ENOENT: 'file disappeared / 文件已不存在', EACCES: 'permission denied / 没有读取权限', EPERM: 'permission denied / 没有读取权限', ELOOP: 'symbolic link loop / 符号链接循环', EISDIR: 'is a directory / 是目录' };
    return failed(file, { messageId: 'unreadable', data: { reason: reasons[code] ?? code, code }, line: 1 });
  }
}

function runWith(s: RunSetup, loaded: LoadedFile[]): Report {
  return runPipeline(loaded, { rules: s.rules, rulesFor: (f) => s.resolver.for(f), locale: s.locale, reference: s.reference });
}

export interface Collected {
  setup: RunSetup;
  loaded: LoadedFile[];
  /** Absolute path of each loaded file that is on disk. */
  absPaths: Map<string, string>;
  /** With `reportOnlyGiven` or `stdin`: the files whose diagnostics are reported. */
  given?: Set<string>;
}

/** Find and load the files of a run (the first half of `lint`). */
export async function collect(options: LintOptions = {}, prepared?: RunSetup): Promise<Collected> {
  const s = prepared ?? (await setup(options));
  const parser = options.parser ?? 'fast';
  const patterns = options.patterns ?? [];
  const config = s.loaded.config;
  const stdinFile = options.stdin ? displayPath(s.cwd, resolve(s.cwd, options.stdin.filename)) : undefined;
  let given: Set<string> | undefined;
  let found;
  if (options.reportOnlyGiven || options.stdin) {
    // Load the whole dataset so cross-level checks see every level; report only the given files.
    const dataset = await discoverFiles({ cwd: s.cwd, patterns: [], files: config.files, ignores: config.ignores, baseDir: s.loaded.baseDir });
    const explicit = patterns.length ? await discoverFiles({ cwd: s.cwd, patterns, ignores: config.ignores, baseDir: s.loaded.baseDir }) : [];
    given = new Set(explicit.map((f) => f.file));
    if (stdinFile) given.add(stdinFile);
    const all = new Map(dataset.map((f) => [f.file, f]));
    for (const f of explicit) all.set(f.file, f);
    found = [...all.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  } else {
    found = await discoverFiles({ cwd: s.cwd, patterns, files: config.files, ignores: config.ignores, baseDir: s.loaded.baseDir });
  }
  const onDisk = found.filter((f) => f.file !== stdinFile);
  const loaded = await Promise.all(onDisk.map((f) => readLoaded(f.abs, f.file, parser)));
  if (options.stdin && stdinFile) {
    loaded.push(loadText(stdinFile, options.stdin.text, false, parser));
    loaded.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }
  return { setup: s, loaded, absPaths: new Map(onDisk.map((f) => [f.file, f.abs])), given };
}

/** Run the rules over collected files and build the report (the second half of `lint`). */
export function reportOf(c: Collected): Report {
  const report = runWith(c.setup, c.loaded);
  return c.given ? filterToGiven(report, c.given) : report;
}

/** Lint files on disk, as the command line does. */
export async function lint(options: LintOptions = {}, prepared?: RunSetup): Promise<Report> {
  return reportOf(await collect(options, prepared));
}

/** Lint documents held in memory: `path` is used for display, config overrides and ordering. */
export async function lintDocuments(docs: { path: string; text: string }[], options: Omit<LintOptions, 'patterns' | 'stdin' | 'reportOnlyGiven'> = {}): Promise<Report> {
  const s = await setup(options);
  const parser = options.parser ?? 'fast';
  const loaded = docs
    .map((d) => loadText(d.path.split('\\').join('/'), d.text, false, parser))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return runWith(s, loaded);
}
