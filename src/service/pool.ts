/**
 * Running the per-file stage: inline, or in a pool of worker threads for large datasets. Files
 * go out in small batches in path order and come back as records, placed by index, so the
 * result is identical whatever the number of threads.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SetupOptions } from '../config/setup.js';
import type { ParsePath } from '../load/index.js';
import { loadInput, type FileInput } from '../load/read.js';
import { analyzeFile, type AnalyzeOptions, type FileRecord } from '../engine/analyze.js';
import { RunFailure } from '../config/errors.js';

/**
 * Below this many bytes a dataset is analyzed inline unless threads are asked for explicitly.
 * Measured on 2 cores (bench/RESULTS.md): each worker costs its start-up and module loading
 * (~0.1–0.2 s of CPU) and two busy threads give about 1.4× one, so threads pay for themselves
 * only from a few tens of MB (about 20,000 items); the ~15k-item dataset (22 MB) is faster inline.
 */
export const INLINE_BELOW_BYTES = 32 * 1024 * 1024;
const BATCH = 4;

/** Let the event loop turn (messages from workers, an editor's requests, a progress line). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface AnalyzeRequest {
  id: number;
  inputs: FileInput[];
}

/** A file whose content hash matched the cache: the cached record is used instead. */
export interface Unchanged {
  file: string;
  hash: string;
  unchanged: true;
}

/** Load, analyze and let go of one input. */
export async function analyzeInput(input: FileInput, parser: ParsePath, options: AnalyzeOptions, hash = false): Promise<FileRecord | Unchanged> {
  const { loaded, hash: h } = await loadInput(input, parser, hash);
  if (!loaded) return { file: input.file, hash: h, unchanged: true };
  const record = analyzeFile(loaded, options);
  record.hash = h;
  loaded.release();
  return record;
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/** The worker script beside the bundle (dist/worker.js or .cjs); undefined when running from source. */
function workerScript(): string | undefined {
  const candidates = [new URL('./worker.js', import.meta.url), new URL('./worker.cjs', import.meta.url), new URL('../../dist/worker.js', import.meta.url)];
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return path;
  }
  return undefined;
}

export interface AnalyzeAllOptions {
  parser: ParsePath;
  /** Worker threads; 1 (or no built worker script) means inline. */
  threads: number;
  /** The setup the workers repeat (must be plain data). */
  setup: SetupOptions;
  analyze: AnalyzeOptions;
  /** Compute content hashes (for the cache). */
  hash?: boolean;
  /** Called once per input as its record comes back (in completion order), e.g. for progress. */
  onRecord?: (record: FileRecord | Unchanged) => void;
}

export async function analyzeAll(inputs: FileInput[], options: AnalyzeAllOptions): Promise<(FileRecord | Unchanged)[]> {
  const script = options.threads > 1 ? workerScript() : undefined;
  if (!script || inputs.length < 2) {
    const out: (FileRecord | Unchanged)[] = [];
    let turned = performance.now();
    for (const input of inputs) {
      const record = await analyzeInput(input, options.parser, options.analyze, options.hash);
      out.push(record);
      options.onRecord?.(record);
      // Files are read synchronously: let the event loop turn now and then (an editor's server
      // answers requests meanwhile; a progress line is drawn).
      if (performance.now() - turned > 50) {
        await turn();
        turned = performance.now();
      }
    }
    return out;
  }
  const threads = Math.min(options.threads, Math.ceil(inputs.length / BATCH));
  const results = new Array<FileRecord | Unchanged | undefined>(inputs.length);
  let next = 0;
  /**
   * Failures by the index of the batch they happened in. Once one is known no new batch is sent;
   * the batches already out finish, and the failure of the earliest file wins — the one a run
   * without threads meets first — so the error, like the report, does not depend on threads.
   */
  const failures = new Map<number, Error>();
  /**
   * The next batch (its first index and length), or undefined when there is none (or a failure
   * stops the run). Batches shrink towards the end (a share of what is left, down to one file), so
   * no thread is left finishing a batch of large files while the others wait.
   */
  const claim = (): { at: number; count: number } | undefined => {
    if (next >= inputs.length || failures.size) return undefined;
    const at = next;
    const count = Math.max(1, Math.min(BATCH, Math.floor((inputs.length - at) / (threads * 2))));
    next += count;
    return { at, count };
  };
  // The main thread is one of the `threads`: it analyzes batches itself between the workers'
  // messages (one worker start-up less, and no record to send back for its share). Each worker
  // holds up to two batches, so it never waits while the main thread is busy with one.
  const workers = Array.from({ length: threads - 1 }, () => new Worker(script, { workerData: { setup: options.setup, parser: options.parser, hash: !!options.hash } }));
  const mainThread = async () => {
    for (let batch = claim(); batch !== undefined; batch = claim()) {
      const { at, count } = batch;
      try {
        for (let i = at; i < at + count; i++) {
          const record = await analyzeInput(inputs[i], options.parser, options.analyze, options.hash);
          results[i] = record;
          options.onRecord?.(record);
        }
      } catch (error) {
        // Worded as a worker's failure is, so the error does not depend on which thread met it.
        failures.set(at, new RunFailure((error as Error)?.message ?? String(error), { cause: error }));
      }
      await turn();
    }
  };
  try {
    // The workers take their first batches before the main thread takes one.
    await Promise.all([
      ...workers.map(
        (worker, n) =>
          new Promise<void>((resolve) => {
            /** The batches this worker holds, oldest first. */
            const held: number[] = [];
            let done = false;
            const finish = () => {
              if (!done) {
                done = true;
                resolve();
              }
            };
            const send = () => {
              while (held.length < 2) {
                const batch = claim();
                if (batch === undefined) break;
                held.push(batch.at);
                worker.postMessage({ id: batch.at, inputs: inputs.slice(batch.at, batch.at + batch.count) } satisfies AnalyzeRequest);
              }
              if (held.length === 0) finish();
            };
            const fail = (error: Error) => {
              failures.set(held[0] ?? inputs.length, error);
              held.length = 0;
              finish();
            };
            worker.on('message', (m: { id: number; records?: (FileRecord | Unchanged)[]; error?: string; stack?: string }) => {
              if (m.error !== undefined) {
                const cause = Object.assign(new Error(m.error), { stack: m.stack });
                failures.set(m.id, new RunFailure(m.error, { cause }));
                held.splice(held.indexOf(m.id), 1);
                if (held.length === 0) finish();
                return;
              }
              m.records!.forEach((r, i) => {
                results[m.id + i] = r;
                options.onRecord?.(r);
              });
              held.splice(held.indexOf(m.id), 1);
              send();
            });
            worker.on('error', (e) => fail(new RunFailure(`worker thread ${n + 1} failed: ${e.message.split('\n')[0]}`, { cause: e })));
            worker.on('messageerror', (e) => fail(new RunFailure(`worker thread ${n + 1} sent a message that could not be read: ${e.message}`, { cause: e })));
            // A worker that ends while it holds a batch (killed, out of memory, process.exit in a
            // plugin) would otherwise leave its files silently unchecked.
            worker.on('exit', (code) => {
              if (held.length) fail(new RunFailure(`worker thread ${n + 1} exited (code ${code}) before finishing ${inputs[held[0]].file}`));
            });
            send();
          }),
      ),
      mainThread(),
    ]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failures.size) throw failures.get(Math.min(...failures.keys()))!;
  // Every input must have its record: a hole would be a file reported clean without being read.
  for (let i = 0; i < results.length; i++) {
    if (results[i] === undefined) throw new RunFailure(`no result for ${inputs[i].file}: the worker threads stopped before finishing`);
  }
  return results as (FileRecord | Unchanged)[];
}

