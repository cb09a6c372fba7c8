/**
 * SARIF 2.1.0 for code-scanning UIs: one run, every rule in `tool.driver.rules` with its help
 * URI, results with physical and related locations, and partial fingerprints that survive
 * lines being inserted above a finding.
 */
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import type { RuleDefinition } from '../../rule-api/index.js';
import type { Diagnostic, Locale, Report } from '../../types.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
const DEFAULT_LEVEL = { error: 'error', warning: 'warning', info: 'note', off: 'none' } as const;

/** A fingerprint from what identifies a finding, not from its line. */
function fingerprint(d: Diagnostic): string {
  const path = d.path.map((seg, i) => (i === 1 && d.path[0] === 'items' && d.itemCode ? `code:${d.itemCode}` : seg));
  const key = JSON.stringify([d.ruleId, d.messageId, d.file, path, d.data]);
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/**
 * A report path (`/` separators) as an RFC 3986 URI reference: every segment percent-encoded
 * (UTF-8), so `#`, `?`, `%`, `\`, `:`, spaces and control characters are data, not syntax.
 * Relative paths are resolved against `%SRCROOT%`; an absolute one becomes a `file:` URI.
 */
export function artifactLocation(file: string): Sarif.ArtifactLocation {
  const drive = /^[A-Za-z]:\//.exec(file);
  if (drive || file.startsWith('/')) {
    const rest = drive ? file.slice(2) : file;
    return { uri: `file://${drive ? '/' + drive[0].slice(0, 2) : ''}${encodePath(rest)}` };
  }
  return { uri: encodePath(file), uriBaseId: '%SRCROOT%' };
}

function encodePath(path: string): string {
  // encodeURIComponent leaves only unreserved characters and `!*'()` (sub-delims) unencoded;
  // a lone surrogate (not representable in UTF-8) becomes U+FFFD first instead of throwing.
  return path
    .split('/')
    .map((seg) => encodeURIComponent(seg.replace(/[\uD800-\uDFFF]/gu, '\uFFFD')))
    .join('/');
}

/**
 * The rule's friendly name (SARIF 3.49.7): a Pascal-case identifier distinct from its id even
 * ignoring case, as the SARIF Multitool asks (SARIF1001, SARIF2012), e.g. `consistency/time-limit`
 * → `ConsistencyTimeLimit`, `schema` → `SchemaRule`. Omitted when the id gives no such name.
 */
export function ruleName(id: string): string | undefined {
  let name = id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
  if (name.toLowerCase() === id.toLowerCase()) name += 'Rule';
  return /^[A-Z][A-Za-z0-9]*$/.test(name) ? name : undefined;
}

function location(file: string, r: { line: number; column: number; endLine: number; endColumn: number }): Sarif.PhysicalLocation {
  return {
    artifactLocation: artifactLocation(file),
    region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
  };
}

export function formatSarif(report: Report, rules: RuleDefinition[], locale: Locale): string {
  const ids = rules.map((r) => r.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const results: Sarif.Result[] = [];
  for (const f of report.files) {
    // Findings the baseline (suppressions file) set aside stay results, marked as suppressed outside the source.
    const setAside = new Set(f.suppressed);
    for (const d of [...f.diagnostics, ...setAside]) {
      const result: Sarif.Result = {
        ruleId: d.ruleId,
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [{ physicalLocation: location(d.file, d) }],
        partialFingerprints: { 'qingdanLint/v1': fingerprint(d) },
      };
      const ri = index.get(d.ruleId);
      if (ri !== undefined) result.ruleIndex = ri;
      if (d.related?.length) {
        result.relatedLocations = d.related.map((r, i) => ({ id: i + 1, physicalLocation: location(r.file, r), message: { text: r.message } }));
      }
      if (setAside.has(d)) result.suppressions = [{ kind: 'external' }];
      results.push(result);
    }
  }
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            informationUri: 'https://github.com/qingdan-lint/qingdan-lint',
            rules: rules.map((r) => ({
              id: r.id,
              ...(ruleName(r.id) ? { name: ruleName(r.id) } : {}),
              shortDescription: { text: r.description[locale] ?? r.description['zh-CN'] },
              fullDescription: { text: `${r.description['zh-CN']} / ${r.description.en}` },
              helpUri: r.docs,
              defaultConfiguration: { level: DEFAULT_LEVEL[r.severity], enabled: r.severity !== 'off' },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The working directory of the run' } } },
        artifacts: report.files.map((f) => ({ location: artifactLocation(f.file) })),
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
