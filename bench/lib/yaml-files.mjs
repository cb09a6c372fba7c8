// Every *.yaml / *.yml file under a directory, sorted (used by the benchmark helper scripts).
import fs from 'node:fs';
import path from 'node:path';

export function yamlFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '.git') walk(p);
      } else if (e.isFile() && /\.ya?ml$/.test(e.name)) {
        out.push(p);
      }
    }
  };
  walk(dir);
  return out.sort();
}

export function dirArgument(script) {
  const dir = process.argv[2];
  if (!dir || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    process.stderr.write(`usage: node bench/${script} DIR\n`);
    process.exit(2);
  }
  return dir;
}
