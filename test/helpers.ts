/**
 * Test helpers: fixture datasets carry their expected findings as `# expect: <rule> <messageId>`
 * comments at the end of the line where the diagnostic must land (docs/conventions.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint, type LintOptions } from '../src/api.js';
import type { Report } from '../src/types.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name) && !name.startsWith('qingdan-lint.config')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Every marker under `dir`, as sorted `file:line rule messageId` strings (file relative to dir). */
export function collectMarkers(dir: string): string[] {
  const marks: string[] = [];
  for (const file of yamlFiles(dir)) {
    const text = readFileSync(file).toString('utf8');
    text.split(/\r?\n/).forEach((line, i) => {
      const m = /#\s*expect:\s*(.*)$/.exec(line);
      if (!m) return;
      for (const part of m[1].split(';')) {
        const [rule, messageId] = part.trim().split(/\s+/);
        if (rule) marks.push(`${relative(dir, file).split('\\').join('/')}:${i + 1} ${rule} ${messageId}`);
      }
    });
  }
  return marks.sort();
}

/** The report's diagnostics in the same shape as {@link collectMarkers}. */
export function reportedMarks(report: Report): string[] {
  return report.files.flatMap((f) => f.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.messageId}`)).sort();
}

/** Lint a fixture directory as the CLI would from inside it. */
export async function lintDir(dir: string, options: LintOptions = {}): Promise<Report> {
  const hasConfig = ['qingdan-lint.config.yaml', 'qingdan-lint.config.yml', 'qingdan-lint.config.json'].some((n) => existsSync(join(dir, n)));
  return lint({ cwd: dir, config: hasConfig ? undefined : false, ...options });
}

const BIN = join(ROOT, 'bin', 'qingdan-lint.js');

/** Run the built CLI as a process, without the caller's NO_COLOR / FORCE_COLOR unless `env` sets them. */
export function cli(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { ...env, ...options.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
