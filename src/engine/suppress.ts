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
import type { JsonPath } from '../types.js';
import type { SourceFile } from './dataset.js';
import type { RawDiagnostic, RunOptions } from './run.js';

const DIRECTIVE = /^(\s*)#\s*qingdan-lint-disable(?=\s|$)(.*)$/;

interface Directive {
  line: number;
  column: number;
  endColumn: number;
  rules: string[];
  reason: string;
  /** The node the directive covers; undefined when no node starts on the next line. */
  target?: JsonPath;
  used: Set<string>;
}

function parseDirectives(file: SourceFile): Directive[] {
  const { lines } = file.loaded;
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
    found.push({ line, column: m[1].length + 1, endColumn: text.length + 1, rules, reason, used: new Set() });
  }
  const nodes = found.length ? file.loaded.nodes() : undefined;
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

export function applySuppressions(files: SourceFile[], raw: RawDiagnostic[], options: RunOptions): RawDiagnostic[] {
  const directivesByFile = new Map<string, Directive[]>();
  for (const f of files) {
    if (!f.loaded.text.includes('qingdan-lint-disable')) continue;
    const ds = parseDirectives(f);
    if (ds.length) directivesByFile.set(f.file, ds);
  }
  if (directivesByFile.size === 0) return raw;
  const kept: RawDiagnostic[] = [];
  for (const d of raw) {
    const directives = directivesByFile.get(d.file);
    let suppressed = false;
    if (directives) {
      for (const dir of directives) {
        if (!dir.reason || !dir.target || !startsWith(d.path, dir.target)) continue;
        const all = dir.rules.length === 0;
        if (all || dir.rules.includes(d.ruleId)) {
          dir.used.add(all ? '*' : d.ruleId);
          suppressed = true;
        }
      }
    }
    if (!suppressed) kept.push(d);
  }
  for (const f of files) {
    const directives = directivesByFile.get(f.file);
    if (!directives) continue;
    const setting = options.rulesFor(f.file).get('suppression');
    if (!setting || setting.severity === 'off') continue;
    for (const dir of directives) {
      const at = { file: f.file, path: dir.target ?? [], region: f.regionCode, line: dir.line, column: dir.column, endLine: dir.line, endColumn: dir.endColumn };
      const push = (messageId: string, data: Record<string, unknown>) => kept.push({ ruleId: 'suppression', severity: setting.severity as RawDiagnostic['severity'], messageId, data, ...at });
      if (!dir.reason) {
        push('missingReason', { rules: dir.rules });
        continue;
      }
      const unknown = dir.rules.filter((r) => !options.rules.has(r));
      for (const rule of unknown) push('unknownRule', { rule });
      const known = dir.rules.filter((r) => options.rules.has(r));
      if (dir.rules.length === 0) {
        if (!dir.used.has('*')) push('unused', { rules: ['*'] });
      } else {
        const unused = known.filter((r) => !dir.used.has(r));
        if (unused.length) push('unused', { rules: unused });
      }
    }
  }
  return kept;
}
