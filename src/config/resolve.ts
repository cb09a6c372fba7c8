/**
 * Rule settings: presets, the config's `rules`, `overrides` by glob and `--rule` flags, merged
 * into the settings effective for one file. Options are validated against each rule's schema.
 */
import type AjvModule from 'ajv';
import type { RuleDefinition } from '../rule-api/index.js';
import type { SeveritySetting } from '../types.js';
import { UsageError, didYouMean } from './errors.js';
import { lazyModule } from '../util/lazy.js';
import { GlobError, globMatcher, showPattern } from '../files/glob.js';

type AjvClass = typeof AjvModule.default;
const ajvClass = lazyModule<AjvClass>('ajv');

export interface RuleSetting {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}
export type EffectiveRules = Map<string, RuleSetting>;

/** A rule entry as users write it: `error` or `[error, { …options }]` (0/1/2 accepted too). */
export type RuleEntry = SeveritySetting | 0 | 1 | 2 | [SeveritySetting | 0 | 1 | 2, Record<string, unknown>?];

export const PRESET_NAMES = ['recommended', 'five-consistencies', 'strict', 'two-lists', 'three-levels-four-same'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** The rule settings a preset gives (rules.md, "Presets"). */
export function presetRules(name: PresetName, rules: Map<string, RuleDefinition>): Map<string, { severity: SeveritySetting; options?: Record<string, unknown> }> {
  const out = new Map<string, { severity: SeveritySetting; options?: Record<string, unknown> }>();
  for (const rule of rules.values()) {
    if (name === 'recommended') out.set(rule.id, { severity: rule.severity });
    else if (name === 'five-consistencies') out.set(rule.id, { severity: rule.fiveConsistencies || rule.core ? (rule.severity === 'off' ? 'error' : rule.severity) : 'off' });
    else if (name === 'two-lists' || name === 'three-levels-four-same') {
      // Focused presets (lists.md): the named rules at the given severities, plus the core rules.
      const severity = FOCUSED_PRESETS[name][rule.id] ?? (rule.core ? (rule.severity === 'off' ? 'error' : rule.severity) : 'off');
      out.set(rule.id, { severity });
    }
    else {
      // strict: every rule on, warnings as errors, consistency rules compare raw text.
      const strictOption = rule.optionsSchema && hasProperty(rule.optionsSchema, 'strict') ? { strict: true } : undefined;
      out.set(rule.id, { severity: 'error', options: strictOption });
    }
  }
  return out;
}

/** 两单融合 and 三级四同: the rules each names, with their severities (core rules come on besides). */
const FOCUSED_PRESETS: Record<'two-lists' | 'three-levels-four-same', Record<string, SeveritySetting>> = {
  'two-lists': { 'responsibility/missing': 'warning', 'responsibility/stages': 'info' },
  'three-levels-four-same': { 'consistency/name': 'error', 'consistency/type': 'error', 'consistency/basis': 'error', 'item/unique-code': 'error' },
};

function hasProperty(schema: Record<string, unknown>, name: string): boolean {
  const props = schema.properties as Record<string, unknown> | undefined;
  return !!props && name in props;
}

const SEVERITY_ALIASES: Record<string, SeveritySetting> = { '0': 'off', '1': 'warning', '2': 'error', off: 'off', warn: 'warning', warning: 'warning', error: 'error', info: 'info' };

export function parseSeverity(value: unknown, where: string): SeveritySetting {
  const s = SEVERITY_ALIASES[String(value)];
  if (s === undefined) throw new UsageError(`${where}: invalid severity "${String(value)}"; use off, info, warning or error${didYouMean(String(value), ['off', 'info', 'warning', 'error'])}`);
  return s;
}

/** Parse one `rules` entry. */
export function parseRuleEntry(id: string, entry: unknown, rules: Map<string, RuleDefinition>, where: string): { severity: SeveritySetting; options?: Record<string, unknown> } {
  if (!rules.has(id)) throw new UsageError(`${where}: unknown rule "${id}"${didYouMean(id, rules.keys())}`);
  if (Array.isArray(entry)) {
    if (entry.length === 0 || entry.length > 2) throw new UsageError(`${where}: rule "${id}" must be a severity or [severity, options]`);
    const options = entry[1];
    if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
      throw new UsageError(`${where}: options of rule "${id}" must be a mapping`);
    }
    return { severity: parseSeverity(entry[0], `${where} rule "${id}"`), options: options as Record<string, unknown> | undefined };
  }
  return { severity: parseSeverity(entry, `${where} rule "${id}"`) };
}

let optionsAjv: InstanceType<AjvClass> | undefined;
const optionValidators = new WeakMap<object, ReturnType<InstanceType<AjvClass>['compile']>>();

/** Defaults filled in and checked against the rule's options schema. */
export function resolveOptions(rule: RuleDefinition, options: Record<string, unknown> | undefined, where: string): Record<string, unknown> {
  const merged = { ...(rule.defaultOptions ?? {}), ...(options ?? {}) };
  if (options && Object.keys(options).length > 0) {
    if (!rule.optionsSchema) throw new UsageError(`${where}: rule "${rule.id}" takes no options`);
    let validate = optionValidators.get(rule.optionsSchema);
    if (!validate) {
      optionsAjv ??= new (ajvClass())({ allErrors: true, strict: false, useDefaults: false });
      optionValidators.set(rule.optionsSchema, (validate = optionsAjv.compile(rule.optionsSchema)));
    }
    if (!validate(merged)) {
      const e = validate.errors![0];
      const extra = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
      const known = Object.keys((rule.optionsSchema.properties ?? {}) as object);
      const hint = extra ? `unknown option "${extra}"${didYouMean(extra, known)}` : `${e.instancePath || 'options'} ${e.message}`;
      throw new UsageError(`${where}: invalid options for rule "${rule.id}": ${hint}`);
    }
  }
  return merged;
}

export interface OverrideLayer {
  files: string[];
  rules: Map<string, { severity: SeveritySetting; options?: Record<string, unknown> }>;
}

/**
 * The settings for one file: preset, then config rules, then matching overrides in order,
 * then command-line rules. Options given at a later layer replace earlier options.
 */
export class RuleResolver {
  private readonly cache = new Map<string, EffectiveRules>();
  private readonly matchers: ((file: string) => boolean)[];

  constructor(
    private readonly rules: Map<string, RuleDefinition>,
    private readonly layers: { base: Map<string, { severity: SeveritySetting; options?: Record<string, unknown> }>[]; overrides: OverrideLayer[]; cli: Map<string, { severity: SeveritySetting; options?: Record<string, unknown> }> },
  ) {
    // A matcher that cannot backtrack: a hostile pattern costs linear time, not hours.
    this.matchers = layers.overrides.map((o, i) => {
      try {
        return globMatcher(o.files, { dot: true, allowNegation: true });
      } catch (error) {
        if (!(error instanceof GlobError)) throw error;
        const bad = o.files.find((p) => {
          try {
            globMatcher([p], { dot: true, allowNegation: true });
            return false;
          } catch {
            return true;
          }
        })!;
        throw new UsageError(`overrides[${i}].files "${showPattern(bad)}" ${error.message}`);
      }
    });
  }

  /** Whether any layer (preset, config, an override, the command line) sets `option` to `value` for a rule. */
  anyLayerSets(ruleId: string, option: string, value: unknown): boolean {
    const layers = [...this.layers.base, ...this.layers.overrides.map((o) => o.rules), this.layers.cli];
    const defaults = this.rules.get(ruleId)?.defaultOptions;
    return (defaults?.[option] === value) || layers.some((l) => l.get(ruleId)?.options?.[option] === value);
  }

  for(file: string): EffectiveRules {
    const matching = this.matchers.map((m) => m(file));
    const key = matching.map((b) => (b ? '1' : '0')).join('');
    let hit = this.cache.get(key);
    if (hit) return hit;
    const merged = new Map<string, { severity: SeveritySetting; options?: Record<string, unknown> }>();
    const apply = (layer: Map<string, { severity: SeveritySetting; options?: Record<string, unknown> }>) => {
      for (const [id, s] of layer) {
        const prev = merged.get(id);
        merged.set(id, { severity: s.severity, options: s.options ?? prev?.options });
      }
    };
    for (const l of this.layers.base) apply(l);
    this.layers.overrides.forEach((o, i) => matching[i] && apply(o.rules));
    apply(this.layers.cli);
    hit = new Map();
    for (const rule of this.rules.values()) {
      const s = merged.get(rule.id) ?? { severity: rule.severity };
      hit.set(rule.id, { severity: s.severity, options: resolveOptions(rule, s.options, 'configuration') });
    }
    this.cache.set(key, hit);
    return hit;
  }
}
