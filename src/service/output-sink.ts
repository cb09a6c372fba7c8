/**
 * The command line keeps its output of a run in the cache, for the next identical command
 * (cli/fast-replay.ts). The output is known only once the report is printed, after the run: a run
 * made inside {@link keepOutput} leaves its cache write to the command line, which makes it with
 * the output ({@link OutputSink.commit}) — one write, not two.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { StoredOutput } from './cache-head.js';

export class OutputSink {
  /** The run's files (absolute paths), when its result can be replayed. */
  files?: string[];
  private write?: (output: StoredOutput | undefined) => void;

  /** Called by the run: how to write the cache (and let it go) once the output is known. */
  defer(files: string[], write: (output: StoredOutput | undefined) => void): void {
    this.files = files;
    this.write = write;
  }

  /** Whether the run left its cache write here. */
  get pending(): boolean {
    return this.write !== undefined;
  }

  /** Write the cache, keeping `output` when given (once; later calls do nothing). */
  commit(output?: StoredOutput): void {
    const write = this.write;
    this.write = undefined;
    write?.(output);
  }
}

const sinks = new AsyncLocalStorage<OutputSink>();

/** Run `fn` (a lint) so that its cache write waits for the command line's output. */
export function keepOutput<T>(sink: OutputSink, fn: () => Promise<T>): Promise<T> {
  return sinks.run(sink, fn);
}

export function currentSink(): OutputSink | undefined {
  return sinks.getStore();
}
