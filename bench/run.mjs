#!/usr/bin/env node
// Province-scale benchmark (`npm run bench`, after `npm run build`).
//
// Generates two datasets into bench/data/ (about 15,000 and about 100,000 items), then measures,
// each command as a separate whole process (Node start-up included), 3 repetitions, median:
//   read-only baseline, ajv-cli (schema only), js-yaml load, yaml parseDocument, qingdan-lint cold
//   (default threads and --threads 1; default threads again on the same data without planted
//   differences, to separate the cost per item from the cost per diagnostic) and qingdan-lint
//   warm (--cache, nothing changed),
// with peak RSS from /usr/bin/time. Checks that the JSON report is byte-identical for
// --threads 1, --threads 2, the default and the warm cache run. Writes bench/RESULTS.md.
// Progress goes to stderr.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const DATA = path.join(BENCH, 'data');
const OUT = path.join(DATA, 'out');
const RESULTS = path.join(BENCH, 'RESULTS.md');
const CLI = path.join(ROOT, 'bin', 'qingdan-lint.js');
const SCHEMA = path.join(ROOT, 'schemas', 'checklist.schema.json');
const NODE = process.execPath;

const REPS = 3;
const SEED = 42;
const INCONSISTENCIES = 40;
/** Skip `yaml` parseDocument at a size where one run is estimated to take longer than this. */
const YAML_SKIP_SECONDS = 60;
/** Above this estimate, `yaml` parseDocument is run once instead of REPS times (time budget). */
const YAML_SINGLE_REP_SECONDS = 25;
/** A per-item cost at ~100k items up to this multiple of the cost at ~15k counts as linear. */
const LINEAR_TOLERANCE = 1.3;
const MEMORY_LIMIT_MB = 1024;
/** Enable the one rule that is off in the recommended preset, so every rule runs. */
const EVERY_RULE = ['--rule', 'consistency/basis: warning'];

const SIZES = process.env.QINGDAN_BENCH_SMOKE
  ? [ // a seconds-long smoke test of this script; RESULTS.md then holds meaningless figures
      { name: 'smoke-small', label: 'smoke small', cities: 1, districts: 2, items: 100 },
      { name: 'smoke-large', label: 'smoke large', cities: 2, districts: 3, items: 150 },
    ]
  : [
      { name: 'small', label: '~15k items', cities: 2, districts: 7, items: 1000 },
      { name: 'large', label: '~100k items', cities: 9, districts: 10, items: 1250 },
    ];

const started = Date.now();
const log = (msg) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Measuring one whole process

const TIME_BIN = '/usr/bin/time';
const timeFile = path.join(OUT, 'time.txt');

function gnuTimeWorks() {
  if (!fs.existsSync(TIME_BIN)) return false;
  const r = spawnSync(TIME_BIN, ['-f', '%e %M', '-o', timeFile, NODE, '-e', '0'], { stdio: 'ignore' });
  if (r.status !== 0 || !fs.existsSync(timeFile)) return false;
  return /^\d+(\.\d+)? \d+$/m.test(fs.readFileSync(timeFile, 'utf8'));
}

let useTime = false;

/**
 * Runs `args` (argv[0] is the program) in `cwd`, stdout to `stdoutFile` (or discarded).
 * Returns { seconds, rssMB (null without GNU time), status, stderr }.
 */
function measure(args, { cwd = ROOT, env = {}, stdoutFile, okStatus = [0] } = {}) {
  const fd = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'ignore';
  const childEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  const argv = useTime ? [TIME_BIN, '-f', '%e %M', '-o', timeFile, ...args] : args;
  if (useTime) fs.rmSync(timeFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd,
    env: childEnv,
    stdio: ['ignore', fd, 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (typeof fd === 'number') fs.closeSync(fd);
  const stderr = r.stderr ? r.stderr.toString('utf8') : '';
  if (r.error) throw new Error(`${args.join(' ')}: ${r.error.message}`);
  if (!okStatus.includes(r.status)) {
    throw new Error(`${args.join(' ')} (cwd ${cwd}) exited with ${r.status ?? r.signal}:\n${stderr.slice(-2000)}`);
  }
  let seconds = wall;
  let rssMB = null;
  if (useTime) {
    const lines = fs.readFileSync(timeFile, 'utf8').trim().split('\n');
    const m = /^(\d+(?:\.\d+)?) (\d+)$/.exec(lines[lines.length - 1]);
    if (m) {
      // %e has 10 ms resolution; the wall clock measured here includes the tiny spawn overhead
      // of /usr/bin/time itself, so prefer %e.
      seconds = Number(m[1]);
      rssMB = Number(m[2]) / 1024;
    }
  }
  return { seconds, rssMB, status: r.status, stderr };
}

const TIMING_RE = /qingdan-lint timing: threads=(\d+) per-file=(\d+)ms cross-level\+report=(\d+)ms/;

function median(values) {
  const v = values.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const max = (values) => {
  const v = values.filter((x) => x !== null && x !== undefined);
  return v.length ? Math.max(...v) : null;
};

/** Runs a command `reps` times; `before(rep)` runs (unmeasured) before each rep. */
function repeat(name, reps, makeRun, before) {
  const runs = [];
  for (let rep = 0; rep < reps; rep++) {
    if (before) before(rep);
    const r = makeRun(rep);
    const t = TIMING_RE.exec(r.stderr);
    if (t) r.timing = { threads: Number(t[1]), perFileMs: Number(t[2]), crossMs: Number(t[3]) };
    runs.push(r);
    log(`  ${name} rep ${rep + 1}/${reps}: ${r.seconds.toFixed(2)} s` +
      (r.rssMB !== null ? `, ${r.rssMB.toFixed(0)} MB` : '') +
      (r.timing ? ` (threads=${r.timing.threads} per-file ${r.timing.perFileMs} ms, cross-level+report ${r.timing.crossMs} ms)` : ''));
  }
  const timed = runs.filter((r) => r.timing);
  return {
    name,
    reps,
    seconds: median(runs.map((r) => r.seconds)),
    rssMB: max(runs.map((r) => r.rssMB)),
    timing: timed.length
      ? {
          threads: timed[0].timing.threads,
          perFileMs: median(timed.map((r) => r.timing.perFileMs)),
          crossMs: median(timed.map((r) => r.timing.crossMs)),
        }
      : null,
    runs,
  };
}

// ---------------------------------------------------------------------------------------------
// One dataset

function sameBytes(a, b) {
  return Buffer.compare(fs.readFileSync(a), fs.readFileSync(b)) === 0;
}

function benchSize(size, smallResult) {
  const dir = size.dir;
  const rel = path.relative(ROOT, dir).split(path.sep).join('/');
  const cache = path.join(dir, '.qingdan-lint-cache');
  const outFile = (label, rep) => path.join(OUT, `${size.name}-${label}-${rep}.json`);
  const lintEnv = { QINGDAN_LINT_TIMING: '1' };
  const noTiming = { QINGDAN_LINT_TIMING: undefined };
  // The linter runs with the dataset directory as its working directory: bench/data/ is in the
  // project's .gitignore, which the linter applies to files found under a directory argument.
  const lint = (extra, label, cwd = dir) => (rep) =>
    measure([NODE, CLI, '--format', 'json', ...EVERY_RULE, ...extra, '.'], {
      cwd, env: lintEnv, stdoutFile: outFile(label, rep), okStatus: [0, 1],
    });
  const rmCache = () => fs.rmSync(cache, { force: true });

  const results = {};
  log(`${size.name}: ${size.files} files, ${size.items} items, ${size.mb.toFixed(1)} MB`);

  results.read = repeat('read files (baseline)', REPS, () =>
    measure([NODE, path.join(BENCH, 'read-files.mjs'), dir], { env: noTiming }));

  results.ajv = repeat('ajv-cli validate', REPS, () =>
    measure([NODE, fs.realpathSync(path.join(ROOT, 'node_modules', '.bin', 'ajv')), 'validate', '--spec=draft7',
      '-s', path.relative(ROOT, SCHEMA), '-d', `${rel}/**/*.yaml`, '--all-errors', '--strict=false'],
    { env: noTiming, okStatus: [0, 1] }));

  results.jsyaml = repeat('js-yaml load', REPS, () =>
    measure([NODE, path.join(BENCH, 'parse-js-yaml.mjs'), dir], { env: noTiming }));

  // yaml parseDocument: estimated from the small size by bytes.
  let yamlReps = REPS;
  let yamlNote = '';
  if (smallResult?.results.yaml) {
    const estimate = smallResult.results.yaml.seconds * (size.bytes / smallResult.bytes);
    if (estimate > YAML_SKIP_SECONDS) {
      yamlReps = 0;
      yamlNote = `skipped: estimated ${estimate.toFixed(0)} s per run from the small size (over ${YAML_SKIP_SECONDS} s)`;
    } else if (estimate > YAML_SINGLE_REP_SECONDS) {
      yamlReps = 1;
      yamlNote = `1 repetition only (estimated ${estimate.toFixed(0)} s per run from the small size)`;
    }
  }
  if (yamlReps > 0) {
    results.yaml = repeat('yaml parseDocument', yamlReps, () =>
      measure([NODE, path.join(BENCH, 'parse-yaml.mjs'), dir], { env: noTiming }));
  } else {
    log(`  yaml parseDocument ${yamlNote}`);
  }
  results.yamlNote = yamlNote;

  results.cold = repeat(`qingdan-lint cold (default threads)`, REPS, lint([], 'cold'), rmCache);
  results.cold1 = repeat('qingdan-lint cold --threads 1', REPS, lint(['--threads', '1'], 'threads1'), rmCache);
  // The same dataset without planted differences: separates the cost per item from the cost per
  // diagnostic in the cross-level stage.
  results.clean = repeat('qingdan-lint cold, no planted differences', REPS, lint([], 'clean', size.cleanDir),
    () => fs.rmSync(path.join(size.cleanDir, '.qingdan-lint-cache'), { force: true }));
  const cleanReport = JSON.parse(fs.readFileSync(outFile('clean', 0), 'utf8'));

  // Unmeasured runs for the byte-identity check.
  rmCache();
  log('  qingdan-lint --threads 2 (identity check, not timed)');
  lint(['--threads', '2'], 'threads2')(0);
  const extraThreads = smallResult ? [] : [3]; // one more N at the first (smaller) size only
  for (const n of extraThreads) {
    log(`  qingdan-lint --threads ${n} (identity check, not timed)`);
    lint(['--threads', String(n)], `threads${n}`)(0);
  }

  rmCache();
  log('  qingdan-lint --cache priming run (not timed)');
  const priming = lint(['--cache'], 'prime')(0);
  if (!fs.existsSync(cache)) throw new Error(`the priming run wrote no cache file at ${cache}`);
  const primingTiming = TIMING_RE.exec(priming.stderr);
  results.warm = repeat('qingdan-lint warm --cache', REPS, lint(['--cache'], 'warm'));
  rmCache();

  // Byte-identity of the JSON reports.
  const reference = outFile('threads1', 0);
  const compared = [
    ['--threads 1 (all reps)', [0, 1, 2].slice(0, REPS).map((r) => outFile('threads1', r))],
    ['--threads 2', [outFile('threads2', 0)]],
    ...extraThreads.map((n) => [`--threads ${n}`, [outFile(`threads${n}`, 0)]]),
    [`default threads (${results.cold.timing?.threads ?? '?'}; all reps)`, [0, 1, 2].slice(0, REPS).map((r) => outFile('cold', r))],
    ['--cache priming run', [outFile('prime', 0)]],
    ['--cache warm (all reps)', [0, 1, 2].slice(0, REPS).map((r) => outFile('warm', r))],
  ].map(([label, files]) => ({ label, identical: files.every((f) => sameBytes(reference, f)) }));
  const identical = compared.every((c) => c.identical);

  // The report is about the whole dataset and finds the planted differences.
  const report = JSON.parse(fs.readFileSync(reference, 'utf8'));
  const found = new Set();
  for (const f of report.files) for (const d of f.diagnostics) found.add(`${d.file}#${d.line}#${d.ruleId}#${d.messageId}`);
  const plantedFound = size.planted.filter((p) => found.has(`${p.file}#${p.line}#${p.ruleId}#${p.messageId}`)).length;
  const check = {
    compared,
    identical,
    reportBytes: fs.statSync(reference).size,
    summary: report.summary,
    plantedFound,
    planted: size.planted.length,
    primingPerFileMs: primingTiming ? Number(primingTiming[2]) : null,
    cleanSummary: cleanReport.summary,
  };
  if (report.summary.items !== size.items) {
    throw new Error(`${size.name}: the report covers ${report.summary.items} items, the dataset has ${size.items}`);
  }
  log(`  byte-identical reports: ${identical ? 'yes' : 'NO'}; planted differences found ${plantedFound}/${size.planted.length}; ` +
    `report ${report.summary.errors} errors, ${report.summary.warnings} warnings`);
  return { ...size, results, check };
}

// ---------------------------------------------------------------------------------------------
// RESULTS.md

const fmtS = (s) => (s === null || s === undefined ? '—' : s < 10 ? s.toFixed(2) : s.toFixed(1));
const fmtMB = (mb) => (mb === null || mb === undefined ? '—' : mb.toFixed(0));
const fmtRatio = (r) => (r === null || r === undefined || !Number.isFinite(r) ? '—' : `${r.toFixed(2)}×`);
const yesNo = (b) => (b ? 'met' : '**not met**');

const ROWS = [
  ['read', 'read every file, UTF-8 decode (baseline)'],
  ['ajv', '`ajv-cli` validate (schema only)'],
  ['jsyaml', '`js-yaml` `load` every file'],
  ['yaml', '`yaml` `parseDocument` + LineCounter every file'],
  ['cold', 'qingdan-lint cold (default threads)'],
  ['cold1', 'qingdan-lint cold `--threads 1`'],
  ['clean', 'qingdan-lint cold (default threads), same data without the planted differences'],
  ['warm', 'qingdan-lint warm `--cache`, nothing changed'],
];

function sizeTable(s) {
  const ajv = s.results.ajv.seconds;
  const lines = [
    `### ${s.label}: ${s.items.toLocaleString('en-US')} items, ${s.files} files, ${s.mb.toFixed(1)} MB`,
    '',
    `Generated with \`node bench/generate.mjs --cities ${s.cities} --districts ${s.districts} --items ${s.items_opt} ` +
      `--seed ${SEED} --inconsistencies ${INCONSISTENCIES}\` into \`${path.relative(ROOT, s.dir)}\`, ` +
      `and with \`--inconsistencies 0\` into \`${path.relative(ROOT, s.cleanDir)}\`.`,
    '',
    '| command | median s | peak RSS MB | ratio to ajv-cli |',
    '| --- | ---: | ---: | ---: |',
  ];
  for (const [key, label] of ROWS) {
    const r = s.results[key];
    if (!r) {
      lines.push(`| ${label} | ${s.results.yamlNote || 'not run'} | — | — |`);
      continue;
    }
    const note = key === 'yaml' && s.results.yamlNote ? ` (${s.results.yamlNote})` : '';
    lines.push(`| ${label}${note} | ${fmtS(r.seconds)} | ${fmtMB(r.rssMB)} | ${fmtRatio(r.seconds / ajv)} |`);
  }
  lines.push('');
  lines.push('qingdan-lint stages (from `QINGDAN_LINT_TIMING=1`, medians):');
  lines.push('');
  lines.push('| run | threads | per-file ms | cross-level + report ms | cross-level µs/item | total µs/item |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const key of ['cold', 'cold1', 'clean', 'warm']) {
    const r = s.results[key];
    const t = r.timing;
    lines.push(`| ${ROWS.find(([k]) => k === key)[1]} | ${t?.threads ?? '—'} | ${t?.perFileMs ?? '—'} | ${t?.crossMs ?? '—'} | ` +
      `${t ? ((t.crossMs * 1000) / s.items).toFixed(1) : '—'} | ${((r.seconds * 1e6) / s.items).toFixed(1)} |`);
  }
  lines.push('');
  return lines.join('\n');
}

function writeResults(sizes, env) {
  const [small, large] = sizes;
  const L = large.results;
  const S = small.results;
  const perItem = (r, s) => (r.seconds * 1e6) / s.items;
  const rssPerItem = (r, s) => (r.rssMB * 1024) / s.items; // KB per item
  const crossPerItem = (r, s) => (r.timing.crossMs * 1000) / s.items;

  const coldVsAjv = L.cold.seconds / L.ajv.seconds;
  const warmVsCold = L.warm.seconds / L.cold.seconds;
  const peakLint = max([L.cold.rssMB, L.cold1.rssMB, L.warm.rssMB]);
  const timeLin = perItem(L.cold, large) / perItem(S.cold, small);
  const rssLin = L.cold.rssMB !== null ? rssPerItem(L.cold, large) / rssPerItem(S.cold, small) : null;
  const crossLin = crossPerItem(L.cold, large) / crossPerItem(S.cold, small);
  const crossLin1 = crossPerItem(L.cold1, large) / crossPerItem(S.cold1, small);
  const crossLinClean = crossPerItem(L.clean, large) / crossPerItem(S.clean, small);
  // What the planted differences add to the cross-level stage, per reported diagnostic.
  const perDiag = (R, s) => {
    const n = s.check.summary.errors + s.check.summary.warnings + s.check.summary.infos;
    return n ? (R.cold.timing.crossMs - R.clean.timing.crossMs) / n : null;
  };
  const perDiagRss = (R, s) => {
    const n = s.check.summary.errors + s.check.summary.warnings + s.check.summary.infos;
    return n && R.cold.rssMB !== null ? (R.cold.rssMB - R.clean.rssMB) / n : null;
  };
  // Marginal cost between the sizes (removes fixed start-up costs).
  const di = large.items - small.items;
  const marginalUs = ((L.cold.seconds - S.cold.seconds) * 1e6) / di;
  const marginalRssKB = L.cold.rssMB !== null ? ((L.cold.rssMB - S.cold.rssMB) * 1024) / di : null;
  const allIdentical = sizes.every((s) => s.check.identical);

  const lines = [];
  lines.push('# qingdan-lint benchmark results');
  lines.push('');
  lines.push('Written by `npm run bench` (`bench/run.mjs`). Do not edit by hand.');
  lines.push('');
  lines.push(`- Date: ${env.date}`);
  lines.push(`- Machine: ${env.nproc} cores (nproc), ${env.cpu}, ${env.memGB.toFixed(0)} GB RAM, ${env.platform}`);
  lines.push(`- Node ${process.version}; js-yaml ${env.versions.jsyaml}, yaml ${env.versions.yaml}, ajv-cli ${env.versions.ajvcli}`);
  lines.push(`- Each command is a separate whole process (Node start-up included), ${REPS} repetitions, median time; ` +
    `peak RSS is the highest of the repetitions${env.useTime ? ' (`/usr/bin/time -f "%e %M"`)' : ' (not measured: no GNU /usr/bin/time; wall time from Node)'}.`);
  lines.push(`- qingdan-lint runs with \`--format json ${EVERY_RULE.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}\` ` +
    '(the recommended preset plus the one rule it leaves off, so schema and every rule run), in the dataset directory. ' +
    'Cold runs delete the cache file first and pass no `--cache`; the warm runs follow one unmeasured `--cache` priming run with nothing changed.');
  lines.push(`- Total benchmark time: ${env.totalSeconds.toFixed(0)} s.`);
  lines.push('');
  lines.push('**The machine is noisy (±15–30% run to run): compare the ratios measured within this one run, not the absolute times.**');
  lines.push('');
  lines.push('## Datasets');
  lines.push('');
  lines.push('| size | regions | files | items | MB | planted cross-level differences |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const s of sizes) {
    lines.push(`| ${s.label} | ${s.regions} | ${s.files} | ${s.items.toLocaleString('en-US')} | ${s.mb.toFixed(1)} | ${s.planted.length} |`);
  }
  lines.push('');
  lines.push('## Results');
  lines.push('');
  for (const s of sizes) lines.push(sizeTable(s));
  lines.push(`## Targets (at ${large.items.toLocaleString('en-US')} items, ${env.nproc} cores)`);
  lines.push('');
  if (env.nproc !== 2) lines.push(`Note: the targets are stated for 2 cores; this machine has ${env.nproc}.\n`);
  lines.push('| target | measured | |');
  lines.push('| --- | --- | --- |');
  lines.push(`| cold full lint no slower than ajv-cli schema-only validation | ${fmtS(L.cold.seconds)} s vs ${fmtS(L.ajv.seconds)} s = ${fmtRatio(coldVsAjv)} | ${yesNo(coldVsAjv <= 1)} |`);
  lines.push(`| warm \`--cache\` under 10% of cold | ${fmtS(L.warm.seconds)} s vs ${fmtS(L.cold.seconds)} s = ${(warmVsCold * 100).toFixed(1)}% | ${yesNo(warmVsCold < 0.1)} |`);
  lines.push(`| peak memory under 1 GB (${MEMORY_LIMIT_MB} MB; highest of cold, \`--threads 1\` and warm) | ` +
    (peakLint === null ? 'not measured | — |' : `${fmtMB(peakLint)} MB | ${yesNo(peakLint < MEMORY_LIMIT_MB)} |`));
  lines.push(`| time linear in items (cold µs/item at the larger size ≤ ${LINEAR_TOLERANCE}× that at the smaller) | ` +
    `${perItem(L.cold, large).toFixed(1)} vs ${perItem(S.cold, small).toFixed(1)} µs/item = ${fmtRatio(timeLin)} | ${yesNo(timeLin <= LINEAR_TOLERANCE)} |`);
  lines.push(`| memory linear in items (cold peak RSS KB/item at the larger size ≤ ${LINEAR_TOLERANCE}× that at the smaller) | ` +
    (rssLin === null ? 'not measured | — |'
      : `${rssPerItem(L.cold, large).toFixed(1)} vs ${rssPerItem(S.cold, small).toFixed(1)} KB/item = ${fmtRatio(rssLin)} | ${yesNo(rssLin <= LINEAR_TOLERANCE)} |`));
  lines.push(`| cross-level stage linear in items (cross-level + report µs/item at the larger size ≤ ${LINEAR_TOLERANCE}× that at the smaller, default threads) | ` +
    `${crossPerItem(L.cold, large).toFixed(1)} vs ${crossPerItem(S.cold, small).toFixed(1)} µs/item = ${fmtRatio(crossLin)} | ${yesNo(crossLin <= LINEAR_TOLERANCE)} |`);
  lines.push(`| cross-level stage linear in items, data without findings (same measure) | ` +
    `${crossPerItem(L.clean, large).toFixed(1)} vs ${crossPerItem(S.clean, small).toFixed(1)} µs/item = ${fmtRatio(crossLinClean)} | ${yesNo(crossLinClean <= LINEAR_TOLERANCE)} |`);
  lines.push(`| \`--threads N\` gives a byte-identical report for every N | ${allIdentical ? 'identical' : 'DIFFERENT'} (see below) | ${yesNo(allIdentical)} |`);
  lines.push('');
  lines.push('## Linearity');
  lines.push('');
  lines.push(`| measure | ${small.label} | ${large.label} | ratio (larger / smaller) |`);
  lines.push('| --- | ---: | ---: | ---: |');
  lines.push(`| items | ${small.items} | ${large.items} | ${fmtRatio(large.items / small.items)} |`);
  for (const [key, label] of [['cold', 'cold'], ['cold1', 'cold `--threads 1`'], ['warm', 'warm `--cache`'], ['ajv', 'ajv-cli']]) {
    lines.push(`| ${label}: total µs/item | ${perItem(S[key], small).toFixed(1)} | ${perItem(L[key], large).toFixed(1)} | ${fmtRatio(perItem(L[key], large) / perItem(S[key], small))} |`);
  }
  if (L.cold.rssMB !== null) {
    for (const [key, label] of [['cold', 'cold'], ['cold1', 'cold `--threads 1`'], ['warm', 'warm `--cache`']]) {
      lines.push(`| ${label}: peak RSS MB (KB/item) | ${fmtMB(S[key].rssMB)} (${rssPerItem(S[key], small).toFixed(1)}) | ` +
        `${fmtMB(L[key].rssMB)} (${rssPerItem(L[key], large).toFixed(1)}) | ${fmtRatio(L[key].rssMB / S[key].rssMB)} |`);
    }
  }
  lines.push(`| cross-level + report stage µs/item, default threads | ${crossPerItem(S.cold, small).toFixed(1)} | ${crossPerItem(L.cold, large).toFixed(1)} | ${fmtRatio(crossLin)} |`);
  lines.push(`| cross-level + report stage µs/item, \`--threads 1\` | ${crossPerItem(S.cold1, small).toFixed(1)} | ${crossPerItem(L.cold1, large).toFixed(1)} | ${fmtRatio(crossLin1)} |`);
  lines.push(`| cross-level + report stage µs/item, no planted differences | ${crossPerItem(S.clean, small).toFixed(1)} | ${crossPerItem(L.clean, large).toFixed(1)} | ${fmtRatio(crossLinClean)} |`);
  lines.push(`| cross-level + report stage µs/item, warm \`--cache\` | ${crossPerItem(S.warm, small).toFixed(1)} | ${crossPerItem(L.warm, large).toFixed(1)} | ` +
    `${fmtRatio(crossPerItem(L.warm, large) / crossPerItem(S.warm, small))} |`);
  lines.push('');
  lines.push(`Marginal cost between the two sizes (fixed start-up costs cancel): cold ${marginalUs.toFixed(1)} µs per added item` +
    (marginalRssKB !== null ? `, ${marginalRssKB.toFixed(1)} KB peak RSS per added item.` : '.') +
    ' A per-item ratio near or below 1× means linear (below 1× when fixed costs dominate at the small size).');
  lines.push('');
  const pd = [perDiag(S, small), perDiag(L, large)];
  const pr = [perDiagRss(S, small), perDiagRss(L, large)];
  lines.push(`Cost of the diagnostics: on the same data without the ${INCONSISTENCIES} planted differences the cross-level + report stage takes ` +
    `${S.clean.timing.crossMs} ms (${small.label}) and ${L.clean.timing.crossMs} ms (${large.label}) instead of ` +
    `${S.cold.timing.crossMs} ms and ${L.cold.timing.crossMs} ms, i.e. about ` +
    `${pd[0] === null ? '—' : pd[0].toFixed(0)} ms and ${pd[1] === null ? '—' : pd[1].toFixed(0)} ms per reported diagnostic` +
    (pr[0] !== null ? `, and peak RSS ${fmtMB(S.clean.rssMB)} / ${fmtMB(L.clean.rssMB)} MB instead of ${fmtMB(S.cold.rssMB)} / ${fmtMB(L.cold.rssMB)} MB ` +
      `(${pr[0].toFixed(1)} / ${pr[1].toFixed(1)} MB per diagnostic)` : '') +
    '. The stage is linear in items only when its cost per diagnostic is small; with a fixed number of diagnostics ' +
    'the per-item figures with planted differences fall as the dataset grows, which is not evidence of linearity.');
  lines.push('');
  lines.push('## Byte-identical reports');
  lines.push('');
  lines.push('Each JSON report compared byte for byte with the first `--threads 1` report of the same size (not timed):');
  lines.push('');
  lines.push('| size | compared | identical |');
  lines.push('| --- | --- | --- |');
  for (const s of sizes) {
    for (const c of s.check.compared) lines.push(`| ${s.label} | ${c.label} | ${c.identical ? 'yes' : '**no**'} |`);
  }
  lines.push('');
  lines.push(`All identical: **${allIdentical ? 'yes' : 'no'}**.`);
  lines.push('');
  for (const s of sizes) {
    const sm = s.check.summary;
    lines.push(`- ${s.label}: the report covers ${sm.files} files, ${sm.regions} regions, ${sm.items} items; ` +
      `${sm.errors} errors, ${sm.warnings} warnings, ${sm.infos} infos (${(s.check.reportBytes / 1024).toFixed(0)} KB of JSON); ` +
      `${s.check.plantedFound} of ${s.check.planted} planted differences reported at the planted line. ` +
      `Without planted differences: ${s.check.cleanSummary.errors} errors, ${s.check.cleanSummary.warnings} warnings, ${s.check.cleanSummary.infos} infos.`);
  }
  lines.push('');
  // Hand-written analysis (what the profile shows, what would remove what is left), kept beside
  // the script so a new run does not lose it.
  const notes = path.join(BENCH, 'NOTES.md');
  if (fs.existsSync(notes)) lines.push(fs.readFileSync(notes, 'utf8').trimEnd(), '');
  fs.writeFileSync(RESULTS, lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------

function pkgVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

function nproc() {
  const r = spawnSync('nproc', [], { encoding: 'utf8' });
  const n = r.status === 0 ? parseInt(r.stdout, 10) : NaN;
  return Number.isInteger(n) && n > 0 ? n : os.availableParallelism ? os.availableParallelism() : os.cpus().length;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
    throw new Error('dist/cli.js is missing: run `npm run build` first (or `npm run bench`, which builds)');
  }
  fs.mkdirSync(OUT, { recursive: true });
  useTime = gnuTimeWorks();
  if (!useTime) log('GNU /usr/bin/time not usable: wall time only, no peak RSS');

  // Generate everything before measuring anything.
  const sizes = [];
  for (const s of SIZES) {
    const dir = path.join(DATA, s.name);
    log(`generating ${s.name} (${s.label}) into ${path.relative(ROOT, dir)}`);
    const g = generate({
      out: dir, cities: s.cities, districts: s.districts, items: s.items, seed: SEED,
      inconsistencies: INCONSISTENCIES, force: true,
    });
    fs.rmSync(path.join(dir, '.qingdan-lint-cache'), { force: true });
    const planted = JSON.parse(fs.readFileSync(path.join(dir, 'planted.json'), 'utf8'));
    const cleanDir = path.join(DATA, `${s.name}-clean`);
    generate({
      out: cleanDir, cities: s.cities, districts: s.districts, items: s.items, seed: SEED, inconsistencies: 0, force: true,
    });
    fs.rmSync(path.join(cleanDir, '.qingdan-lint-cache'), { force: true });
    sizes.push({
      ...s, items_opt: s.items, dir, files: g.files, regions: g.regions, items: g.items,
      bytes: g.bytes, mb: g.bytes / 1e6, planted, cleanDir,
    });
    log(`  ${g.files} files, ${g.regions} regions, ${g.items} items, ${(g.bytes / 1e6).toFixed(1)} MB`);
  }
  // File modification times within the cache's "racy" window would make the warm runs re-read
  // files; wait until every generated file is at least 3 s old.
  log('waiting 3 s so that file mtimes are not racy for the cache');
  sleep(3200);

  const done = [];
  for (const s of sizes) done.push(benchSize(s, done[0]));

  const totalSeconds = (Date.now() - started) / 1000;
  writeResults(done, {
    date: new Date().toISOString(),
    nproc: nproc(),
    cpu: os.cpus()[0]?.model ?? 'unknown CPU',
    memGB: os.totalmem() / 1024 ** 3,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    useTime,
    totalSeconds,
    versions: { jsyaml: pkgVersion('js-yaml'), yaml: pkgVersion('yaml'), ajvcli: pkgVersion('ajv-cli') },
  });
  log(`wrote ${path.relative(ROOT, RESULTS)} (${totalSeconds.toFixed(0)} s in all)`);
  process.stderr.write('\n' + fs.readFileSync(RESULTS, 'utf8').split('## Targets')[1].split('## Linearity')[0].replace(/^/, '## Targets') + '\n');
}

try {
  main();
} catch (err) {
  process.stderr.write(`bench: ${err.stack || err.message}\n`);
  process.exit(1);
}
