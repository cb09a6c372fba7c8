/** JUnit XML for CI dashboards: one test case per file; a file with errors or warnings fails. */
import type { Locale, Report } from '../../types.js';

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

/** The words of a failure, in the report's locale (`type` stays `error`/`warning`: it is a machine field). */
const WORDS: Record<Locale, { error: string; warning: string; info: string; counts: (errors: number, warnings: number) => string; line: (pos: string, sev: string, message: string, rule: string) => string }> = {
  'zh-CN': {
    error: '错误',
    warning: '警告',
    info: '提示',
    counts: (e, w) => `${e} 个错误，${w} 个警告`,
    line: (pos, sev, message, rule) => `${pos} ${sev} ${message}（${rule}）`,
  },
  en: {
    error: 'error',
    warning: 'warning',
    info: 'info',
    counts: (e, w) => `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}`,
    line: (pos, sev, message, rule) => `${pos} ${sev} ${message} (${rule})`,
  },
};

export function formatJunit(report: Report, locale: Locale = 'zh-CN'): string {
  const words = WORDS[locale];
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
    const body = f.diagnostics.map((d) => words.line(`${d.line}:${d.column}`, words[d.severity], d.message, d.ruleId)).join('\n');
    out.push(`    <testcase classname="qingdan-lint" name="${name}">`);
    if (f.errors + f.warnings > 0) {
      out.push(`      <failure type="${f.errors ? 'error' : 'warning'}" message="${attr(words.counts(f.errors, f.warnings))}">${text(body)}</failure>`);
    } else {
      out.push(`      <system-out>${text(body)}</system-out>`);
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}
