/**
 * Runs Microsoft's SARIF Multitool (`validate`, every level) on SARIF files and returns what it
 * found per input file, read from its own SARIF log. Shared by the tests that check our SARIF.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface MultitoolFinding {
  ruleId: string;
  level: 'error' | 'warning' | 'note' | 'none';
  text: string;
}

/** The Multitool's binary for this platform, as `@microsoft/sarif-multitool` resolves it. */
export const MULTITOOL = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;

/** Validate `files` in one run; findings keyed by the absolute path of the input they concern. */
export function multitool(files: string[], logFile: string): Map<string, MultitoolFinding[]> {
  const r = spawnSync(MULTITOOL, ['validate', ...files, '--output', logFile, '--log', 'ForceOverwrite', '--level', 'Error;Warning;Note'], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  const scanned = /Done\. (\d+) files? scanned\./.exec(r.stdout);
  if (r.status !== 0 || !scanned || Number(scanned[1]) !== files.length) {
    throw new Error(`SARIF Multitool failed (exit ${r.status}):\n${r.stdout.slice(-2000)}\n${r.stderr}`);
  }
  const log = JSON.parse(readFileSync(logFile, 'utf8'));
  const run = log.runs[0];
  if (run.invocations?.[0]?.executionSuccessful !== true) throw new Error(`SARIF Multitool run not successful: ${JSON.stringify(run.invocations)}`);
  const rules = run.tool.driver.rules ?? [];
  const out = new Map<string, MultitoolFinding[]>();
  for (const res of run.results ?? []) {
    const rule = rules[res.ruleIndex] ?? rules.find((x: { id: string }) => x.id === res.ruleId);
    // SARIF 3.27.10: an absent level is the rule's default level, itself `warning` by default.
    const level = res.level ?? rule?.defaultConfiguration?.level ?? 'warning';
    const template: string = res.message.text ?? rule?.messageStrings?.[res.message.id]?.text ?? res.message.id;
    const text = template.replace(/\{(\d+)\}/g, (_m, i) => String(res.message.arguments?.[Number(i)] ?? ''));
    const uri: string = res.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
    const file = uri.startsWith('file:') ? fileURLToPath(uri) : resolve(uri);
    out.set(file, [...(out.get(file) ?? []), { ruleId: res.ruleId, level, text }]);
  }
  return out;
}
