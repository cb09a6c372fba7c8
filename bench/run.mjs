#!/usr/bin/env node
// Province-scale benchmark (`npm run bench`, after `npm run build`).
//
// Generates four datasets into bench/data/ (about 3,000, 15,000, 50,000 and 100,000 items), each
// also without its planted differences, and with decisions and catalogs (`--lists`) at ~15k and
// ~100k; then measures, each command as a separate whole process (Node start-up included),
// 3 repetitions, median, with peak RSS from /usr/bin/time (ajv-cli and the cold run: 5 pairs in
// alternation, their ratio the median of the pairs'):
//   `node -e 0` (the floor of any Node process), a read-only baseline, ajv-cli (schema only, our
//   schema, the same files), js-yaml load, yaml parseDocument (small sizes only), qingdan-lint cold
//   (default threads and --threads 1; default threads on the data without planted differences),
//   warm (--cache, nothing changed), and the commit-hook path (one file edited, --cache
//   --report-only-given that file); with and without decisions and catalogs; and a --cpu-prof
//   profile of a cold --threads 1 run (top entries by self time).
// Checks that the JSON report is byte-identical for --threads 1, 2, 3, the default, the cache
// priming run and the warm runs. Writes bench/RESULTS.md (bench/NOTES.md and
// bench/PROFILE-BEFORE.md are kept beside it and copied in). Progress goes to stderr.
//
// QINGDAN_BENCH_SMOKE=1: a seconds-long smoke test of this script (meaningless figures).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';
import { topSelf, topTable } from './lib/cpuprofile.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const DATA = path.join(BENCH, 'data');
const OUT = path.join(DATA, 'out');
const RESULTS = path.join(BENCH, 'RESULTS.md');
const CLI = path.join(ROOT, 'bin', 'qingdan-lint.js');
const SCHEMA = path.join(ROOT, 'schemas', 'checklist.schema.json');
const NODE = process.execPath;

const REPS = 3;
// ajv-cli and the cold run, the ratio a target judges: run in alternation (pairs), more of them.
const PAIR_REPS = 5;
// The with/without-lists comparison: more repetitions, and the best of them (noise only adds time).
const LISTS_REPS = 9;
const SEED = 42;
const INCONSISTENCIES = 40;
/** Skip `yaml` parseDocument at a size where one run is estimated to take longer than this. */
const YAML_SKIP_SECONDS = 20;
/** Above this estimate, `yaml` parseDocument is run once instead of REPS times (time budget). */
const YAML_SINGLE_REP_SECONDS = 8;
/** Enable the one rule that is off in the recommended preset, so every rule runs. */
const EVERY_RULE = ['--rule', 'consistency/basis: warning'];
/** The targets of issue 12 ("Fast at every size, instant on a commit"). */
const TARGET = { coldVsAjv: 0.8, warmVsCold: 0.05, hookVsCold: 0.1, hookSeconds: 0.5, rssMB: 400 };
/** Issue 13: decisions and catalogs may slow a cold run by at most this much. */
const LISTS_SLOWDOWN = 0.1;
const PROFILE_TOP = 12;

const SMOKE = !!process.env.QINGDAN_BENCH_SMOKE;
const SIZES = SMOKE
  ? [
      { name: 'smoke-a', label: 'smoke a', cities: 1, districts: 2, items: 100, lists: true, profile: true },
      { name: 'smoke-b', label: 'smoke b', cities: 2, districts: 3, items: 150, lists: true, profile: true },
    ]
  : [
      { name: 's3k', label: '~3k items', cities: 1, districts: 2, items: 850, profile: true },
      { name: 's15k', label: '~15k items', cities: 2, districts: 7, items: 1050, lists: true, profile: true },
      { name: 's50k', label: '~50k items', cities: 5, districts: 8, items: 1600 },
      { name: 's100k', label: '~100k items', cities: 9, districts: 10, items: 1750, lists: true, profile: true },
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
  return summarize(name, runs);
}

/** Median time, highest RSS and median stage times of a command's runs. */
function summarize(name, runs) {
  const timed = runs.filter((r) => r.timing);
  return {
    name,
    reps: runs.length,
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

/**
 * Two commands run in alternation, `reps` pairs (a, then b): a slow spell of the shared machine
 * then falls on both commands of a pair, not on all the runs of one of them. Each result is
 * summarized as {@link repeat} does; `ratio` is the median of the pairs' b ÷ a.
 */
function interleave(reps, a, b) {
  const runsA = [];
  const runsB = [];
  for (let rep = 0; rep < reps; rep++) {
    runsA.push(repeat(a.name, 1, () => a.run(rep), a.before && (() => a.before(rep))).runs[0]);
    runsB.push(repeat(b.name, 1, () => b.run(rep), b.before && (() => b.before(rep))).runs[0]);
  }
  return { a: summarize(a.name, runsA), b: summarize(b.name, runsB), ratio: median(runsB.map((r, i) => r.seconds / runsA[i].seconds)) };
}

// ---------------------------------------------------------------------------------------------
// One dataset

function sameBytes(a, b) {
  return Buffer.compare(fs.readFileSync(a), fs.readFileSync(b)) === 0;
}

/** The file the hook path edits: the first file of the last region (a district when there are districts). */
function hookFile(dir) {
  const regions = fs.readdirSync(dir).filter((d) => /^\d{6}$/.test(d)).sort();
  const region = regions[regions.length - 1];
  const file = fs.readdirSync(path.join(dir, region)).filter((f) => f.endsWith('.yaml')).sort()[0];
  return `${region}/${file}`;
}

function lintCommand(size, { extra = [], label, dir = size.dir, rep = 0, args = ['.'] }) {
  return measure([NODE, CLI, '--format', 'json', ...EVERY_RULE, ...extra, ...args], {
    cwd: dir, env: { QINGDAN_LINT_TIMING: '1' }, stdoutFile: outFile(size, label, rep), okStatus: [0, 1],
  });
}

const outFile = (size, label, rep) => path.join(OUT, `${size.name}-${label}-${rep}.json`);
const rmCacheIn = (dir) => fs.rmSync(path.join(dir, '.qingdan-lint-cache'), { force: true });

function benchSize(size, first) {
  const dir = size.dir;
  const rel = path.relative(ROOT, dir).split(path.sep).join('/');
  const lint = (extra, label, d = dir) => (rep) => lintCommand(size, { extra, label, dir: d, rep });
  const noTiming = { QINGDAN_LINT_TIMING: undefined };
  const results = {};
  log(`${size.name}: ${size.files} files, ${size.items} items, ${size.mb.toFixed(1)} MB`);

  results.read = repeat('read files (baseline)', REPS, () => measure([NODE, path.join(BENCH, 'read-files.mjs'), dir], { env: noTiming }));
  // ajv-cli and the cold run in alternation: the ratio the target judges is the median of the pairs'.
  const paired = interleave(PAIR_REPS,
    {
      name: 'ajv-cli validate',
      run: () => measure([NODE, fs.realpathSync(path.join(ROOT, 'node_modules', '.bin', 'ajv')), 'validate', '--spec=draft7',
        '-s', path.relative(ROOT, SCHEMA), '-d', `${rel}/**/*.yaml`, '--all-errors', '--strict=false'],
      { env: noTiming, okStatus: [0, 1] }),
    },
    { name: 'qingdan-lint cold (default threads)', run: lint([], 'cold'), before: () => rmCacheIn(dir) });
  results.ajv = paired.a;
  results.cold = paired.b;
  results.coldVsAjv = paired.ratio;
  results.jsyaml = repeat('js-yaml load', REPS, () => measure([NODE, path.join(BENCH, 'parse-js-yaml.mjs'), dir], { env: noTiming }));

  // yaml parseDocument: estimated from the first size by bytes; skipped where it would take long.
  let yamlReps = REPS;
  let yamlNote = '';
  if (first?.results.yaml) {
    const estimate = first.results.yaml.seconds * (size.bytes / first.bytes);
    if (estimate > YAML_SKIP_SECONDS) {
      yamlReps = 0;
      yamlNote = `skipped: estimated ${estimate.toFixed(0)} s per run from the smallest size`;
    } else if (estimate > YAML_SINGLE_REP_SECONDS) {
      yamlReps = 1;
      yamlNote = `1 repetition only (estimated ${estimate.toFixed(0)} s per run)`;
    }
  } else if (first) {
    yamlReps = 0;
    yamlNote = 'skipped';
  }
  if (yamlReps > 0) results.yaml = repeat('yaml parseDocument', yamlReps, () => measure([NODE, path.join(BENCH, 'parse-yaml.mjs'), dir], { env: noTiming }));
  else log(`  yaml parseDocument ${yamlNote}`);
  results.yamlNote = yamlNote;

  results.cold1 = repeat('qingdan-lint cold --threads 1', REPS, lint(['--threads', '1'], 'threads1'), () => rmCacheIn(dir));
  results.clean = repeat('qingdan-lint cold, no planted differences', REPS, lint([], 'clean', size.cleanDir), () => rmCacheIn(size.cleanDir));
  const cleanReport = JSON.parse(fs.readFileSync(outFile(size, 'clean', 0), 'utf8'));

  // Unmeasured runs for the byte-identity check.
  rmCacheIn(dir);
  const extraThreads = [2, 3];
  for (const n of extraThreads) {
    log(`  qingdan-lint --threads ${n} (identity check, not timed)`);
    lint(['--threads', String(n)], `threads${n}`)(0);
  }

  // Warm: one unmeasured priming run, then nothing changed.
  rmCacheIn(dir);
  log('  qingdan-lint --cache priming run (not timed)');
  lint(['--cache'], 'prime')(0);
  if (!fs.existsSync(path.join(dir, '.qingdan-lint-cache'))) throw new Error(`the priming run wrote no cache file in ${dir}`);
  results.warm = repeat('qingdan-lint warm --cache', REPS, lint(['--cache'], 'warm'));

  // The commit-hook path: one file edited (a comment line appended, so its content hash changes),
  // then `--cache --report-only-given <that file>`; the file is restored and the cache primed again
  // before each repetition.
  const edited = hookFile(dir);
  const editedAbs = path.join(dir, edited);
  const original = fs.readFileSync(editedAbs);
  try {
    results.hook = repeat('qingdan-lint hook path (one file edited, --cache --report-only-given)', REPS,
      (rep) => lintCommand(size, { extra: ['--cache', '--report-only-given'], label: 'hook', rep, args: [edited] }),
      (rep) => {
        fs.writeFileSync(editedAbs, original);
        lint(['--cache'], 'reprime')(rep);
        fs.writeFileSync(editedAbs, Buffer.concat([original, Buffer.from(`# edited ${rep + 1}\n`)]));
      });
  } finally {
    fs.writeFileSync(editedAbs, original);
  }
  const hookReport = JSON.parse(fs.readFileSync(outFile(size, 'hook', 0), 'utf8'));
  rmCacheIn(dir);

  // Decisions and catalogs: the same data with and without them, runs interleaved.
  if (size.listsDir) {
    results.plain = [];
    results.resp = [];
    results.lists = [];
    const variants = [
      ['plain', dir, 'plain', 'no lists.md data'],
      ['resp', size.respDir, 'resp', '两单融合 responsibility only'],
      ['lists', size.listsDir, 'lists', 'with decisions and catalogs'],
    ];
    for (let rep = 0; rep < LISTS_REPS; rep++) {
      for (const [key, d, label, what] of variants) {
        rmCacheIn(d);
        const r = lintCommand(size, { label, dir: d, rep });
        const t = TIMING_RE.exec(r.stderr);
        if (t) r.timing = { threads: Number(t[1]), perFileMs: Number(t[2]), crossMs: Number(t[3]) };
        results[key].push(r);
        log(`  cold, ${what}, rep ${rep + 1}/${LISTS_REPS}: ${r.seconds.toFixed(2)} s, ${r.rssMB?.toFixed(0)} MB`);
      }
    }
    const summarize = (runs) => ({
      seconds: median(runs.map((r) => r.seconds)), best: Math.min(...runs.map((r) => r.seconds)), rssMB: max(runs.map((r) => r.rssMB)),
      perFileMs: median(runs.map((r) => r.timing?.perFileMs)), crossMs: median(runs.map((r) => r.timing?.crossMs)),
    });
    results.plain = summarize(results.plain);
    results.resp = summarize(results.resp);
    results.lists = summarize(results.lists);
    const a = JSON.parse(fs.readFileSync(outFile(size, 'plain', 0), 'utf8'));
    const b = JSON.parse(fs.readFileSync(outFile(size, 'lists', 0), 'utf8'));
    const c = JSON.parse(fs.readFileSync(outFile(size, 'resp', 0), 'utf8'));
    const key = (r) => r.files.flatMap((f) => f.diagnostics.map((d) => `${d.ruleId} ${d.messageId}`)).sort().join('\n');
    results.listsSameFindings = key(a) === key(b) && key(a) === key(c);
    results.listsSummary = b.summary;
  }

  // The profile of a cold --threads 1 run.
  if (size.profile) {
    const profDir = path.join(OUT, `profile-${size.name}`);
    fs.rmSync(profDir, { recursive: true, force: true });
    rmCacheIn(dir);
    log('  qingdan-lint --cpu-prof --threads 1 (not timed)');
    measure([NODE, '--cpu-prof', '--cpu-prof-dir', profDir, CLI, '--format', 'json', ...EVERY_RULE, '--threads', '1', '.'], { cwd: dir, okStatus: [0, 1] });
    const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    results.profile = topSelf(path.join(profDir, file), { limit: PROFILE_TOP, root: ROOT + path.sep });
  }

  // Byte-identity of the JSON reports.
  const reference = outFile(size, 'threads1', 0);
  const reps = [...Array(REPS).keys()];
  const compared = [
    ['--threads 1 (all reps)', reps.map((r) => outFile(size, 'threads1', r))],
    ...extraThreads.map((n) => [`--threads ${n}`, [outFile(size, `threads${n}`, 0)]]),
    [`default threads (${results.cold.timing?.threads ?? '?'}; all reps)`, reps.map((r) => outFile(size, 'cold', r))],
    ['--cache priming run', [outFile(size, 'prime', 0)]],
    ['--cache warm (all reps)', reps.map((r) => outFile(size, 'warm', r))],
  ].map(([label, files]) => ({ label, identical: files.every((f) => sameBytes(reference, f)) }));
  const identical = compared.every((c) => c.identical);

  const report = JSON.parse(fs.readFileSync(reference, 'utf8'));
  const found = new Set();
  for (const f of report.files) for (const d of f.diagnostics) found.add(`${d.file}#${d.line}#${d.ruleId}#${d.messageId}`);
  const plantedFound = size.planted.filter((p) => found.has(`${p.file}#${p.line}#${p.ruleId}#${p.messageId}`)).length;
  if (report.summary.items !== size.items) throw new Error(`${size.name}: the report covers ${report.summary.items} items, the dataset has ${size.items}`);
  if (hookReport.summary.items !== size.items) throw new Error(`${size.name}: the hook run covers ${hookReport.summary.items} items, the dataset has ${size.items}`);
  const check = {
    compared, identical, reportBytes: fs.statSync(reference).size, summary: report.summary, plantedFound,
    planted: size.planted.length, cleanSummary: cleanReport.summary, hookFile: edited, hookSummary: hookReport.summary,
  };
  log(`  byte-identical reports: ${identical ? 'yes' : 'NO'}; planted differences found ${plantedFound}/${size.planted.length}`);
  return { ...size, results, check };
}

// ---------------------------------------------------------------------------------------------
// RESULTS.md

const fmtS = (s) => (s === null || s === undefined ? '—' : s < 10 ? s.toFixed(2) : s.toFixed(1));
const fmtMB = (mb) => (mb === null || mb === undefined ? '—' : mb.toFixed(0));
const fmtRatio = (r) => (r === null || r === undefined || !Number.isFinite(r) ? '—' : `${r.toFixed(2)}×`);
const met = (b) => (b ? 'met' : '**not met**');

const ROWS = [
  ['read', 'read every file, UTF-8 decode (baseline)'],
  ['ajv', '`ajv-cli` validate (our schema only)'],
  ['jsyaml', '`js-yaml` `load` every file'],
  ['yaml', '`yaml` `parseDocument` + LineCounter every file'],
  ['cold', 'qingdan-lint cold (default threads)'],
  ['cold1', 'qingdan-lint cold `--threads 1`'],
  ['clean', 'qingdan-lint cold (default threads), same data without the planted differences'],
  ['warm', 'qingdan-lint warm `--cache`, nothing changed'],
  ['hook', 'qingdan-lint hook path: one file edited, `--cache --report-only-given` it'],
];

function sizeTable(s) {
  const ajv = s.results.ajv.seconds;
  const lines = [
    `### ${s.label}: ${s.items.toLocaleString('en-US')} items, ${s.files} files, ${s.mb.toFixed(1)} MB`,
    '',
    `Generated with \`node bench/generate.mjs --cities ${s.cities} --districts ${s.districts} --items ${s.itemsOpt} ` +
      `--seed ${SEED} --inconsistencies ${INCONSISTENCIES}\` into \`${path.relative(ROOT, s.dir)}\` ` +
      `(and with \`--inconsistencies 0\` into \`${path.relative(ROOT, s.cleanDir)}\`). The hook path edits \`${s.check.hookFile}\`.`,
    '',
    '| command | median s | peak RSS MB | ratio to ajv-cli | ratio to cold |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const [key, label] of ROWS) {
    const r = s.results[key];
    if (!r) {
      lines.push(`| ${label} | ${s.results.yamlNote || 'not run'} | — | — | — |`);
      continue;
    }
    const note = key === 'yaml' && s.results.yamlNote ? ` (${s.results.yamlNote})` : '';
    lines.push(`| ${label}${note} | ${fmtS(r.seconds)} | ${fmtMB(r.rssMB)} | ${fmtRatio(r.seconds / ajv)} | ${fmtRatio(r.seconds / s.results.cold.seconds)} |`);
  }
  lines.push('');
  lines.push('qingdan-lint stages (from `QINGDAN_LINT_TIMING=1`, medians):');
  lines.push('');
  lines.push('| run | threads | per-file ms | cross-level + report ms | total µs/item |');
  lines.push('| --- | ---: | ---: | ---: | ---: |');
  for (const key of ['cold', 'cold1', 'clean', 'warm', 'hook']) {
    const r = s.results[key];
    const t = r.timing;
    lines.push(`| ${ROWS.find(([k]) => k === key)[1]} | ${t?.threads ?? '—'} | ${t?.perFileMs ?? '—'} | ${t?.crossMs ?? '—'} | ${((r.seconds * 1e6) / s.items).toFixed(1)} |`);
  }
  lines.push('');
  return lines.join('\n');
}

function writeResults(sizes, env) {
  const L = sizes[sizes.length - 1];
  const lines = [];
  lines.push('# qingdan-lint benchmark results');
  lines.push('');
  lines.push('Written by `npm run bench` (`bench/run.mjs`). Do not edit by hand.');
  lines.push('');
  lines.push(`- Date: ${env.date}`);
  lines.push(`- Machine: ${env.nproc} cores (nproc), ${env.cpu}, ${env.memGB.toFixed(0)} GB RAM, ${env.platform}; load average ${env.loadStart} at the start, ${env.loadEnd} at the end`);
  lines.push(`- Node ${process.version}; js-yaml ${env.versions.jsyaml}, yaml ${env.versions.yaml}, ajv-cli ${env.versions.ajvcli}`);
  lines.push(`- Each command is a separate whole process (Node start-up included), ${REPS} repetitions, median time ` +
    `(ajv-cli and the cold run: ${PAIR_REPS} pairs run in alternation, ajv-cli then qingdan-lint, so a slow spell of the machine falls on both; ` +
    'their ratio is the median of the pairs\' ratios); ' +
    `peak RSS is the highest of the repetitions${env.useTime ? ' (`/usr/bin/time -f "%e %M"`)' : ' (not measured: no GNU /usr/bin/time; wall time from Node)'}.`);
  lines.push(`- qingdan-lint runs with \`--format json ${EVERY_RULE.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}\` ` +
    '(the recommended preset plus the one rule it leaves off, so schema and every rule run), in the dataset directory. ' +
    'Cold runs delete the cache file first and pass no `--cache`; warm runs follow one unmeasured `--cache` priming run with nothing changed; ' +
    'each hook-path run follows a priming run, then one file gets a comment line appended.');
  lines.push(`- \`node -e 0\` (the floor of any Node.js process on this machine): ${fmtS(env.floor.seconds)} s, ${fmtMB(env.floor.rssMB)} MB.`);
  lines.push(`- Total benchmark time: ${env.totalSeconds.toFixed(0)} s.`);
  lines.push('');
  lines.push('**The machine is noisy (other work shares its 2 cores): compare the ratios measured within this one run, not the absolute times.**');
  lines.push('');

  // Targets.
  lines.push('## Targets (issue 12)');
  lines.push('');
  lines.push('| size | cold (default threads) | ajv-cli | cold ÷ ajv-cli (≤ 0.8) | warm | warm ÷ cold (≤ 0.05) | hook path | hook ÷ cold (≤ 0.1) | peak RSS, every mode | reports identical |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  const verdicts = [];
  for (const s of sizes) {
    const R = s.results;
    const coldR = R.coldVsAjv ?? R.cold.seconds / R.ajv.seconds;
    const warmR = R.warm.seconds / R.cold.seconds;
    const hookR = R.hook.seconds / R.cold.seconds;
    const rss = max([R.cold.rssMB, R.cold1.rssMB, R.clean.rssMB, R.warm.rssMB, R.hook.rssMB, R.lists?.rssMB, R.resp?.rssMB, R.plain?.rssMB]);
    lines.push(`| ${s.label} | ${fmtS(R.cold.seconds)} s | ${fmtS(R.ajv.seconds)} s | ${fmtRatio(coldR)} ${coldR <= TARGET.coldVsAjv ? '✓' : '✗'} | ` +
      `${fmtS(R.warm.seconds)} s | ${fmtRatio(warmR)} ${warmR <= TARGET.warmVsCold ? '✓' : '✗'} | ${fmtS(R.hook.seconds)} s | ${fmtRatio(hookR)} ${hookR <= TARGET.hookVsCold ? '✓' : '✗'} | ` +
      `${fmtMB(rss)} MB | ${s.check.identical ? 'yes' : '**no**'} |`);
    verdicts.push({ s, coldR, warmR, hookR, rss });
  }
  lines.push('');
  const lv = verdicts[verdicts.length - 1];
  const floorShare = (s) => env.floor.seconds / s.results.cold.seconds;
  lines.push('| target | measured | |');
  lines.push('| --- | --- | --- |');
  for (const v of verdicts) lines.push(`| ${v.s.label}: cold full lint ≤ ${TARGET.coldVsAjv}× ajv-cli | ${fmtRatio(v.coldR)} | ${met(v.coldR <= TARGET.coldVsAjv)} |`);
  for (const v of verdicts) {
    lines.push(`| ${v.s.label}: warm \`--cache\`, nothing changed, ≤ ${TARGET.warmVsCold}× cold | ${fmtRatio(v.warmR)} (Node's own start-up alone, \`node -e 0\`, is ${fmtRatio(floorShare(v.s))} of this cold run) | ${met(v.warmR <= TARGET.warmVsCold)} |`);
  }
  for (const v of verdicts) lines.push(`| ${v.s.label}: hook path ≤ ${TARGET.hookVsCold}× cold | ${fmtRatio(v.hookR)} (${fmtS(v.s.results.hook.seconds)} s) | ${met(v.hookR <= TARGET.hookVsCold)} |`);
  lines.push(`| ${L.label}: hook path < ${TARGET.hookSeconds} s | ${fmtS(L.results.hook.seconds)} s | ${met(L.results.hook.seconds < TARGET.hookSeconds)} |`);
  lines.push(`| ${L.label}: peak RSS < ${TARGET.rssMB} MB in every mode (cold, \`--threads 1\`, clean, warm, hook, with decisions and catalogs) | ${fmtMB(lv.rss)} MB | ${met(lv.rss !== null && lv.rss < TARGET.rssMB)} |`);
  const allIdentical = sizes.every((s) => s.check.identical);
  lines.push(`| reports byte-identical across thread counts (1, 2, 3, default), the cache priming run and warm runs | ${allIdentical ? 'identical' : 'DIFFERENT'} (see below) | ${met(allIdentical)} |`);
  lines.push('| shards merged equal to unsharded | see "Shards" below (`bench/shards.mjs`) | |');
  lines.push('');

  // Decisions and catalogs.
  const withLists = sizes.filter((s) => s.results.lists);
  if (withLists.length) {
    lines.push('## Decisions and catalogs (issue 13)');
    lines.push('');
    lines.push('The same data generated three ways (`bench/generate.mjs`): without lists.md data; with the items\' 两单融合 `responsibility` lists only (`--responsibility`); ' +
      'and with decisions and catalogs (`--lists`: the same `responsibility` lists, plus a province file with `decisions` (20 取消, 20 部分下放 to city and district, 10 调整), ' +
      '`intermediaryCatalog` and `feeCatalog`, and on the items `intermediaries`, `fees`, `prerequisites` and `decisionRefs` that follow them, so the decision, intermediary, fee and prerequisite rules run and find nothing). ' +
      `Cold runs, default threads, the three interleaved, ${LISTS_REPS} each. The verdict (issue 13: "no more than 10% slowdown against the same data without them") compares the data with decisions and catalogs ` +
      'with the same data without them (the 两单融合 lists are in both); the slowdown against the data without any lists.md data, which is larger by the responsibility texts, is shown beside it. ' +
      'Times are the best run of each (on a shared machine noise only adds time, and it swings single runs by ±20%), with the medians beside them; stage times are medians:');
    lines.push('');
    lines.push('| size | MB: none / 两单融合 / with decisions and catalogs | no lists s (best / median) | 两单融合 only s (best / median) | with decisions and catalogs s (best / median) | slowdown with vs without decisions and catalogs, best (≤ 10%) | same, medians | slowdown vs no lists.md data, best / medians | per-file ms (three) | cross-level + report ms (three) | peak RSS MB (three) | same findings |');
    lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | --- |');
    for (const s of withLists) {
      const R = s.results;
      const slow = R.lists.best / R.resp.best - 1;
      const slowMedian = R.lists.seconds / R.resp.seconds - 1;
      const pct = (x) => `${(x * 100).toFixed(1)}%`;
      lines.push(`| ${s.label} | ${s.mb.toFixed(1)} / ${(s.respBytes / 1e6).toFixed(1)} / ${(s.listsBytes / 1e6).toFixed(1)} | ${fmtS(R.plain.best)} / ${fmtS(R.plain.seconds)} | ${fmtS(R.resp.best)} / ${fmtS(R.resp.seconds)} | ${fmtS(R.lists.best)} / ${fmtS(R.lists.seconds)} | ` +
        `${pct(slow)} ${slow <= LISTS_SLOWDOWN ? '✓' : '✗'} | ${pct(slowMedian)} | ${pct(R.lists.best / R.plain.best - 1)} / ${pct(R.lists.seconds / R.plain.seconds - 1)} | ` +
        `${R.plain.perFileMs} / ${R.resp.perFileMs} / ${R.lists.perFileMs} | ${R.plain.crossMs} / ${R.resp.crossMs} / ${R.lists.crossMs} | ${fmtMB(R.plain.rssMB)} / ${fmtMB(R.resp.rssMB)} / ${fmtMB(R.lists.rssMB)} | ${R.listsSameFindings ? 'yes' : '**no**'} |`);
    }
    lines.push('');
  }

  lines.push('## Datasets');
  lines.push('');
  lines.push('| size | regions | files | items | MB | planted cross-level differences |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const s of sizes) lines.push(`| ${s.label} | ${s.regions} | ${s.files} | ${s.items.toLocaleString('en-US')} | ${s.mb.toFixed(1)} | ${s.planted.length} |`);
  lines.push('');
  lines.push('## Results');
  lines.push('');
  for (const s of sizes) lines.push(sizeTable(s));

  lines.push('## Profiles');
  lines.push('');
  lines.push(`Cold \`--threads 1\` run under \`node --cpu-prof\`, the ${PROFILE_TOP} functions with the most self time (whole process, start-up included; paths relative to the project). ` +
    'The profiles before the optimizations are in `bench/PROFILE-BEFORE.md` (same commands, same data, the code as it was), copied below.');
  lines.push('');
  for (const s of sizes.filter((x) => x.results.profile)) {
    lines.push(`### After: ${s.label} (${s.results.profile.totalMs.toFixed(0)} ms profiled)`);
    lines.push('');
    lines.push(topTable(s.results.profile));
    lines.push('');
  }
  const before = path.join(BENCH, 'PROFILE-BEFORE.md');
  if (fs.existsSync(before)) lines.push(fs.readFileSync(before, 'utf8').trimEnd(), '');

  lines.push('## Byte-identical reports');
  lines.push('');
  lines.push('Each JSON report compared byte for byte with the first `--threads 1` report of the same size (not timed):');
  lines.push('');
  lines.push('| size | compared | identical |');
  lines.push('| --- | --- | --- |');
  for (const s of sizes) for (const c of s.check.compared) lines.push(`| ${s.label} | ${c.label} | ${c.identical ? 'yes' : '**no**'} |`);
  lines.push('');
  lines.push(`All identical: **${allIdentical ? 'yes' : 'no'}**.`);
  lines.push('');
  for (const s of sizes) {
    const sm = s.check.summary;
    lines.push(`- ${s.label}: the report covers ${sm.files} files, ${sm.regions} regions, ${sm.items} items; ` +
      `${sm.errors} errors, ${sm.warnings} warnings, ${sm.infos} infos (${(s.check.reportBytes / 1024).toFixed(0)} KB of JSON); ` +
      `${s.check.plantedFound} of ${s.check.planted} planted differences reported at the planted line. ` +
      `Without planted differences: ${s.check.cleanSummary.errors} errors, ${s.check.cleanSummary.warnings} warnings, ${s.check.cleanSummary.infos} infos. ` +
      `The hook run reports ${s.check.hookSummary.files} file (${s.check.hookSummary.errors} errors); its summary counts all ${s.check.hookSummary.items} items of the dataset.`);
  }
  lines.push('');
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

const loadAverage = () => os.loadavg()[0].toFixed(1);

function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
    throw new Error('dist/cli.js is missing: run `npm run build` first (or `npm run bench`, which builds)');
  }
  fs.mkdirSync(OUT, { recursive: true });
  useTime = gnuTimeWorks();
  if (!useTime) log('GNU /usr/bin/time not usable: wall time only, no peak RSS');
  const loadStart = loadAverage();

  // Generate everything before measuring anything.
  const sizes = [];
  for (const s of SIZES) {
    const dir = path.join(DATA, s.name);
    log(`generating ${s.name} (${s.label}) into ${path.relative(ROOT, dir)}`);
    const common = { cities: s.cities, districts: s.districts, items: s.items, seed: SEED, force: true };
    const g = generate({ out: dir, ...common, inconsistencies: INCONSISTENCIES });
    const planted = JSON.parse(fs.readFileSync(path.join(dir, 'planted.json'), 'utf8'));
    const cleanDir = path.join(DATA, `${s.name}-clean`);
    generate({ out: cleanDir, ...common, inconsistencies: 0 });
    let listsDir;
    let respDir;
    let listsBytes;
    let respBytes;
    if (s.lists) {
      listsDir = path.join(DATA, `${s.name}-lists`);
      listsBytes = generate({ out: listsDir, ...common, inconsistencies: INCONSISTENCIES, lists: true }).bytes;
      // The same data without the decisions and catalogs (and the item fields that refer to them):
      // the items' 两单融合 responsibility lists only.
      respDir = path.join(DATA, `${s.name}-resp`);
      respBytes = generate({ out: respDir, ...common, inconsistencies: INCONSISTENCIES, lists: 'responsibility' }).bytes;
    }
    for (const d of [dir, cleanDir, listsDir, respDir]) if (d) rmCacheIn(d);
    sizes.push({ ...s, itemsOpt: s.items, dir, files: g.files, regions: g.regions, items: g.items, bytes: g.bytes, mb: g.bytes / 1e6, planted, cleanDir, listsDir, respDir, listsBytes, respBytes });
    log(`  ${g.files} files, ${g.regions} regions, ${g.items} items, ${(g.bytes / 1e6).toFixed(1)} MB`);
  }
  // File modification times within the cache's "racy" window would make the warm runs re-read
  // files; wait until every generated file is at least 3 s old.
  log('waiting 3 s so that file mtimes are not racy for the cache');
  sleep(3200);

  const floor = repeat('node -e 0', REPS, () => measure([NODE, '-e', '0'], { env: { QINGDAN_LINT_TIMING: undefined } }));
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
    floor,
    loadStart,
    loadEnd: loadAverage(),
    versions: { jsyaml: pkgVersion('js-yaml'), yaml: pkgVersion('yaml'), ajvcli: pkgVersion('ajv-cli') },
  });
  log(`wrote ${path.relative(ROOT, RESULTS)} (${totalSeconds.toFixed(0)} s in all)`);
  const text = fs.readFileSync(RESULTS, 'utf8');
  process.stderr.write('\n' + text.slice(text.indexOf('## Targets'), text.indexOf('## Datasets')) + '\n');
}

try {
  main();
} catch (err) {
  process.stderr.write(`bench: ${err.stack || err.message}\n`);
  process.exit(1);
}
