/**
 * A directory's entries as discovery saw them, written as one string: what the command line's
 * replay of its last output compares (cli/fast-replay.ts). Only Node's own modules here.
 */
import { readdirSync } from 'node:fs';

/** A directory entry as discovery saw it: its name and kind (f file, d directory, l link, o other). */
export type Entry = [string, string];

export function entryKind(d: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): string {
  return d.isFile() ? 'f' : d.isDirectory() ? 'd' : d.isSymbolicLink() ? 'l' : 'o';
}

/**
 * A directory's entries as one string, leaving out the cache file (`skip`) and the temporary
 * files of atomic writes, which the cache's own writes add and remove.
 */
export function listing(entries: readonly Entry[], skip: string): string {
  return entries
    .filter(([name]) => name !== skip && !(name.startsWith('.') && name.endsWith('.qingdan-lint.tmp')))
    .map(([name, kind]) => `${name}\u0000${kind}`)
    .sort()
    .join('\n');
}

/** A directory's entries now. */
export function entriesOf(dir: string): Entry[] {
  return readdirSync(dir, { withFileTypes: true }).map((d) => [d.name, entryKind(d)]);
}
