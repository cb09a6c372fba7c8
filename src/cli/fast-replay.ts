/**
 * The command line's last output, replayed before the linter is loaded: when the same command
 * (arguments, directory, colour settings, neither output a terminal) ran with `--cache` and every
 * path its output depended on is as it was then (each file of the dataset by size and time, each
 * directory discovery looked into by its entries' names and kinds, the config file and the places
 * one could appear, `.gitignore`, the suppressions file, the linter's own code), its output and
 * exit code are this run's. This is the warm run of a CI job with nothing changed: it costs
 * Node's start-up and a few stats. Anything else takes the normal path, which replays the last
 * result from the same cache (service/cache.ts) or checks what changed.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { deserialize } from 'node:v8';
import { DEFAULT_CACHE_LOCATION, isSpan, outputKey, pathsUnchanged, readExactly, readHead, type OutputRef } from '../service/cache-head.js';

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
export function replayedOutput(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv, stdoutIsTTY: boolean, stderrIsTTY: boolean): { stdout: string; stderr: string; code: number } | undefined {
  if (stdoutIsTTY || stderrIsTTY) return undefined;
  const location = cacheLocation(argv);
  if (location === undefined || location === '') return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(resolve(cwd, location), 'r');
    const read = readHead(fd, fstatSync(fd).size);
    if (!read || !Array.isArray(read.head.outputs)) return undefined;
    const key = outputKey(argv, cwd, env, stdoutIsTTY, stderrIsTTY);
    const ref = (read.head.outputs as OutputRef[]).find((o) => o && o.key === key);
    if (!ref || !Array.isArray(ref.paths) || !Number.isInteger(ref.code) || !isSpan(ref.text)) return undefined;
    if (!pathsUnchanged(ref.paths, basename(location))) return undefined;
    const text = deserialize(readExactly(fd, read.bodyAt + ref.text[0], ref.text[1])) as { stdout?: unknown; stderr?: unknown };
    if (typeof text?.stdout !== 'string' || typeof text.stderr !== 'string') return undefined;
    return { code: ref.code, stdout: text.stdout, stderr: text.stderr };
  } catch {
    return undefined; // no cache, or not one of ours: the normal path
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
