/**
 * The command line's last output, replayed before the linter is loaded: when the same command
 * (arguments, directory, colour settings, neither output a terminal) ran with `--cache` and every
 * path its output depended on is as it was then (each file of the dataset by size and time, each
 * directory discovery listed, the config file and the places one could appear, `.gitignore`, the
 * suppressions file, the linter's own code), its output and exit code are this run's. This is
 * the warm run of a CI job or an editor's save with nothing changed: it costs Node's start-up
 * and a few stats. Anything else takes the normal path, which replays the last result from the
 * same cache (service/cache.ts) or checks what changed. Git's untracked cache trusts directory
 * times the same way.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { DEFAULT_CACHE_LOCATION, outputKey, pathsUnchanged, readHead, type StoredOutput } from '../service/cache-head.js';
import { VERSION } from '../version.js';

/** The cache file a command line names (`--cache`, `--cache-location`), or undefined without a cache. */
function cacheLocation(argv: readonly string[]): string | undefined {
  let location: string | undefined;
  let cache = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a === '--cache') cache = true;
    else if (a === '--cache-location') location = argv[++i];
    else if (a.startsWith('--cache-location=')) location = a.slice('--cache-location='.length);
  }
  if (!cache && location === undefined) return undefined;
  return location ?? DEFAULT_CACHE_LOCATION;
}

/** The stored output of this very command, when it still holds; undefined otherwise. */
export function replayedOutput(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv, stdoutIsTTY: boolean, stderrIsTTY: boolean): StoredOutput | undefined {
  if (stdoutIsTTY || stderrIsTTY) return undefined;
  const location = cacheLocation(argv);
  if (location === undefined || location === '') return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(resolve(cwd, location), 'r');
    const read = readHead(fd, fstatSync(fd).size);
    if (!read || read.head.tool !== VERSION || !Array.isArray(read.head.outputs)) return undefined;
    const key = outputKey(argv, cwd, env, stdoutIsTTY, stderrIsTTY);
    const stored = (read.head.outputs as StoredOutput[]).find((o) => o && o.key === key);
    if (!stored || !Array.isArray(stored.paths) || typeof stored.stdout !== 'string' || typeof stored.stderr !== 'string' || !Number.isInteger(stored.code)) return undefined;
    return pathsUnchanged(stored.paths, basename(location)) ? stored : undefined;
  } catch {
    return undefined; // no cache, or not one of ours: the normal path
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
