/** JUnit XML for CI dashboards: one test case per file; a file with errors or warnings fails. */
import type { Report } from '../../types.js';

function xml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

export function formatJunit(report: Report): string {
  const failing = report.files.filter((f) => f.errors + f.warnings > 0).length;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="qingdan-lint" tests="${report.files.length}" failures="${failing}">`);
  out.push(`  <testsuite name="qingdan-lint" tests="${report.files.length}" failures="${failing}" errors="0" skipped="0">`);
  for (const f of report.files) {
    const name = xml(f.file);
    if (f.diagnostics.length === 0) {
      out.push(`    <testcase classname="qingdan-lint" name="${name}"/>`);
      continue;
    }
    const body = f.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message} (${d.ruleId})`).join('\n');
    out.push(`    <testcase classname="qingdan-lint" name="${name}">`);
    if (f.errors + f.warnings > 0) {
      out.push(`      <failure type="${f.errors ? 'error' : 'warning'}" message="${xml(`${f.errors} errors, ${f.warnings} warnings`)}">${xml(body)}</failure>`);
    } else {
      out.push(`      <system-out>${xml(body)}</system-out>`);
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}
