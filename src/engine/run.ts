/**
 * The runner: per-file records (from {@link analyzeFile}, here or in workers) → dataset →
 * cross-level rules → suppressions → worded, sorted report. Nothing here reads files or parses
 * YAML; a file is loaded again only through its {@link SourceFile} when a rule needs it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoadedFile } from '../load/index.js';
import { compareCodeUnits } from '../util/order.js';
import type { Locale } from '../types.js';
import type { FileRecord } from './analyze.js';
import { sameFacet, type Facet } from './fingerprint.js';
import { SourceFile, buildDataset, type Dataset } from './dataset.js';
import { batchRanges, sourceOf, toRaw, type LocatedRange, type Pending, type RawDiagnostic, type RulesFor } from './located.js';
import type { ReportDescriptor, RuleContext, RuleDefinition } from '../rule-api/index.js';
import { applySuppressions } from './suppress.js';
import { callRule } from '../config/errors.js';

export type { RawDiagnostic } from './located.js';

export interface RunOptions {
  rules: Map<string, RuleDefinition>;
  strictFacets?: ReadonlySet<Facet>;
  /** Rule settings effective for a file (preset, config, overrides, command line). */
  rulesFor: RulesFor;
  locale: Locale;
  reference: 'root' | 'parent';
  /** The config's `asOf`: decisions count from their effective date plus transition. */
  asOf?: string;
  /** The run's directory (rule options' relative paths); default: the process's. */
  cwd?: string;
  /**
   * Every file of the dataset, in path order, when the records given are only part of it (a
   * partial run): a `dataset` hook takes its settings from the first file that turns it on.
   */
  allFiles?: readonly string[];
}

/** How the cross-level stage gets a file back: its text, value and node index. */
export type Reloader = (file: string) => LoadedFile;

/** What earlier runs learnt (the cache): compare results and ranges, by content hashes. */
export interface CrossMemo {
  /** Raw diagnostics of one compare call, keyed by rule, options and both items' file hashes. */
  compare: Map<string, RawDiagnostic[]>;
  locate: Map<string, LocatedRange>;
  /** Keys used in this run (the rest is dropped when the cache is written). */
  used: Set<string>;
}

/** Run the cross-level hooks (`region`, `compare`, `dataset`) over the dataset. */
export function runCrossLevel(dataset: Dataset, options: RunOptions, raw: RawDiagnostic[], memo?: CrossMemo): void {
  /** Findings waiting for their ranges, with the memo key of the compare call that made them. */
  const pending: (Pending & { memoKey?: string })[] = [];
  let memoKey: string | undefined;
  const contexts = new Map<RuleDefinition, Map<SourceFile | undefined, (RuleContext & { dataset: Dataset }) | null>>();
  const contextFor = (rule: RuleDefinition, subject: SourceFile | undefined): (RuleContext & { dataset: Dataset }) | undefined => {
    let byFile = contexts.get(rule);
    if (!byFile) contexts.set(rule, (byFile = new Map()));
    let ctx = byFile.get(subject);
    if (ctx === undefined) {
      const setting = subject ? options.rulesFor(subject.file).get(rule.id) : anySetting(options, dataset, rule.id);
      ctx =
        !setting || setting.severity === 'off'
          ? null
          : {
              options: setting.options,
              cwd: options.cwd ?? process.cwd(),
              dataset,
              report: (d: ReportDescriptor) => {
                const file = d.file ? sourceOf(d.file) : subject;
                if (!file) return;
                const fileSetting = options.rulesFor(file.file).get(rule.id);
                if (!fileSetting || fileSetting.severity === 'off') return;
                pending.push({ ruleId: rule.id, severity: d.severity ?? fileSetting.severity, descriptor: d, file, memoKey });
              },
            };
      byFile.set(subject, ctx);
    }
    return ctx ?? undefined;
  };
  const rules = [...options.rules.values()];
  const comparing = rules.filter((r) => r.compare);
  /** Compare calls that found nothing: remembered as such once the run is over. */
  const clean: string[] = [];
  if (comparing.length) {
    for (const region of dataset.regions.values()) {
      for (const ref of region.items) {
        if (region.byCode.get(ref.summary.code) !== ref) continue; // a duplicate: item/unique-code speaks
        const reference = dataset.referenceOf(ref);
        if (reference === ref) continue;
        // Identical fingerprints: every facet-based rule is satisfied at once (unless some rule is
        // strict somewhere, which sameFacet checks facet by facet).
        const identical = ref.fp !== undefined && ref.fp === reference.fp && !options.strictFacets?.size;
        for (const rule of comparing) {
          if (identical && rule.facet) continue;
          const ctx = contextFor(rule, ref.file);
          if (!ctx) continue;
          if (rule.facet && sameFacet(ref.fp, reference.fp, rule.facet, !!(ctx.options as { strict?: boolean }).strict)) continue;
          // A compare result is remembered only for rules that compare one facet of the pair (their
          // result depends on nothing else), keyed by everything it depends on: the rule and its
          // options, and each side's file path, content and item index.
          const key = memo && rule.facet && ref.file.hash && reference.file.hash ? JSON.stringify([rule.id, ctx.options, ref.file.file, ref.file.hash, ref.index, reference.file.file, reference.file.hash, reference.index]) : undefined;
          const hit = key ? memo!.compare.get(key) : undefined;
          if (hit) {
            memo!.used.add(key!);
            raw.push(...hit);
            continue;
          }
          const before = pending.length;
          // Only what this call reports is filed under its key.
          memoKey = key;
          try {
            callRule(rule.id, ref.file.file, () => rule.compare!({ item: ref, reference }, ctx));
          } finally {
            memoKey = undefined;
          }
          if (key && pending.length === before) clean.push(key);
        }
      }
      // This region's documents were only needed for its own comparisons: let them go (a file is
      // loaded again if it is the reference of a region further on).
      for (const f of region.files) f.release();
    }
  }
  for (const rule of rules) {
    if (rule.region) {
      for (const region of dataset.regions.values()) {
        const ctx = contextFor(rule, region.files[0]);
        if (ctx) callRule(rule.id, region.files[0]?.file ?? '', () => rule.region!(region, ctx));
      }
    }
    if (rule.dataset) {
      const ctx = contextFor(rule, undefined);
      if (ctx) callRule(rule.id, '', () => rule.dataset!(dataset, ctx));
    }
  }
  // Ranges for every finding, one targeted pass per file.
  const range = batchRanges(pending, memo);
  const byKey = new Map<string, RawDiagnostic[]>();
  for (const p of pending) {
    const d = toRaw(p.ruleId, p.severity, p.descriptor, p.descriptor.file ? sourceOf(p.descriptor.file) : p.file, range);
    raw.push(d);
    if (p.memoKey) {
      let list = byKey.get(p.memoKey);
      if (!list) byKey.set(p.memoKey, (list = []));
      list.push(d);
    }
  }
  if (memo) {
    for (const key of clean) byKey.set(key, []);
    for (const [key, list] of byKey) {
      memo.compare.set(key, list);
      memo.used.add(key);
    }
  }
}

function anySetting(options: RunOptions, dataset: Dataset, ruleId: string) {
  for (const f of options.allFiles ?? dataset.files.map((d) => d.file)) {
    const s = options.rulesFor(f).get(ruleId);
    if (s && s.severity !== 'off') return s;
  }
  return undefined;
}

/** What a run shows an observer (the statistics): its dataset and the findings comments suppressed. */
export interface RunObservation {
  dataset?: Dataset;
  suppressed: RawDiagnostic[];
  /** false: the observer turned out not to need the run's dataset (a cached result may stand in for the run). */
  needed?: boolean;
}
const observers = new AsyncLocalStorage<RunObservation>();

/** Whether a run now would be observed (by the statistics, which need its dataset). */
export function observed(): boolean {
  const store = observers.getStore();
  return store !== undefined && store.needed !== false;
}

/** Run `fn` (a lint) and fill `observation` from the runs it finishes. */
export function observeRuns<T>(observation: RunObservation, fn: () => Promise<T>): Promise<T> {
  return observers.run(observation, fn);
}

/**
 * The second half of a run, once every file has its record: build the dataset from the records,
 * run the cross-level rules, apply suppressions, and word the report.
 */
/** What a run found, before wording: the files, their raw diagnostics, and the counts of the summary. */
export interface RunResult {
  /** Every file of the run, in path order. */
  files: string[];
  diagnostics: RawDiagnostic[];
  regions: number;
  items: number;
  /** Items of each file, in the order of `files`. */
  fileItems: number[];
  regionOf: (file: string) => string;
}

export function finishRun(records: FileRecord[], reload: Reloader, options: RunOptions, memo?: CrossMemo): RunResult {
  const sorted = [...records].sort((a, b) => compareCodeUnits(a.file, b.file));
  const sources = sorted.map((r) => ({
    source: new SourceFile(r.file, r.regionCode, r.header, new Set(r.invalidItems), r.parseFailed, () => reload(r.file), undefined, r.hash, new Map(r.items.map((it) => [it.index, it.summary.code])), r.lists ?? []),
    items: r,
  }));
  const dataset = buildDataset(sources, options.reference, options.asOf);
  const raw: RawDiagnostic[] = [];
  for (const r of sorted) raw.push(...r.diagnostics);
  runCrossLevel(dataset, options, raw, memo);
  for (const s of sources) s.source.release();
  const observer = observers.getStore();
  if (observer) observer.dataset = dataset;
  const kept = applySuppressions(sorted, raw, options.rules, options.rulesFor, observer && ((d) => observer.suppressed.push(d)));
  const items = sorted.reduce((n, r) => n + r.itemCount, 0);
  const regionOf = new Map(sorted.map((r) => [r.file, r.regionCode]));
  return { files: sorted.map((r) => r.file), diagnostics: kept, regions: dataset.regions.size, items, fileItems: sorted.map((r) => r.itemCount), regionOf: (f) => regionOf.get(f) ?? '' };
}
