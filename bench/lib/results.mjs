// Sections of bench/RESULTS.md written by the benchmarks other than bench/run.mjs (which writes
// the whole file first): each replaces its own section, or appends it when it is not there yet.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'RESULTS.md');

export function writeSection(title, body) {
  const begin = `<!-- section: ${title} -->`;
  const end = `<!-- /section: ${title} -->`;
  const block = `${begin}\n## ${title}\n\n${body.trim()}\n${end}\n`;
  const text = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const at = text.indexOf(begin);
  const next = at >= 0 ? text.slice(0, at) + block + text.slice(text.indexOf(end, at) + end.length + 1) : `${text.replace(/\n*$/, '\n\n')}${block}`;
  fs.writeFileSync(RESULTS, next);
}
