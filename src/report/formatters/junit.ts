/** JUnit XML for CI dashboards: one test case per file; a file with errors or warnings fails. */
import type { Report } from '../../types.js';

/** Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text content: markup characters escaped, and `\r` as a character reference so a parser's
 * line-end normalisation does not change it. Characters XML cannot carry become U+FFFD (visible,
 * never silently dropped).
 */
function text(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/**
 * An attribute value: as text, plus both quotes, and tab and line feed as character references,
 * which attribute-value normalisation would otherwise turn into spaces.
 */
function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

export function formatJunit(report: Report): string {
  const failing = report.files.filter((f) => f.errors + f.warnings > 0).length;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="qingdan-lint" tests="${report.files.length}" failures="${failing}">`);
  out.push(`  <testsuite name="qingdan-lint" tests="${report.files.length}" failures="${failing}" errors="0" skipped="0">`);
  for (const f of report.files) {
    const name = attr(f.file);
    if (f.diagnostics.length === 0) {
      out.push(`    <testcase classname="qingdan-lint" name="${name}"/>`);
      continue;
    }
    const body = f.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message} (${d.ruleId})`).join('\n');
    out.push(`    <testcase classname="qingdan-lint" name="${name}">`);
    if (f.errors + f.warnings > 0) {
      out.push(`      <failure type="${f.errors ? 'error' : 'warning'}" message="${attr(`${f.errors} errors, ${f.warnings} warnings`)}">${text(body)}</failure>`);
    } else {
      out.push(`      <system-out>${text(body)}</system-out>`);
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}
