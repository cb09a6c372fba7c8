/**
 * Suppression comments (rules.md, "Suppressing a diagnostic"):
 *
 *     # qingdan-lint-disable consistency/time-limit -- 经区审改办批复，承诺时限压缩为5个工作日
 *     - code: "000122001000"
 *
 * A comment block directly above a node suppresses the named rules for that node and
 * everything inside it. Without a reason, naming an unknown rule, or suppressing nothing, the
 * comment is itself reported (`suppression`); a suppression without a reason does not suppress.
 */
import type { LoadedFile } from '../load/index.js';
import type { JsonPath } from '../types.js';
import type { RawDiagnostic, RulesFor } from './located.js';
import type { RuleDefinition } from '../rule-api/index.js';
import { CORE_RULES } from './core-rules.js';

const DIRECTIVE = /^(\s*)#\s*qingdan-lint-disable(?=\s|$)(.*)$/;

/** A suppression comment and the node it covers (serializable: computed in the per-file stage). */
export interface Directive {
  line: number;
  column: number;
  endColumn: number;
  rules: string[];
  reason: string;
  /** The node the directive covers; undefined when no node starts on the next line. */
  target?: JsonPath;
}

/** The suppression comments of a file, each with the node under it. */
export function parseDirectives(loaded: LoadedFile): Directive[] {
  if (!loaded.text.includes('qingdan-lint-disable')) return [];
  const { lines } = loaded;
  const found: Directive[] = [];
  const count = lines.lineCount();
  for (let line = 1; line <= count; line++) {
    const text = lines.lineText(line);
    const m = DIRECTIVE.exec(text);
    if (!m) continue;
    const body = m[2];
    const sep = body.indexOf('--');
    const rulesEnd = [sep, body.indexOf('#')].filter((i) => i !== -1);
    const rulesPart = body.slice(0, rulesEnd.length ? Math.min(...rulesEnd) : body.length);
    const reason = sep === -1 ? '' : body.slice(sep + 2).trim();
    const rules = rulesPart.split(/[\s,]+/).filter(Boolean);
    found.push({ line, column: m[1].length + 1, endColumn: text.length + 1, rules, reason });
  }
  const nodes = found.length ? loaded.nodes() : undefined;
  if (!nodes) return found;
  // The node under each directive: the outermost node starting on the first line after the
  // block of comment lines the directive belongs to.
  const startsByLine = new Map<number, JsonPath>();
  for (const [key, node] of nodes) {
    const at = lines.position(node.keyStart ?? node.start).line;
    const path = pathOfKey(nodes, key);
    const prev = startsByLine.get(at);
    if (!prev || path.length < prev.length) startsByLine.set(at, path);
  }
  for (const d of found) {
    let next = d.line + 1;
    while (next <= count && /^\s*#/.test(lines.lineText(next))) next++;
    d.target = startsByLine.get(next);
  }
  return found;
}

/** The JSON path of an index key: a segment under a sequence is a number, under a mapping a string. */
function pathOfKey(nodes: Map<string, { kind: string }>, key: string): JsonPath {
  if (key === '') return [];
  const path: JsonPath = [];
  let prefix = '';
  for (const seg of key.slice(1).split('\u0001')) {
    path.push(nodes.get(prefix)?.kind === 'seq' ? Number(seg) : seg);
    prefix += '\u0001' + seg;
  }
  return path;
}

function startsWith(path: JsonPath, prefix: JsonPath): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (String(path[i]) !== String(prefix[i])) return false;
  return true;
}

export interface FileDirectives {
  file: string;
  regionCode: string;
  directives: Directive[];
}

/**
 * Drop suppressed diagnostics and add the `suppression` diagnostics for faulty comments.
 * `onSuppressed` sees each diagnostic a comment suppressed (the statistics count them).
 */
export function applySuppressions(files: FileDirectives[], raw: RawDiagnostic[], rules: Map<string, RuleDefinition>, rulesFor: RulesFor, onSuppressed?: (d: RawDiagnostic) => void): RawDiagnostic[] {
  const byFile = new Map<string, { directives: Directive[]; used: Set<string>[] }>();
  for (const f of files) if (f.directives.length) byFile.set(f.file, { directives: f.directives, used: f.directives.map(() => new Set<string>()) });
  if (byFile.size === 0) return raw;
  const kept: RawDiagnostic[] = [];
  for (const d of raw) {
    const entry = byFile.get(d.file);
    let suppressed = false;
    if (entry) {
      entry.directives.forEach((dir, i) => {
        if (!dir.reason || !dir.target || !startsWith(d.path, dir.target)) return;
        const all = dir.rules.length === 0;
        if (all || dir.rules.includes(d.ruleId)) {
          entry.used[i].add(all ? '*' : d.ruleId);
          suppressed = true;
        }
      });
    }
    if (!suppressed) kept.push(d);
    else onSuppressed?.(d);
  }
  for (const f of files) {
    const entry = byFile.get(f.file);
    if (!entry) continue;
    const setting = rulesFor(f.file).get(CORE_RULES.suppression);
    if (!setting || setting.severity === 'off') continue;
    entry.directives.forEach((dir, i) => {
      const at = { file: f.file, path: dir.target ?? [], region: f.regionCode, line: dir.line, column: dir.column, endLine: dir.line, endColumn: dir.endColumn };
      const push = (messageId: string, data: Record<string, unknown>) => kept.push({ ruleId: CORE_RULES.suppression, severity: setting.severity as RawDiagnostic['severity'], messageId, data, ...at });
      if (!dir.reason) {
        push('missingReason', { rules: dir.rules });
        return;
      }
      for (const rule of dir.rules.filter((r) => !rules.has(r))) push('unknownRule', { rule });
      const used = entry.used[i];
      if (dir.rules.length === 0) {
        if (!used.has('*')) push('unused', { rules: ['*'] });
      } else {
        const unused = dir.rules.filter((r) => rules.has(r) && !used.has(r));
        if (unused.length) push('unused', { rules: unused });
      }
    });
  }
  return kept;
}
