#!/usr/bin/env node
// Import benchmark (`npm run bench`, after `npm run build`): generates a 50,000-row workbook in
// the one-row-per-item layout (numbered multi-line cells, 10 regions × 5 departments), then runs
// `qingdan-lint import` on it as a whole process (Node start-up included), 3 repetitions, median
// wall time and highest peak RSS from GNU /usr/bin/time. Writes its figures into the section
// "Excel import" of bench/RESULTS.md (replacing that section only; the rest of the file is kept).
// QINGDAN_BENCH_SMOKE=1: 2,000 rows, one repetition (a check of this script, not figures).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import writeXlsxFile from 'write-excel-file/node';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const DATA = path.join(BENCH, 'data', 'import');
const RESULTS = path.join(BENCH, 'RESULTS.md');
const CLI = path.join(ROOT, 'bin', 'qingdan-lint.js');
const SMOKE = !!process.env.QINGDAN_BENCH_SMOKE;
const ROWS = SMOKE ? 2000 : 50_000;
const REPS = SMOKE ? 1 : 3;
const START = '<!-- import-bench:start -->';
const END = '<!-- import-bench:end -->';
const log = (m) => process.stderr.write(`[import-bench] ${m}\n`);

async function generate(file) {
  const headers = ['区划代码', '实施主体', '事项编码', '事项名称', '事项类型', '设定依据', '行使层级', '法定办结时限', '承诺办结时限', '申请材料', '办理流程', '审查标准'];
  const T = (value) => ({ value, type: String, format: '@' });
  const rows = [headers.map((h) => ({ value: h, fontWeight: 'bold' }))];
  const regions = ['350502', '350503', '350504', '350505', '350521', '350524', '350525', '350526', '350581', '350582'];
  const depts = ['市场监督管理局', '卫生健康局', '自然资源局', '住房和城乡建设局', '交通运输局'];
  for (let i = 0; i < ROWS; i++) {
    const region = regions[i % regions.length];
    const dept = depts[Math.floor(i / regions.length) % depts.length];
    const n = Math.floor(i / (regions.length * depts.length));
    rows.push([
      T(region),
      T(`${region}${dept}`),
      T(`00${depts.indexOf(dept) + 1}${String(n).padStart(6, '0')}000`),
      T(`事项${n}（${dept}）许可`),
      T(n % 3 === 0 ? '行政许可' : n % 3 === 1 ? '01' : '公共服务'),
      T(`1.《某某管理条例》第${(n % 40) + 1}条\n2.《某某实施办法》第${(n % 20) + 1}条`),
      T('市级、县级'),
      T(`${20 + (n % 10)}个工作日`),
      T(`${5 + (n % 10)}个工作日`),
      T(`1.申请书\n2.营业执照复印件\n3.法定代表人身份证明（第${n % 7}类）`),
      T('受理(窗口)→审查(科员)→决定(科长)'),
      T('1、申请材料齐全；2、符合法定形式'),
    ]);
  }
  const buffer = await writeXlsxFile(rows, { sheet: '事项清单' }).toBuffer();
  fs.writeFileSync(file, buffer);
}

function timeOne(args) {
  const useTime = fs.existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`import exited ${r.status}: ${(r.stderr || '').split('\n').slice(-3).join(' ')}`);
  let seconds = wall;
  let rssMb;
  let cpu;
  if (useTime) {
    const m = /(\d+(?:\.\d+)?) (\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\s*$/.exec(r.stderr.trim());
    if (m) {
      seconds = Number(m[1]);
      rssMb = Number(m[2]) / 1024;
      cpu = Number(m[3]) + Number(m[4]);
    }
  }
  return { seconds, rssMb, cpu, stdout: r.stdout };
}

fs.mkdirSync(DATA, { recursive: true });
const book = path.join(DATA, `import-v2-${ROWS}.xlsx`);
const mapping = path.join(DATA, 'mapping.yaml');
fs.writeFileSync(mapping, 'defaults:\n  materials: { form: 原件, copies: 1, necessity: 必要 }\n');
if (!fs.existsSync(book)) {
  log(`generating ${ROWS} rows`);
  const t = Date.now();
  await generate(book);
  log(`generated ${path.relative(ROOT, book)} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
const size = fs.statSync(book).size;
const out = path.join(DATA, 'out');
const runs = [];
for (let i = 0; i < REPS; i++) {
  fs.rmSync(out, { recursive: true, force: true });
  const r = timeOne(['import', book, '--out', out, '--map', mapping]);
  runs.push(r);
  log(`run ${i + 1}: ${r.seconds.toFixed(2)} s, ${r.cpu !== undefined ? r.cpu.toFixed(2) + ' s CPU, ' : ''}${r.rssMb ? r.rssMb.toFixed(0) + ' MB' : 'RSS not measured'}`);
}
const report = JSON.parse(fs.readFileSync(path.join(out, 'import-report.json'), 'utf8'));
if (report.summary.items !== ROWS) throw new Error(`expected ${ROWS} items, imported ${report.summary.items}`);
const lintRun = spawnSync(process.execPath, [CLI, out, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
const lintSummary = JSON.parse(lintRun.stdout).summary;
const seconds = runs.map((r) => r.seconds).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
const rss = runs.every((r) => r.rssMb !== undefined) ? Math.max(...runs.map((r) => r.rssMb)) : undefined;
const cpu = runs.every((r) => r.cpu !== undefined) ? runs.map((r) => r.cpu).sort((a, b) => a - b)[Math.floor(runs.length / 2)] : undefined;
const load = os.loadavg()[0];

const section = [
  START,
  '## Excel import (`bench/import.mjs`)',
  '',
  `${SMOKE ? '**Smoke run: figures meaningless.** ' : ''}\`qingdan-lint import\` of one generated workbook of ${ROWS.toLocaleString('en')} rows (one row per item, numbered multi-line cells for basis, materials, steps and review rules; ${(size / 1024 / 1024).toFixed(1)} MB) into ${report.summary.files} files (10 regions × 5 departments), as a whole process, ${REPS} run${REPS > 1 ? 's' : ''}, on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| rows | items imported | files written | wall time (median) | CPU time, user + sys (median) | peak RSS (max) | CPU per 1,000 rows |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  `| ${ROWS.toLocaleString('en')} | ${report.summary.items.toLocaleString('en')} | ${report.summary.files} | ${seconds.toFixed(2)} s | ${cpu !== undefined ? `${cpu.toFixed(2)} s` : 'not measured'} | ${rss !== undefined ? `${rss.toFixed(0)} MB` : 'not measured'} | ${cpu !== undefined ? `${((cpu * 1e6) / ROWS).toFixed(0)} ms` : '–'} |`,
  '',
  `Load average when the runs ended: ${load.toFixed(1)} on ${os.cpus().length} cores${load > os.cpus().length ? ' (the machine was shared with other work: the wall time is inflated by waiting for a core; the CPU time is the figure to compare)' : ''}.`,
  '',
  `The imported files then lint with ${lintSummary.errors} errors and ${lintSummary.warnings} warnings (the generated data is consistent by construction). The whole workbook is read into memory by \`read-excel-file\` (the sheet XML is parsed by a SAX parser; cell values are kept as one array per row); merged ranges are read from the tail of each sheet's XML.`,
  END,
  '',
].join('\n');
let text = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : '';
const a = text.indexOf(START);
const b = text.indexOf(END);
if (a >= 0 && b > a) text = text.slice(0, a) + section.trimEnd() + text.slice(b + END.length);
else text = `${text.replace(/\n*$/, '\n\n')}${section}`;
fs.writeFileSync(RESULTS, text);
log(`wrote the "Excel import" section of ${path.relative(ROOT, RESULTS)}`);
