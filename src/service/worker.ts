/**
 * A worker thread of the pool: sets up the same rules and configuration as the main thread, then
 * analyzes the files it is sent and answers with their compact records.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setup, type SetupOptions } from '../config/setup.js';
import type { ParsePath } from '../load/index.js';
import { analyzeInput, type AnalyzeRequest } from './pool.js';

const data = workerData as { setup: SetupOptions; parser: ParsePath; hash: boolean };
const ready = setup(data.setup);

parentPort!.on('message', (message: AnalyzeRequest) => {
  ready
    .then(async (s) => {
      const records = [];
      for (const input of message.inputs) records.push(await analyzeInput(input, data.parser, { rules: s.rules, rulesFor: (f) => s.resolver.for(f), strictFacets: s.strictFacets, cwd: s.cwd }, data.hash));
      parentPort!.postMessage({ id: message.id, records });
    })
    .catch((error: Error) => parentPort!.postMessage({ id: message.id, error: error?.message ?? String(error), stack: error?.stack }));
});
