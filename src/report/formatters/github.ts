/** GitHub Actions workflow commands: one annotation per diagnostic. */
import type { Report } from '../../types.js';

/** Escaping of a workflow command's message (data). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a workflow command's property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

export function formatGithub(report: Report): string {
  const out: string[] = [];
  for (const f of report.files) {
    const file = f.file.replace(/^\.\//, '');
    for (const d of f.diagnostics) {
      const props = [`file=${escapeProperty(file)}`, `line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`, `endColumn=${d.endColumn}`, `title=${escapeProperty(d.ruleId)}`];
      out.push(`::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.message)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}
