#!/usr/bin/env node
// Benchmark: `yaml` parseDocument (with a LineCounter) of every *.yaml under DIR; prints the item
// count and the number of parse errors.
//   node bench/parse-yaml.mjs DIR
import fs from 'node:fs';
import { parseDocument, LineCounter, isSeq } from 'yaml';
import { yamlFiles, dirArgument } from './lib/yaml-files.mjs';

const dir = dirArgument('parse-yaml.mjs');
let files = 0;
let items = 0;
let errors = 0;
for (const file of yamlFiles(dir)) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter });
  errors += doc.errors.length;
  const list = doc.get('items', true);
  if (isSeq(list)) items += list.items.length;
  files++;
}
process.stdout.write(`files ${files} items ${items} errors ${errors}\n`);
