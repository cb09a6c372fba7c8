/**
 * SARIF 2.1.0 for code-scanning UIs: one run, every rule in `tool.driver.rules` with its help
 * URI, results with physical and related locations, and partial fingerprints that survive
 * lines being inserted above a finding.
 */
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import type { RuleDefinition } from '../../engine/rule.js';
import type { Diagnostic, Locale, Report } from '../../types.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
const DEFAULT_LEVEL = { error: 'error', warning: 'warning', info: 'note', off: 'none' } as const;

/** A fingerprint from what identifies a finding, not from its line. */
function fingerprint(d: Diagnostic): string {
  const path = d.path.map((seg, i) => (i === 1 && d.path[0] === 'items' && d.itemCode ? `code:${d.itemCode}` : seg));
  const key = JSON.stringify([d.ruleId, d.messageId, d.file, path, d.data]);
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

function location(file: string, r: { line: number; column: number; endLine: number; endColumn: number }): Sarif.PhysicalLocation {
  return {
    artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' },
    region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
  };
}

export function formatSarif(report: Report, rules: RuleDefinition[], locale: Locale): string {
  const ids = rules.map((r) => r.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const results: Sarif.Result[] = [];
  for (const f of report.files) {
    for (const d of f.diagnostics) {
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
              name: r.id,
              shortDescription: { text: r.description[locale] ?? r.description['zh-CN'] },
              fullDescription: { text: `${r.description['zh-CN']} / ${r.description.en}` },
              helpUri: r.docs,
              defaultConfiguration: { level: DEFAULT_LEVEL[r.severity], enabled: r.severity !== 'off' },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The working directory of the run' } } },
        artifacts: report.files.map((f) => ({ location: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' } })),
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
