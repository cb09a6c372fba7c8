/**
 * Configuration files: `qingdan-lint.config.yaml|yml|json`, found by walking up from the working
 * directory or named with `--config`. Config files are data: they are parsed, never executed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadText } from '../load/index.js';
import { UsageError, didYouMean } from './errors.js';
import type { RuleEntry } from './resolve.js';
import { GlobError, compileGlob, showPattern } from '../files/glob.js';
import { isCalendarDate } from '../text/dates.js';

export const CONFIG_NAMES = ['qingdan-lint.config.yaml', 'qingdan-lint.config.yml', 'qingdan-lint.config.json'];

export interface UserConfig {
  files?: string[];
  ignores?: string[];
  preset?: 'recommended' | 'five-consistencies' | 'strict' | 'two-lists' | 'three-levels-four-same';
  rules?: Record<string, RuleEntry>;
  locale?: 'zh-CN' | 'en';
  reference?: 'root' | 'parent';
  overrides?: { files: string[]; rules?: Record<string, RuleEntry> }[];
  plugins?: string[];
  /**
   * `YYYY-MM-DD`: decisions count only from their `effective` date (default `date`) plus their
   * `transition` (工作日 counted Monday to Friday). Absent: decisions count whatever their date.
   */
  asOf?: string;
}

export interface LoadedConfig {
  /** The config file, when one was found. */
  path?: string;
  /** Directory globs and plugins are relative to. */
  baseDir: string;
  config: UserConfig;
}

const TOP_KEYS = ['$schema', 'files', 'ignores', 'preset', 'rules', 'locale', 'reference', 'overrides', 'plugins', 'asOf'];

/** Every place the upward search looks for a config file, in the order it looks. */
export function* configCandidates(from: string): Generator<string> {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) yield join(dir, name);
    if (dirname(dir) === dir) return;
  }
}

export function findConfigFile(from: string): string | undefined {
  for (const p of configCandidates(from)) if (existsSync(p) && statSync(p).isFile()) return p;
  return undefined;
}

function expectStrings(value: unknown, where: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new UsageError(`${where} must be a list of strings`);
  return value as string[];
}

/** Every glob usable: bounded length and alternatives, no extglob (a config error names the first bad one). */
function expectGlobs(value: string[] | undefined, where: string, options: { dot: boolean; allowNegation: boolean }): string[] | undefined {
  value?.forEach((pattern, i) => {
    try {
      compileGlob(pattern, options);
    } catch (error) {
      if (error instanceof GlobError) throw new UsageError(`${where}[${i}] "${showPattern(pattern)}" ${error.message}`);
      throw error;
    }
  });
  return value;
}

function expectRules(value: unknown, where: string): Record<string, RuleEntry> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${where} must be a mapping of rule id to severity`);
  return value as Record<string, RuleEntry>;
}

/** Check a parsed config object's shape (rule ids are checked later, once plugins are loaded). */
export function checkConfig(raw: unknown, where: string): UserConfig {
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${where}: the configuration must be a mapping`);
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!TOP_KEYS.includes(key)) throw new UsageError(`${where}: unknown key "${key}"${didYouMean(key, TOP_KEYS.slice(1))}`);
  }
  const config: UserConfig = {};
  config.files = expectGlobs(expectStrings(obj.files, `${where}: files`), `${where}: files`, { dot: false, allowNegation: true });
  config.ignores = expectGlobs(expectStrings(obj.ignores, `${where}: ignores`), `${where}: ignores`, { dot: false, allowNegation: false });
  config.plugins = expectStrings(obj.plugins, `${where}: plugins`);
  config.rules = expectRules(obj.rules, `${where}: rules`);
  const choose = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const v = obj[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !allowed.includes(v as T)) {
      throw new UsageError(`${where}: ${key} must be one of ${allowed.join(', ')}${didYouMean(String(v), allowed)}`);
    }
    return v as T;
  };
  config.preset = choose('preset', ['recommended', 'five-consistencies', 'strict', 'two-lists', 'three-levels-four-same'] as const);
  config.locale = choose('locale', ['zh-CN', 'en'] as const);
  config.reference = choose('reference', ['root', 'parent'] as const);
  if (obj.asOf !== undefined) {
    if (typeof obj.asOf !== 'string' || !isCalendarDate(obj.asOf)) throw new UsageError(`${where}: asOf must be a date written YYYY-MM-DD (e.g. "2024-06-30"), not ${JSON.stringify(obj.asOf)}`);
    config.asOf = obj.asOf;
  }
  if (obj.overrides !== undefined) {
    if (!Array.isArray(obj.overrides)) throw new UsageError(`${where}: overrides must be a list`);
    config.overrides = obj.overrides.map((o, i) => {
      const w = `${where}: overrides[${i}]`;
      if (!o || typeof o !== 'object' || Array.isArray(o)) throw new UsageError(`${w} must be a mapping with files and rules`);
      for (const key of Object.keys(o)) if (key !== 'files' && key !== 'rules') throw new UsageError(`${w}: unknown key "${key}"${didYouMean(key, ['files', 'rules'])}`);
      const files = expectGlobs(expectStrings((o as Record<string, unknown>).files, `${w}.files`), `${w}.files`, { dot: true, allowNegation: true });
      if (!files) throw new UsageError(`${w} needs files`);
      return { files, rules: expectRules((o as Record<string, unknown>).rules, `${w}.rules`) };
    });
  }
  for (const k of Object.keys(config) as (keyof UserConfig)[]) if (config[k] === undefined) delete config[k];
  return config;
}

/** Read and check a config file. */
export function readConfigFile(path: string): UserConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let value: unknown;
  if (path.endsWith('.json')) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`config ${path} is not valid JSON: ${(error as Error).message}`);
    }
  } else {
    const loaded = loadText(path, text);
    if (loaded.value === undefined && loaded.problems.length > 0) {
      const p = loaded.problems[0];
      const at = p.start !== undefined ? loaded.lines.position(p.start) : { line: 1, column: 1 };
      throw new UsageError(`config ${path}:${at.line}:${at.column} is not valid YAML (${p.messageId}${p.data.detail ? ': ' + String(p.data.detail) : ''})`);
    }
    value = loaded.value;
  }
  return checkConfig(value === null ? {} : JSON.parse(JSON.stringify(value ?? {})), path);
}

/**
 * Load the configuration: the file named, or the one found upward from `cwd`, or none.
 * @param path a config file to use instead of searching
 */
export function loadConfig(path?: string, cwd: string = process.cwd()): LoadedConfig {
  if (path) {
    const abs = resolve(cwd, path);
    if (!existsSync(abs)) throw new UsageError(`config file not found: ${path}`);
    return { path: abs, baseDir: dirname(abs), config: readConfigFile(abs) };
  }
  const found = findConfigFile(cwd);
  if (!found) return { baseDir: resolve(cwd), config: {} };
  return { path: found, baseDir: dirname(found), config: readConfigFile(found) };
}
