/**
 * The command line: a thin layer over the library. Parses options, runs `lint`, prints the
 * chosen format, and returns the exit code (0 clean, 1 problems, 2 could not run).
 */
import { realpathSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lint, type LintOptions } from '../api.js';
import { UsageError, didYouMean } from '../config/errors.js';
import { PRESET_NAMES, type PresetName, type RuleEntry } from '../config/resolve.js';
import { setup } from '../config/setup.js';
import { applyFixes } from '../engine/fix.js';
import { loadText } from '../load/index.js';
import { FORMAT_NAMES, format, type FormatName } from '../report/format.js';
import { isLocale } from '../report/i18n.js';
import { summarize, tally } from '../report/build.js';
import type { Locale, Report } from '../types.js';
import { VERSION } from '../version.js';
import { HELP } from './help.js';

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  preset: { type: 'string' },
  locale: { type: 'string' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  threads: { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'report-only-given': { type: 'boolean' },
  'print-config': { type: 'string' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin?: () => Promise<string>;
  isTTY?: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const defaultIO = (): CliIO => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  isTTY: !!process.stdout.isTTY,
  env: process.env,
  cwd: process.cwd(),
});

/** Parse `--rule 'id: severity'` or `--rule 'id: [severity, {options}]'` (YAML flow syntax). */
export function parseRuleFlag(flag: string): Record<string, RuleEntry> {
  const loaded = loadText('--rule', flag);
  const value = loaded.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`--rule "${flag}": expected "rule-id: severity" or "rule-id: [severity, {options}]"`);
  }
  return JSON.parse(JSON.stringify(value)) as Record<string, RuleEntry>;
}

function nonNegativeInt(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} needs a whole number >= 0, got "${value}"`);
  return Number(value);
}

function onlyErrors(report: Report): Report {
  const files = report.files.map((f) => tally(f.file, f.region, f.diagnostics.filter((d) => d.severity === 'error')));
  return { ...report, summary: summarize(files, report.summary), files };
}

export async function run(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  try {
    return await main(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`qingdan-lint: ${error.message}\n`);
      return 2;
    }
    const e = error as Error;
    io.stderr(`qingdan-lint: internal error: ${e && e.message ? e.message.split('\n')[0] : String(error)}\n`);
    return 2;
  }
}

/**
 * Subcommands (`qingdan-lint <name> ...`), each in its own module, loaded only when used.
 * A subcommand module exports `run(argv, io): Promise<number>` with the same exit codes.
 */
export type Subcommand = (argv: string[], io: CliIO) => Promise<number>;
const SUBCOMMANDS: Record<string, () => Promise<{ run: Subcommand }>> = {
  // name: () => import('./<name>.js'),
};

async function main(argv: string[], io: CliIO): Promise<number> {
  const sub = argv[0] !== undefined && Object.hasOwn(SUBCOMMANDS, argv[0]) ? SUBCOMMANDS[argv[0]] : undefined;
  if (sub) return (await sub()).run(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const msg = (error as Error).message;
    const m = /Unknown option '(-{1,2}[^']+)'/.exec(msg);
    const known = Object.keys(OPTIONS).map((k) => `--${k}`);
    throw new UsageError(m ? `unknown option ${m[1]}${didYouMean(m[1], known)}; see --help` : `${msg.split('\n')[0]}; see --help`);
  }
  const { values, positionals } = parsed;
  const cwd = io.cwd ?? process.cwd();
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const formatName = (values.format ?? (io.isTTY === false ? 'stylish' : 'stylish')) as FormatName;
  if (!FORMAT_NAMES.includes(formatName)) throw new UsageError(`unknown format "${values.format}"; use ${FORMAT_NAMES.join(', ')}${didYouMean(String(values.format), FORMAT_NAMES)}`);
  if (values.locale !== undefined && !isLocale(values.locale)) throw new UsageError(`unknown locale "${values.locale}"; use zh-CN or en`);
  if (values.preset !== undefined && !PRESET_NAMES.includes(values.preset as PresetName)) {
    throw new UsageError(`unknown preset "${values.preset}"; use ${PRESET_NAMES.join(', ')}${didYouMean(values.preset, PRESET_NAMES)}`);
  }
  const maxWarnings = values['max-warnings'] !== undefined ? nonNegativeInt(values['max-warnings'], '--max-warnings') : undefined;
  const threads = values.threads !== undefined ? nonNegativeInt(values.threads, '--threads') : undefined;
  if (threads === 0) throw new UsageError('--threads needs at least 1');
  if (values.stdin && !values['stdin-filename']) throw new UsageError('--stdin needs --stdin-filename (the path the text stands for)');
  if (values.stdin && (values.fix || values['fix-dry-run'])) throw new UsageError('--fix cannot write to standard input; use --fix-dry-run without --stdin, or lint a file');
  const rules: Record<string, RuleEntry> = {};
  for (const flag of values.rule ?? []) Object.assign(rules, parseRuleFlag(flag));

  const options: LintOptions = {
    cwd,
    config: values.config,
    rules,
    preset: values.preset as PresetName | undefined,
    locale: values.locale as Locale | undefined,
    patterns: positionals,
    reportOnlyGiven: values['report-only-given'],
    threads,
    cache: values.cache || values['cache-location'] !== undefined ? { location: values['cache-location'] } : undefined,
  };

  const s = await setup(options);
  if (values['print-config'] !== undefined) {
    const file = values['print-config'];
    const effective = Object.fromEntries([...s.resolver.for(file.split('\\').join('/'))].map(([id, r]) => [id, Object.keys(r.options).length ? [r.severity, r.options] : r.severity]));
    const out = { config: s.loaded.path ?? null, preset: s.preset, locale: s.locale, reference: s.reference, files: s.loaded.config.files ?? null, ignores: s.loaded.config.ignores ?? [], plugins: s.loaded.config.plugins ?? [], rules: effective };
    io.stdout(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }

  if (values.stdin) {
    const text = await (io.stdin ?? defaultIO().stdin!)();
    options.stdin = { text, filename: values['stdin-filename']! };
  }

  let report: Report;
  let sources: Map<string, string> | undefined;
  if (values.fix || values['fix-dry-run']) {
    const result = await applyFixes(options, s, { write: !!values.fix });
    report = result.report;
    sources = result.sources;
    if (result.fixedFiles.length) {
      const verb = values.fix ? 'fixed' : 'would fix';
      io.stderr(`qingdan-lint: ${verb} ${result.fixedFiles.length} file(s): ${result.fixedFiles.join(', ')}\n`);
    }
    for (const skipped of result.skipped) io.stderr(`qingdan-lint: not fixed ${skipped.file}: ${skipped.reason}\n`);
  } else {
    report = await lint(options, s);
  }
  if (report.files.length === 0 && !options.reportOnlyGiven) {
    throw new UsageError(`no YAML files found to lint in ${cwd} (check the paths, the config's files and ignores, and .gitignore)`);
  }
  if (options.stdin) sources = new Map([...(sources ?? []), [report.files.find((f) => resolve(cwd, f.file) === resolve(cwd, options.stdin!.filename))?.file ?? '', options.stdin.text]]);
  const shown = values.quiet ? onlyErrors(report) : report;
  const locale = s.locale;
  const color = formatName === 'stylish' && !!io.isTTY && !values['output-file'] && !(io.env ?? process.env).NO_COLOR;
  const text = format(shown, formatName, { locale, color, sources, cwd, rules: [...s.rules.values()] });
  if (values['output-file']) {
    writeOutputFile(resolve(cwd, values['output-file']), text, report, cwd);
  } else {
    io.stdout(text);
  }
  const s2 = shown.summary;
  if (s2.errors > 0) return 1;
  if (maxWarnings !== undefined && s2.warnings > maxWarnings) {
    io.stderr(`qingdan-lint: ${s2.warnings} warnings exceed --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** Write the report file atomically; never over one of the linted input files. */
function writeOutputFile(path: string, text: string, report: Report, cwd: string): void {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    // does not exist yet
  }
  for (const f of report.files) {
    let input = resolve(cwd, f.file);
    try {
      input = realpathSync(input);
    } catch {
      // ignore
    }
    if (input === real) throw new UsageError(`--output-file ${path} is one of the linted files; refusing to overwrite it`);
  }
  const tmp = resolve(dirname(path), `.${Date.now()}-${process.pid}.qingdan-lint.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (error) {
    throw new UsageError(`cannot write --output-file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
