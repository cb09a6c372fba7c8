/**
 * From options and config file to what a run needs: the rule registry (built-in rules plus
 * plugins), the per-file rule resolver, locale and reference mode.
 */
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinRules } from '../../rules/index.js';
import type { RuleDefinition } from '../rule-api/index.js';
import type { Facet } from '../engine/fingerprint.js';
import type { Locale, SeveritySetting } from '../types.js';
import { UsageError, didYouMean } from './errors.js';
import { checkConfig, loadConfig, type LoadedConfig, type UserConfig } from './load.js';
import { statSync } from 'node:fs';
import { isLocale } from '../report/i18n.js';
import { PRESET_NAMES, RuleResolver, parseRuleEntry, presetRules, resolveOptions, type PresetName, type RuleEntry } from './resolve.js';

export interface SetupOptions {
  cwd?: string;
  /** A config file path, a config object, or `false` for none. Default: search upward from cwd. */
  config?: string | UserConfig | false;
  /** Rule settings with the highest priority (the CLI's `--rule`). */
  rules?: Record<string, RuleEntry>;
  preset?: PresetName;
  locale?: Locale;
  reference?: 'root' | 'parent';
}

export interface RunSetup {
  cwd: string;
  loaded: LoadedConfig;
  rules: Map<string, RuleDefinition>;
  resolver: RuleResolver;
  locale: Locale;
  reference: 'root' | 'parent';
  /** The config's `asOf` (decisions count from their effective date plus transition). */
  asOf?: string;
  preset: PresetName;
  /** Facets whose rule compares raw text somewhere (they need strict fingerprints too). */
  strictFacets: Set<Facet>;
}

/** Import the rules a plugin module exports (`rules` as a list or a map, or a default export of either). */
async function loadPlugin(spec: string, baseDir: string): Promise<RuleDefinition[]> {
  let url: string;
  try {
    if (spec.startsWith('.') || isAbsolute(spec)) url = pathToFileURL(resolve(baseDir, spec)).href;
    else url = pathToFileURL(createRequire(join(baseDir, 'noop.js')).resolve(spec)).href;
  } catch {
    throw new UsageError(`plugin "${spec}" not found (from ${baseDir})`);
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`plugin "${spec}" failed to load: ${(error as Error).message.split('\n')[0]}`);
  }
  const exported = (mod.rules ?? (mod.default as Record<string, unknown> | undefined)?.rules ?? mod.default) as unknown;
  const list = Array.isArray(exported) ? exported : exported && typeof exported === 'object' ? Object.values(exported) : [];
  const rules = list.filter((r): r is RuleDefinition => !!r && typeof r === 'object' && typeof (r as RuleDefinition).id === 'string' && !!(r as RuleDefinition).messages);
  if (rules.length === 0) throw new UsageError(`plugin "${spec}" exports no rules (export \`rules\`: a list of defineRule(...) results)`);
  return rules;
}

/**
 * Check the settings a library caller passes as the command line checks its flags: a bad value is
 * a {@link UsageError} with a one-line reason, never a `TypeError` later or a silently empty run.
 */
function checkSetupOptions(options: SetupOptions): void {
  if (options.cwd !== undefined) {
    if (typeof options.cwd !== 'string' || options.cwd === '') throw new UsageError('option cwd: expected a directory path');
    let isDir = false;
    try {
      isDir = statSync(options.cwd).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) throw new UsageError(`option cwd: ${options.cwd} is not a directory`);
  }
  if (options.locale !== undefined && !isLocale(options.locale)) throw new UsageError(`unknown locale "${String(options.locale)}"; use zh-CN or en`);
  if (options.reference !== undefined && options.reference !== 'root' && options.reference !== 'parent') throw new UsageError(`option reference: "${String(options.reference)}" is not root or parent`);
  if (options.preset !== undefined && !PRESET_NAMES.includes(options.preset)) throw new UsageError(`unknown preset "${String(options.preset)}"; use ${PRESET_NAMES.join(', ')}${didYouMean(String(options.preset), PRESET_NAMES)}`);
  if (options.rules !== undefined && (options.rules === null || typeof options.rules !== 'object' || Array.isArray(options.rules))) throw new UsageError('option rules: expected an object of "rule-id": severity');
  const c = options.config;
  if (c !== undefined && c !== false && typeof c !== 'string' && (c === null || typeof c !== 'object' || Array.isArray(c))) throw new UsageError('option config: expected a config file path, a config object or false');
}

export async function setup(options: SetupOptions = {}): Promise<RunSetup> {
  checkSetupOptions(options);
  const cwd = resolve(options.cwd ?? process.cwd());
  let loaded: LoadedConfig;
  if (options.config === false) loaded = { baseDir: cwd, config: {} };
  // A config object gets the same checks as a config file.
  else if (typeof options.config === 'object') loaded = { baseDir: cwd, config: checkConfig(options.config, 'config option') };
  else loaded = loadConfig(options.config, cwd);
  const config = loaded.config;

  const rules = new Map<string, RuleDefinition>();
  for (const r of builtinRules) rules.set(r.id, r);
  for (const spec of config.plugins ?? []) {
    for (const r of await loadPlugin(spec, loaded.baseDir)) {
      if (rules.has(r.id)) throw new UsageError(`plugin "${spec}": rule "${r.id}" is already defined`);
      rules.set(r.id, { ...r, severity: r.severity ?? 'error' });
    }
  }

  const preset = options.preset ?? config.preset ?? 'recommended';
  if (!PRESET_NAMES.includes(preset)) throw new UsageError(`unknown preset "${preset}"; use ${PRESET_NAMES.join(', ')}`);
  const where = loaded.path ?? 'configuration';
  const parseLayer = (entries: Record<string, RuleEntry> | undefined, w: string) => {
    const layer = new Map<string, { severity: SeveritySetting; options?: Record<string, unknown> }>();
    for (const [id, entry] of Object.entries(entries ?? {})) {
      const parsed = parseRuleEntry(id, entry, rules, w);
      resolveOptions(rules.get(id)!, parsed.options, w);
      layer.set(id, parsed);
    }
    return layer;
  };
  const resolver = new RuleResolver(rules, {
    base: [presetRules(preset, rules), parseLayer(config.rules, where)],
    overrides: (config.overrides ?? []).map((o, i) => ({ files: o.files, rules: parseLayer(o.rules, `${where} overrides[${i}]`) })),
    cli: parseLayer(options.rules, '--rule'),
  });
  const strictFacets = new Set<Facet>();
  for (const r of rules.values()) if (r.facet && resolver.anyLayerSets(r.id, 'strict', true)) strictFacets.add(r.facet);
  return {
    cwd,
    loaded,
    rules,
    resolver,
    strictFacets,
    locale: options.locale ?? config.locale ?? 'zh-CN',
    reference: options.reference ?? config.reference ?? 'root',
    ...(config.asOf !== undefined ? { asOf: config.asOf } : {}),
    preset,
  };
}
