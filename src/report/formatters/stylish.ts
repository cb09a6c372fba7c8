/**
 * `stylish`, for people: grouped by file, `line:column  severity  message  ruleId`, a code
 * frame, a diff of what the upper level has against what this level has, and a summary line.
 */
import { readFileSync } from 'node:fs';
import type { Diagnostic, Locale, Report } from '../../types.js';
import { displayWidth } from '../width.js';
import type { FormatOptions } from '../format-options.js';

const ESC = '\u001b[';
const paint = (on: boolean, code: string, text: string) => (on ? `${ESC}${code}m${text}${ESC}0m` : text);

const WORDS: Record<Locale, Record<string, string>> = {
  'zh-CN': { error: '错误', warning: '警告', info: '提示', upper: '上级：', here: '本级：', at: '：' },
  en: { error: 'error', warning: 'warning', info: 'info', upper: 'upper: ', here: 'here:  ', at: ': ' },
};

/** `n` and its noun, pluralized (en) or with its measure word (zh-CN). */
function count(locale: Locale, n: number, noun: 'problem' | 'error' | 'warning' | 'info' | 'file' | 'region' | 'item'): string {
  if (locale === 'en') return `${n} ${noun}${n === 1 ? '' : 's'}`;
  const zh = { problem: '个问题', error: '个错误', warning: '个警告', info: '个提示', file: '个文件', region: '个区划', item: '个事项' }[noun];
  return `${n} ${zh}`;
}

/** The last line: what was found, and in how much data. */
export function summaryLine(report: Report, locale: Locale, fixable: number): string[] {
  const s = report.summary;
  const total = s.errors + s.warnings + s.infos;
  const scope = locale === 'en' ? `${count(locale, s.files, 'file')}, ${count(locale, s.regions, 'region')}, ${count(locale, s.items, 'item')}` : `${count(locale, s.files, 'file')}、${count(locale, s.regions, 'region')}、${count(locale, s.items, 'item')}`;
  if (total === 0) return [locale === 'en' ? `✔ no problems in ${scope}` : `✔ 未发现问题，共 ${scope}`];
  const parts = [count(locale, s.errors, 'error'), count(locale, s.warnings, 'warning'), ...(s.infos ? [count(locale, s.infos, 'info')] : [])];
  const lines = [locale === 'en' ? `✖ ${count(locale, total, 'problem')} (${parts.join(', ')}) in ${scope}` : `✖ ${count(locale, total, 'problem')}（${parts.join('，')}），共 ${scope}`];
  if (fixable) lines.push(locale === 'en' ? `  ${fixable} fixable with --fix` : `  其中 ${fixable} 个可用 --fix 自动修复`);
  return lines;
}

function sourceLines(file: string, options: FormatOptions): string[] | undefined {
  const text = options.sources?.get(file) ?? (() => {
    try {
      return readFileSync(options.cwd ? `${options.cwd}/${file}` : file, 'utf8');
    } catch {
      return undefined;
    }
  })();
  return text?.replace(/^\uFEFF/, '').split(/\r?\n/);
}

/** Longest part of a source line shown in a code frame (UTF-16 units); longer lines are cut around the column. */
const FRAME_WIDTH = 120;

function window(text: string, column: number): { shown: string; offset: number } {
  if (text.length <= FRAME_WIDTH) return { shown: text, offset: 0 };
  const start = Math.max(0, Math.min(column - 1 - 40, text.length - FRAME_WIDTH));
  const end = start + FRAME_WIDTH;
  return { shown: (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : ''), offset: start - (start > 0 ? 1 : 0) };
}

function codeFrame(lines: string[], d: Diagnostic, color: boolean): string[] {
  const out: string[] = [];
  const first = Math.max(1, d.line - 1);
  const last = Math.min(lines.length, d.line + 1);
  const gutter = String(last).length;
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1] ?? '';
    const { shown, offset } = window(text, n === d.line ? d.column : 1);
    const mark = n === d.line ? paint(color, '31;1', '>') : ' ';
    out.push(`    ${mark} ${paint(color, '2', String(n).padStart(gutter))} | ${shown}`);
    if (n === d.line) {
      const before = shown.slice(0, d.column - 1 - offset);
      const endCol = d.endLine === d.line ? d.endColumn : text.length + 1;
      const span = shown.slice(d.column - 1 - offset, Math.max(d.column, endCol) - 1 - offset);
      const carets = '^'.repeat(Math.max(1, displayWidth(span)));
      out.push(`      ${' '.repeat(gutter)} | ${' '.repeat(displayWidth(before))}${paint(color, '31;1', carets)}`);
    }
  }
  return out;
}

function diffLines(d: Diagnostic, words: Record<string, string>, color: boolean): string[] {
  if (!d.diff) return [];
  let upper = '';
  let here = '';
  for (const [op, text] of d.diff) {
    if (op === 0) {
      upper += text;
      here += text;
    } else if (op === -1) upper += color ? paint(color, '41;97', text) : `[-${text}-]`;
    else here += color ? paint(color, '42;30', text) : `{+${text}+}`;
  }
  return [`      ${paint(color, '31', words.upper)}${upper}`, `      ${paint(color, '32', words.here)}${here}`];
}

export function formatStylish(report: Report, options: FormatOptions): string {
  const color = options.color ?? false;
  const locale = options.locale ?? 'zh-CN';
  const words = WORDS[locale];
  const out: string[] = [];
  let fixable = 0;
  for (const f of report.files) {
    if (f.diagnostics.length === 0) continue;
    out.push(paint(color, '4', f.file));
    const lines = sourceLines(f.file, options);
    for (const d of f.diagnostics) {
      if (d.fix) fixable++;
      const sev = d.severity === 'error' ? paint(color, '31', words.error) : d.severity === 'warning' ? paint(color, '33', words.warning) : paint(color, '36', words.info);
      out.push(`  ${paint(color, '2', `${d.line}:${d.column}`)}  ${sev}  ${d.message}  ${paint(color, '2', d.ruleId)}`);
      if (lines && d.line <= lines.length) out.push(...codeFrame(lines, d, color));
      out.push(...diffLines(d, words, color));
      for (const r of d.related ?? []) out.push(`      ${paint(color, '2', `↳ ${r.message}${words.at}${r.file}:${r.line}:${r.column}`)}`);
    }
    out.push('');
  }
  const s = report.summary;
  const [line, ...rest] = summaryLine(report, locale, fixable);
  out.push(paint(color, s.errors + s.warnings + s.infos === 0 ? '32' : s.errors ? '31;1' : s.warnings ? '33;1' : '36;1', line), ...rest);
  if (s.suppressed) out.push(options.locale === 'en' ? `  ${s.suppressed} more ${s.suppressed === 1 ? 'problem' : 'problems'} set aside by the baseline (not counted above)` : `  另有 ${s.suppressed} 个问题已列入基线，未计入上述统计`);
  return out.join('\n') + '\n';
}
