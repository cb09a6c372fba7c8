/**
 * What file discovery looked at, for the command line's replay of its last output
 * (cli/fast-replay.ts): the directories whose entries it listed or probed, and the files whose
 * presence or content decided what it found (`.gitignore`, the paths given). Any change there
 * could change the files a run finds.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { entriesOf, type Entry } from './listing.js';

export interface DiscoveryTrace {
  /** Directories looked into (absolute paths), with their entries as discovery saw them. */
  dirs: Map<string, Entry[]>;
  /** A directory whose entries could not be listed: the trace is not whole. */
  incomplete?: boolean;
  /** Files whose presence or content mattered (absolute paths). */
  paths: Set<string>;
}

const traces = new AsyncLocalStorage<DiscoveryTrace>();

/** Run `fn`, recording into `trace` what every discovery it makes looks at. */
export function traceDiscovery<T>(trace: DiscoveryTrace, fn: () => Promise<T>): Promise<T> {
  return traces.run(trace, fn);
}

/** The trace of the discovery running now, if any. */
export function currentTrace(): DiscoveryTrace | undefined {
  return traces.getStore();
}

/** Record a directory discovery looked into: its entries as listed, or (names probed one by one) listed now. */
export function traceDir(trace: DiscoveryTrace, dir: string, entries?: Entry[]): void {
  if (trace.dirs.has(dir)) return;
  try {
    trace.dirs.set(dir, entries ?? entriesOf(dir));
  } catch {
    trace.incomplete = true;
  }
}
