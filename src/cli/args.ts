/**
 * The command line's option parser. Our own (not `node:util` `parseArgs`) so that every mistake
 * is a {@link CliError} with a message id, worded in the run's locale: unknown option (with a
 * suggestion), missing value, a value given to a switch, a bad choice.
 *
 * Accepted forms: `--name value`, `--name=value`, `-x value`, `--no-name` for a negatable switch,
 * `--` (everything after it is a path). The last of repeated single-valued options wins.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { distance, suggest } from '../config/errors.js';
import { findConfigFile } from '../config/load.js';
import { loadText } from '../load/index.js';
import { LocalizedUsageError as CliError, isLocale } from '../report/i18n.js';
import type { Locale } from '../types.js';
import type { RuleEntry } from '../config/resolve.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** A switch that also has a `--no-<name>` form (which sets it to false). */
  negatable?: boolean;
}

type ValueOf<S> = S extends { type: 'boolean' } ? boolean : S extends { multiple: true } ? string[] : string;
export type ParsedValues<O> = { -readonly [K in keyof O]?: ValueOf<O[K]> };

/** An error of the command line (exit 2) with a message id, worded in the run's locale. */
export { CliError };

/** The closest of `known` to `value`, unless it has less in common with it than a wholly different word. */
export function closest(value: string, known: Iterable<string>): string | undefined {
  const s = suggest(value, known);
  return s !== undefined && distance(value.toLowerCase(), s.toLowerCase()) < value.length ? s : undefined;
}

function optionNames(options: Record<string, OptionSpec>): string[] {
  const names: string[] = [];
  for (const [name, spec] of Object.entries(options)) {
    names.push(`--${name}`);
    if (spec.negatable) names.push(`--no-${name}`);
  }
  return names;
}

function unknown(option: string, options: Record<string, OptionSpec>): CliError {
  // `-quiet` is likely `--quiet`; a single unknown letter suggests nothing.
  const guess = option.startsWith('--') ? option : option.length > 2 ? `-${option}` : undefined;
  return new CliError('unknownOption', { option, suggestion: guess && closest(guess, optionNames(options)) });
}

/** Is `arg` one of our options (so it cannot be the value of the option before it)? */
function isOption(arg: string, options: Record<string, OptionSpec>): boolean {
  if (arg.startsWith('--') && arg.length > 2) {
    const name = arg.slice(2).split('=')[0];
    return Object.hasOwn(options, name) || (name.startsWith('no-') && !!options[name.slice(3)]?.negatable);
  }
  return arg.length === 2 && arg[0] === '-' && Object.values(options).some((s) => s.short === arg[1]);
}

export function parseOptions<O extends Record<string, OptionSpec>>(argv: string[], options: O): { values: ParsedValues<O>; positionals: string[] } {
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  const set = (name: string, spec: OptionSpec, value: string | boolean) => {
    if (spec.multiple) ((values[name] as string[] | undefined) ?? (values[name] = [])).push(value as string);
    else values[name] = value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let name: string;
    let shown: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = arg.slice(2, eq === -1 ? undefined : eq);
      shown = `--${name}`;
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
      if (!Object.hasOwn(options, name)) {
        const base = name.startsWith('no-') ? name.slice(3) : '';
        if (base && Object.hasOwn(options, base) && options[base].negatable) {
          if (inline !== undefined) throw new CliError('unexpectedValue', { option: shown, value: inline });
          values[base] = false;
          continue;
        }
        throw unknown(shown, options);
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      // Single-letter options only: `-quiet` is a mistake for `--quiet`, not four switches.
      const entry = arg.length === 2 ? Object.entries(options).find(([, s]) => s.short === arg[1]) : undefined;
      if (!entry) throw unknown(arg, options);
      name = entry[0];
      shown = arg;
    } else {
      positionals.push(arg);
      continue;
    }
    const spec = options[name];
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new CliError('unexpectedValue', { option: shown, value: inline });
      set(name, spec, true);
      continue;
    }
    if (inline !== undefined) {
      set(name, spec, inline);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || isOption(next, options)) throw new CliError('missingValue', { option: shown });
    set(name, spec, next);
    i++;
  }
  return { values: values as ParsedValues<O>, positionals };
}

/** The value of `--name` in argv, as far as it can be seen without parsing the rest. */
function peek(argv: string[], long: string, short?: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg.startsWith(`--${long}=`)) found = arg.slice(long.length + 3);
    else if (arg === `--${long}` || (short && arg === `-${short}`)) found = argv[i + 1];
  }
  return found;
}

/** Config files larger than this are not read just to find the locale of an error message. */
const CHEAP_CONFIG_BYTES = 256 * 1024;

/**
 * The locale for an error that stops the run before its settings are known: `--locale` when it
 * is given and valid, else the `locale` of the config file (`--config`, or the one found upward
 * from `cwd`) when that file is small and parses, else zh-CN.
 */
export function errorLocale(argv: string[], cwd: string): Locale {
  const flag = peek(argv, 'locale');
  if (isLocale(flag)) return flag;
  try {
    const named = peek(argv, 'config', 'c');
    const path = named !== undefined ? resolve(cwd, named) : findConfigFile(cwd);
    if (path && existsSync(path) && statSync(path).isFile() && statSync(path).size <= CHEAP_CONFIG_BYTES) {
      const value = loadText(path, readFileSync(path, 'utf8')).value as { locale?: unknown } | null | undefined;
      if (value && typeof value === 'object' && isLocale(value.locale)) return value.locale;
    }
  } catch {
    // An unreadable config is reported by the run itself when it gets that far.
  }
  return 'zh-CN';
}

/**
 * Colour for stylish output. First match wins: `--no-color` / `--color` (the last given);
 * `NO_COLOR` set to anything but ""; `FORCE_COLOR` "0" or "false" (off) or "", "1", "2", "3",
 * "true" (on), other values ignored; a report written to a file (`-o`) has none; else colour when
 * standard output is a terminal.
 */
export function useColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean, toFile: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && !toFile) {
    if (force === '0' || force === 'false') return false;
    if (force === '' || force === '1' || force === '2' || force === '3' || force === 'true') return true;
  }
  return !toFile && isTTY;
}

/** Parse `--rule 'id: severity'` or `--rule 'id: [severity, {options}]'` (YAML flow syntax). */
export function parseRuleFlag(flag: string): Record<string, RuleEntry> {
  const loaded = loadText('--rule', flag);
  const value = loaded.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliError('ruleFlag', { flag });
  }
  return JSON.parse(JSON.stringify(value)) as Record<string, RuleEntry>;
}
