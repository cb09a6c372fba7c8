import type { Report } from '../../types.js';

/** The JSON report of output.md: one document, nothing else. */
export function formatJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
