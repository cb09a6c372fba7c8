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
import { analyzeFile, type AnalyzeOptions, type FileRecord } from './analyze.js';

/** Below this many bytes a dataset is analyzed inline unless threads are asked for explicitly. */
export const INLINE_BELOW_BYTES = 4 * 1024 * 1024;
const BATCH = 4;

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
}

export async function analyzeAll(inputs: FileInput[], options: AnalyzeAllOptions): Promise<(FileRecord | Unchanged)[]> {
  const script = options.threads > 1 ? workerScript() : undefined;
  if (!script || inputs.length < 2) {
    const out: (FileRecord | Unchanged)[] = [];
    for (const input of inputs) out.push(await analyzeInput(input, options.parser, options.analyze, options.hash));
    return out;
  }
  const threads = Math.min(options.threads, Math.ceil(inputs.length / BATCH));
  const results = new Array<FileRecord | Unchanged>(inputs.length);
  let next = 0;
  let failure: Error | undefined;
  const workers = Array.from({ length: threads }, () => new Worker(script, { workerData: { setup: options.setup, parser: options.parser, hash: !!options.hash } }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= inputs.length || failure) {
                resolve();
                return;
              }
              const id = next;
              next += BATCH;
              worker.postMessage({ id, inputs: inputs.slice(id, id + BATCH) } satisfies AnalyzeRequest);
            };
            worker.on('message', (m: { id: number; records?: (FileRecord | Unchanged)[]; error?: string }) => {
              if (m.error !== undefined) {
                failure = new Error(m.error);
                reject(failure);
                return;
              }
              m.records!.forEach((r, i) => (results[m.id + i] = r));
              send();
            });
            worker.on('error', (e) => reject((failure = e)));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
