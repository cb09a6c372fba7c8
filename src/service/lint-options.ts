/**
 * The options of a lint run, as the library takes them (the command line builds the same), and
 * their check: unknown keys and malformed values are a UsageError, like an unknown flag.
 */
import { type SetupOptions } from '../config/setup.js';
import { UsageError, didYouMean } from '../config/errors.js';
import type { ParsePath } from '../load/index.js';
import { type BaselineOptions } from '../report/baseline.js';
import { checkShard, type ShardSpec } from '../files/shard.js';

export interface LintOptions extends SetupOptions, BaselineOptions {
  /** Paths, directories or globs; empty: the config's `files` (default every YAML file). */
  patterns?: string[];
  /**
   * Load the whole dataset (the config's `files`) but report only diagnostics located in the
   * given patterns' files, or whose related location is in one of them.
   */
  reportOnlyGiven?: boolean;
  /**
   * Content to lint in place of `filename` on disk (`--stdin`, editors). Bytes are decoded and
   * checked exactly like a file's (encoding, BOM, size limit); a string counts as decoded text.
   */
  stdin?: { text: string | Uint8Array; filename: string };
  /**
   * Worker threads for the per-file stage. Default: the number of cores for datasets over
   * 4 MB, inline below that. The report is the same for every value.
   */
  threads?: number;
  /**
   * Keep what this run learns for the next one (`--cache`): per-file results by content hash,
   * and cross-level findings by the hashes of the files involved. `location` defaults to
   * `.qingdan-lint-cache` in the working directory.
   */
  cache?: boolean | { location?: string };
  /** Internal: the parse path (`fast` by default; `exact` to check the fast one). */
  parser?: ParsePath;
  /**
   * Lint only the provinces of shard `index` (1-based) of `count` (`--shard i/n`): provinces are
   * read from each file's region header and spread over the shards by bytes, deterministically.
   * `mergeReports` of every shard's report equals the unsharded report.
   */
  shard?: ShardSpec;
  /**
   * Called as the run advances (the command line's progress line): after each file is read and
   * analyzed, and once when the cross-level stage starts. Errors it throws are ignored.
   */
  onProgress?: (progress: LintProgress) => void;
}

/** How far a run has got: files read of the total, their items, and the stage. */
export interface LintProgress {
  stage: 'files' | 'cross-level';
  files: number;
  total: number;
  items: number;
}

/**
 * Every key of {@link LintOptions}. The library rejects any other, as the command line rejects an
 * unknown flag (a misspelt option must not be ignored silently); `satisfies` keeps the list whole.
 */
export const LINT_OPTION_KEYS = {
  cwd: 1, config: 1, rules: 1, preset: 1, locale: 1, reference: 1, patterns: 1, reportOnlyGiven: 1, stdin: 1, threads: 1, cache: 1, parser: 1,
  suppressAll: 1, suppressRules: 1, suppressionsLocation: 1, pruneSuppressions: 1, passOnUnprunedSuppressions: 1,
  shard: 1, onProgress: 1,
} satisfies Record<keyof LintOptions, 1>;

/** Check a library caller's options: unknown keys and malformed values are a {@link UsageError}. */
export function checkLintOptions(options: object, allowed: readonly string[] = Object.keys(LINT_OPTION_KEYS)): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new UsageError('options: expected an object');
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new UsageError(`unknown option "${key}"${didYouMean(key, allowed)}`);
  }
  const o = options as LintOptions;
  if (o.patterns !== undefined && (!Array.isArray(o.patterns) || o.patterns.some((p) => typeof p !== 'string'))) throw new UsageError('option patterns: expected an array of paths or globs');
  if (o.threads !== undefined && !(Number.isInteger(o.threads) && o.threads >= 1)) throw new UsageError(`option threads: expected a whole number >= 1, got ${String(o.threads)}`);
  if (o.stdin !== undefined && (o.stdin === null || typeof o.stdin !== 'object' || typeof o.stdin.filename !== 'string' || !(typeof o.stdin.text === 'string' || o.stdin.text instanceof Uint8Array))) {
    throw new UsageError('option stdin: expected { text: string or bytes, filename: string }');
  }
  if (o.cache !== undefined && typeof o.cache !== 'boolean' && (o.cache === null || typeof o.cache !== 'object' || (o.cache.location !== undefined && typeof o.cache.location !== 'string'))) {
    throw new UsageError('option cache: expected true, false or { location: string }');
  }
  if (o.shard !== undefined) checkShard(o.shard);
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new UsageError('option onProgress: expected a function');
}

