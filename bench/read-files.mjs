#!/usr/bin/env node
// Benchmark baseline: read every *.yaml under DIR and decode it as UTF-8, nothing else.
//   node bench/read-files.mjs DIR
import fs from 'node:fs';
import { yamlFiles, dirArgument } from './lib/yaml-files.mjs';

const dir = dirArgument('read-files.mjs');
let files = 0;
let chars = 0;
for (const file of yamlFiles(dir)) {
  chars += fs.readFileSync(file, 'utf8').length;
  files++;
}
process.stdout.write(`files ${files} chars ${chars}\n`);
