// Summarizes a V8 `.cpuprofile` (from `node --cpu-prof`): self time per function, highest first.
import fs from 'node:fs';
import path from 'node:path';

/**
 * Returns { totalMs, top: [{ name, where, selfMs, share }] } for the profile at `file`; `root` is
 * stripped from script paths (and node_modules/ paths are shortened to the package).
 */
export function topSelf(file, { limit = 15, root = '' } = {}) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = prof.timeDeltas;
  let total = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    const d = (dt[i] ?? 0) / 1000;
    total += d;
    const node = byId.get(prof.samples[i]);
    if (!node) continue;
    const cf = node.callFrame;
    const key = `${cf.functionName || '(anonymous)'}\u0000${shortUrl(cf.url, root)}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + d);
  }
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, ms]) => {
      const [name, where] = key.split('\u0000');
      return { name, where, selfMs: ms, share: total ? ms / total : 0 };
    });
  return { totalMs: total, top };
}

function shortUrl(url, root) {
  if (!url) return '';
  let p = url.startsWith('file://') ? decodeURIComponent(url.slice(7)) : url;
  const nm = p.lastIndexOf('/node_modules/');
  if (nm >= 0) return p.slice(nm + 1);
  if (root && p.startsWith(root)) p = path.relative(root, p);
  return p;
}

/** A Markdown table of the top entries. */
export function topTable(summary) {
  const lines = ['| self ms | share | function | where |', '| ---: | ---: | --- | --- |'];
  for (const t of summary.top) {
    lines.push(`| ${t.selfMs.toFixed(0)} | ${(t.share * 100).toFixed(1)}% | \`${t.name.replace(/\|/g, '\\|')}\` | ${t.where ? `\`${t.where}\`` : ''} |`);
  }
  return lines.join('\n');
}
