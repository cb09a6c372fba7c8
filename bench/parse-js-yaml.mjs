#!/usr/bin/env node
// Benchmark: js-yaml 4 `load` (CORE_SCHEMA) of every *.yaml under DIR; prints the item count.
//   node bench/parse-js-yaml.mjs DIR
import fs from 'node:fs';
import { load, CORE_SCHEMA } from 'js-yaml';
import { yamlFiles, dirArgument } from './lib/yaml-files.mjs';

const dir = dirArgument('parse-js-yaml.mjs');
let files = 0;
let items = 0;
for (const file of yamlFiles(dir)) {
  const doc = load(fs.readFileSync(file, 'utf8'), { schema: CORE_SCHEMA, filename: file });
  if (doc && Array.isArray(doc.items)) items += doc.items.length;
  files++;
}
process.stdout.write(`files ${files} items ${items}\n`);
