#!/usr/bin/env node
// Synthetic 纵向清单 corpus for benchmarks and end-to-end tests.
//
//   node bench/generate.mjs --out DIR [--cities 9] [--districts 10] [--items 1000] [--seed 42]
//                           [--inconsistencies 0] [--files-per-region 2] [--provinces 1] [--lists | --responsibility] [--force]
//
// Writes one province (510000 四川省), its first `cities` cities and up to `districts` districts per
// city (real codes and names from the built-in region table, in code order; a city with fewer
// districts has all of its own), as
// DIR/<regionCode>/<department>.yaml (format: shared/spec/format.md), plus DIR/planted.json: the
// planted cross-level differences as [{ file, line, ruleId, messageId }] (file relative to DIR,
// `/`-separated; line 1-based, where docs/conventions.md says the diagnostic is reported).
//
// Apart from the planted differences, every lower-level item is identical to the province's, every
// region carries exactly the items its level requires, and every within-region rule passes.
// Output is a pure function of the options (the seed included).
//
// `--provinces N` (1..8) writes N such provinces (四川 first, then 广东, 福建, 浙江, …), each with the
// same shape and its own seed (seed + k for the k-th), for `--shard` benchmarks; `inconsistencies`
// are planted in each. With 1 (the default) the output is exactly the one-province corpus.
//
// `--lists` (one province only) adds the lists of shared/spec/lists.md: a province file
// (`决定与目录.yaml`, `items: []`) with `decisions` (取消, 部分下放, 调整), `intermediaryCatalog` and
// `feeCatalog`, and on the items `intermediaries`, `fees`, `responsibility`, `prerequisites` and
// `decisionRefs`, all consistent with those lists (the decision, intermediary, fee and
// prerequisite rules find nothing). The other fields, and the planted differences, are the same
// as without `--lists` (only the planted lines move). `--responsibility` adds only the items'
// `responsibility` (两单融合), exactly as `--lists` does: the same data without the decisions and
// catalogs.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { makeRandom } from './lib/prng.mjs';
import { makeCreditCode } from './lib/credit-code.mjs';
import { scalar, isPlainSafe, singleQuoted } from './lib/yaml-text.mjs';
import { ITEMS as POOL } from './lib/pool.mjs';
import {
  DEPARTMENTS, LAWS, MATERIAL_NAMES, MATERIAL_SOURCES, FORMS, MEDIA,
  MIDDLE_STEPS, STEP_ROLES, REVIEW_RULES, NAME_SUFFIXES, TYPES_ALLOWED, chineseNumber,
} from './lib/vocabulary.mjs';

const SCHEMA_COMMENT = '# yaml-language-server: $schema=../../schemas/checklist.schema.json';
const PROVINCE = { code: '510000', name: '四川省', level: 'province' };
/** The provinces of `--provinces N`, in order (the first is {@link PROVINCE}). */
const PROVINCES = [
  PROVINCE,
  { code: '440000', name: '广东省', level: 'province' },
  { code: '350000', name: '福建省', level: 'province' },
  { code: '330000', name: '浙江省', level: 'province' },
  { code: '320000', name: '江苏省', level: 'province' },
  { code: '370000', name: '山东省', level: 'province' },
  { code: '410000', name: '河南省', level: 'province' },
  { code: '420000', name: '湖北省', level: 'province' },
];
const CODE_RE = /^[0-9A-Z](?:[0-9A-Z-]{6,38})[0-9A-Z]$/;
const UNIT = '工作日';

export const DEFAULTS = Object.freeze({
  cities: 9,
  districts: 10,
  items: 1000,
  seed: 42,
  inconsistencies: 0,
  filesPerRegion: 2,
  provinces: 1,
  lists: false,
});

/** The planted-difference kinds, with the diagnostic each must produce. */
const KINDS = {
  materialRenamed: { ruleId: 'consistency/materials', messageId: 'renamed' },
  promisedChanged: { ruleId: 'consistency/time-limit', messageId: 'promisedDiffers' },
  stepInserted: { ruleId: 'consistency/steps', messageId: 'inserted' },
  nameChanged: { ruleId: 'consistency/name', messageId: 'differs' },
  formChanged: { ruleId: 'consistency/materials', messageId: 'attributeDiffers' },
};

export const normalizeText = (s) => s.normalize('NFKC').replace(/\s+/gu, '');

// ---------------------------------------------------------------------------------------------
// Regions and departments

/**
 * The built-in region table (src/regions/table-data.ts, the one `region/name` checks against):
 * code → name of every 6-digit region. Read from the source file, so the generator needs no build.
 */
let tableNames;
function regionTable() {
  if (tableNames) return tableNames;
  const src = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'regions', 'table-data.ts'), 'utf8');
  const m = /REGION_TABLE_DEFLATED = '([^']+)'/.exec(src);
  if (!m) throw new Error('cannot read the region table from src/regions/table-data.ts');
  tableNames = new Map();
  for (const line of inflateRawSync(Buffer.from(m[1], 'base64')).toString('utf8').split('\n')) {
    const [code, name] = line.split('\t');
    if (code && name) tableNames.set(code, name);
  }
  return tableNames;
}

/**
 * The province's first `cityCount` cities (prefecture-level codes, in code order) and, under each,
 * its first `districtCount` districts (fewer when the city has fewer): real codes and names, so
 * the data is clean of `region/name`.
 */
function buildRegions(cityCount, districtCount, seed, PROVINCE) {
  if (!(cityCount >= 0 && cityCount <= 99)) throw new Error('--cities must be 0..99');
  if (!(districtCount >= 0 && districtCount <= 98)) throw new Error('--districts must be 0..98');
  const table = regionTable();
  const pp = PROVINCE.code.slice(0, 2);
  const codes = [...table.keys()].filter((c) => c.startsWith(pp) && c !== PROVINCE.code).sort();
  const allCities = codes.filter((c) => c.endsWith('00'));
  if (allCities.length < cityCount) {
    throw new Error(`--cities ${cityCount}: the region table has ${allCities.length} cities in ${PROVINCE.name}`);
  }
  const cities = allCities.slice(0, cityCount).map((code) => ({ code, name: table.get(code) }));
  const province = { ...PROVINCE, fullName: PROVINCE.name };
  const regions = [province];
  for (const city of cities) {
    regions.push({ code: city.code, name: city.name, level: 'city', fullName: city.name });
  }
  for (const city of cities) {
    const districts = codes.filter((c) => c.startsWith(city.code.slice(0, 4)) && !c.endsWith('00')).slice(0, districtCount);
    for (const code of districts) {
      const name = table.get(code);
      regions.push({ code, name, level: 'district', fullName: city.name + name });
    }
  }
  return regions;
}

function departmentOf(k) {
  return DEPARTMENTS[k] ?? { short: `第${chineseNumber((k + 1) % 1000)}业务局` };
}

function buildDepartments(region, filesPerRegion, seed) {
  const deps = [];
  for (let k = 0; k < filesPerRegion; k++) {
    const d = departmentOf(k);
    const rnd = makeRandom(seed, `credit:${region.code}:${k}`);
    let body = '';
    for (let i = 0; i < 8; i++) body += String(i === 0 ? rnd.int(0, 7) : rnd.int(0, 9));
    deps.push({
      short: d.short,
      system: d.system,
      name: region.fullName + d.short,
      creditCode: makeCreditCode(region.code, body),
      fileName: `${d.short}.yaml`,
    });
  }
  return deps;
}

// ---------------------------------------------------------------------------------------------
// Items

function deriveCode(base, cycle, codes) {
  if (!CODE_RE.test(base)) base = base.replace(/[^0-9A-Z]/g, '').slice(0, 14);
  const prefix = base.slice(0, -4);
  const tail = parseInt(base.slice(-4).replace(/\D/g, '') || '0', 10);
  let n = (tail + cycle * 7919) % 10000;
  for (let attempt = 0; attempt < 10000; attempt++) {
    const code = prefix + String(n).padStart(4, '0');
    if (!codes.has(code) && CODE_RE.test(code)) return code;
    n = (n + 1) % 10000;
  }
  throw new Error(`cannot derive a code from ${base}`);
}

function pickPromised(rnd) {
  return rnd.pick([0, 1, 2, 3, 5, 5, 7, 10, 10, 15, 15, 20, 20, 30]);
}

/** Splits at most `total` days over `count` steps. */
function splitDays(rnd, total, count) {
  const used = rnd.chance(0.8) ? total : rnd.int(0, total);
  const days = [];
  let left = used;
  for (let i = 0; i < count - 1; i++) {
    const d = left === 0 ? 0 : rnd.int(0, Math.ceil(left / (count - i)));
    days.push(d);
    left -= d;
  }
  days.push(left);
  return days;
}

function buildItems(count, fileCount, seed) {
  const rnd = makeRandom(seed, 'items');
  const codes = new Set(POOL.map((row) => row[2]).filter((c) => CODE_RE.test(c)));
  const names = new Set();
  const items = [];
  for (let i = 0; i < count; i++) {
    const row = POOL[i % POOL.length];
    const cycle = Math.floor(i / POOL.length);
    const [deptIndex, poolName, poolCode, poolType] = row;

    let code = poolCode;
    if (cycle > 0 || !CODE_RE.test(poolCode)) {
      code = deriveCode(poolCode, cycle, codes);
      codes.add(code);
    }

    let name = poolName;
    if (cycle > 0) {
      name += cycle <= NAME_SUFFIXES.length ? NAME_SUFFIXES[cycle - 1] : `（第${chineseNumber((cycle + 1) % 1000)}类）`;
    }
    for (let k = 2; names.has(normalizeText(name)); k++) name = `${poolName}（${chineseNumber(k % 1000)}）`;
    names.add(normalizeText(name));

    const r = rnd.next();
    const levels = r < 0.8 ? ['province', 'city', 'district'] : r < 0.92 ? ['province', 'city'] : ['province'];

    const basis = rnd.sample(LAWS, rnd.int(1, 2)).map((law) => `《${law}》第${chineseNumber(rnd.int(3, 120))}条`);

    const m = rnd.next();
    const reviewMode = m < 0.15 ? '一审一核' : m < 0.4 ? '标准' : undefined;

    const promised = pickPromised(rnd);
    let statutory;
    if (rnd.chance(0.6)) {
      statutory = rnd.pick([promised, 10, 15, 20, 30, 45, 60].filter((v) => v >= promised));
    }

    const daysOmitted = reviewMode !== '一审一核' && rnd.chance(0.1);
    let stepNames;
    if (reviewMode === '一审一核') {
      stepNames = ['受理', '核准'];
    } else {
      const k = rnd.int(2, 5);
      stepNames = ['受理', ...rnd.sampleOrdered(MIDDLE_STEPS, k - 1)];
      if (rnd.chance(0.15) && k < 5) stepNames.splice(stepNames[1] === '审查' ? 2 : 1, 0, '现场核查');
    }
    const days = splitDays(rnd, promised, stepNames.length);
    const steps = stepNames.map((sn, j) => {
      const step = { name: sn };
      if (!daysOmitted) step.days = days[j];
      if (reviewMode === '一审一核' || rnd.chance(0.5)) step.role = STEP_ROLES[sn];
      return step;
    });

    const materials = rnd.sample(MATERIAL_NAMES, rnd.int(3, 10)).map((mn) => {
      const mat = { name: mn, form: rnd.pick(FORMS) };
      if (rnd.chance(0.4)) mat.medium = rnd.pick(MEDIA);
      mat.copies = rnd.pick([1, 1, 1, 1, 1, 2, 2, 0, 3]);
      const nr = rnd.next();
      mat.necessity = nr < 0.7 ? '必要' : nr < 0.85 ? '非必要' : '容缺后补';
      if (rnd.chance(0.3)) mat.source = rnd.pick(MATERIAL_SOURCES);
      return mat;
    });

    const reviewRules = rnd.sampleOrdered(REVIEW_RULES, rnd.int(2, 4));

    const s = rnd.next();
    const style = {
      name: s < 0.04 ? 'single' : s < 0.06 ? 'double' : 'plain',
      levelsBlock: rnd.chance(0.1),
      basisFlow: rnd.chance(0.15),
      materialsFlow: rnd.chance(0.08),
      comment: rnd.chance(0.03),
      implementationCode: rnd.chance(0.3),
    };

    items.push({
      index: i,
      file: deptIndex % fileCount,
      code,
      name,
      type: TYPES_ALLOWED.has(poolType) ? poolType : '其他行政权力',
      basis,
      levels,
      reviewMode,
      statutory,
      promised,
      materials,
      steps,
      reviewRules,
      style,
    });
  }
  return { items, names };
}

/**
 * Renders an item entry (without implementationCode) as lines, indented for `items:` at column 0.
 * `marks` holds 0-based line indexes of the nodes planted differences point at.
 */
function renderItem(item, { promisedBlock = false } = {}) {
  const L = [`  - code: "${item.code}"`];
  const marks = { materialName: [], materialForm: [], step: [] };
  const st = item.style;
  if (st.comment) L.push('    # 依据省级统一清单认领，要素与省级保持一致');
  marks.name = L.length;
  const nameText =
    st.name === 'single' ? singleQuoted(item.name)
      : st.name === 'double' || !isPlainSafe(item.name) ? JSON.stringify(item.name)
        : item.name;
  L.push(`    name: ${nameText}`);
  L.push(`    type: ${item.type}`);
  if (st.basisFlow) {
    L.push(`    basis: [${item.basis.map((b) => scalar(b, true)).join(', ')}]`);
  } else {
    L.push('    basis:');
    for (const b of item.basis) L.push(`      - ${scalar(b)}`);
  }
  if (st.levelsBlock) {
    L.push('    levels:');
    for (const lv of item.levels) L.push(`      - ${lv}`);
  } else {
    L.push(`    levels: [${item.levels.join(', ')}]`);
  }
  if (item.reviewMode) L.push(`    reviewMode: ${item.reviewMode}`);
  L.push('    timeLimit:');
  if (item.statutory !== undefined) L.push(`      statutory: { value: ${item.statutory}, unit: ${UNIT} }`);
  if (promisedBlock) {
    L.push('      promised:');
    marks.promisedValue = L.length;
    L.push(`        value: ${item.promised}`);
    L.push(`        unit: ${UNIT}`);
  } else {
    L.push(`      promised: { value: ${item.promised}, unit: ${UNIT} }`);
  }
  L.push('    materials:');
  for (const m of item.materials) {
    if (st.materialsFlow) {
      marks.materialName.push(L.length);
      marks.materialForm.push(L.length);
      let line = `      - { name: ${scalar(m.name, true)}, form: ${m.form}`;
      if (m.medium) line += `, medium: ${m.medium}`;
      line += `, copies: ${m.copies}, necessity: ${m.necessity}`;
      if (m.source) line += `, source: ${scalar(m.source, true)}`;
      L.push(line + ' }');
    } else {
      marks.materialName.push(L.length);
      L.push(`      - name: ${scalar(m.name)}`);
      marks.materialForm.push(L.length);
      L.push(`        form: ${m.form}`);
      if (m.medium) L.push(`        medium: ${m.medium}`);
      L.push(`        copies: ${m.copies}`);
      L.push(`        necessity: ${m.necessity}`);
      if (m.source) L.push(`        source: ${scalar(m.source)}`);
    }
  }
  L.push('    steps:');
  for (const s of item.steps) {
    marks.step.push(L.length);
    L.push(`      - name: ${s.name}`);
    if (s.days !== undefined) L.push(`        days: ${s.days}`);
    if (s.role) L.push(`        role: ${s.role}`);
  }
  if (item.reviewRules.length) {
    L.push('    reviewRules:');
    for (const r of item.reviewRules) L.push(`      - ${scalar(r)}`);
  }
  renderListFields(item, L);
  return { lines: L, marks };
}

function prerender(item) {
  const { lines } = renderItem(item);
  item.head = lines[0] + '\n';
  item.rest = lines.slice(1).join('\n') + '\n';
  item.lineCount = lines.length;
}

// ---------------------------------------------------------------------------------------------
// Decisions and catalogs (`--lists`, shared/spec/lists.md)

const SERVICE_NAMES = ['建设项目环境影响报告书编制', '地质灾害危险性评估', '房屋安全鉴定', '消防设施检测', '建设工程测绘',
  '资产评估', '可行性研究报告编制', '节能评估报告编制', '水土保持方案编制', '安全评价'];
const FEE_NAMES = ['不动产登记费', '证书工本费', '考试考务费', '检验检测费', '特种设备检验费', '污水处理费', '防空地下室易地建设费', '土地复垦费'];
const DUTY_TEXT = {
  受理: '公示应当提交的材料，一次性告知补正材料，依法决定是否受理',
  审查: '对申请材料进行审查，提出审查意见',
  决定: '作出准予或不予许可决定，不予许可的说明理由',
  送达: '制作并送达许可证件',
  事后监管: '开展定期和不定期检查',
};

/**
 * Adds to the items the fields of lists.md (intermediaries, fees, responsibility, prerequisites,
 * decisionRefs) and returns the province's decisions and catalogs that the data follows: every
 * reference resolves, every 部分下放 item is at every city and district, every 调整 is applied,
 * every 取消 item is listed nowhere. Uses its own random stream: the items are otherwise unchanged.
 */
function buildLists(items, seed, provinceName) {
  const rnd = makeRandom(seed, 'lists');
  const all3 = items.filter((it) => it.levels.length === 3);
  const power = items.filter((it) => it.type !== '公共服务');
  const count = items.length;
  const docNo = (n) => `川府发〔2019〕${n}号`;

  // Intermediary services, each serving one to three items.
  const serviceCount = Math.max(3, Math.floor(count / 60));
  const intermediaryCatalog = [];
  for (let k = 0; k < serviceCount; k++) {
    const name = `${SERVICE_NAMES[k % SERVICE_NAMES.length]}${k >= SERVICE_NAMES.length ? `（${chineseNumber(Math.floor(k / SERVICE_NAMES.length) + 1)}）` : ''}`;
    const served = rnd.sample(power, rnd.int(1, 3));
    for (const it of served) (it.intermediaries ??= []).push(name);
    intermediaryCatalog.push({ name, items: served.map((it) => it.name), basis: [`《${rnd.pick(LAWS)}》第${chineseNumber(rnd.int(3, 60))}条`], pricing: '市场调节价' });
  }
  // Fees: a catalog and the items charging them (some items say they are free: fees: []).
  const feeCatalog = FEE_NAMES.map((name, k) => ({ name, standard: `每件${(k + 1) * 10}元`, basis: [`发改价格规〔2016〕${2559 + k}号`], kind: k === 6 ? '政府性基金' : '行政事业性收费' }));
  for (const it of items) {
    const r = rnd.next();
    if (r < 0.05) it.fees = [rnd.pick(feeCatalog)];
    else if (r < 0.08) it.fees = [];
  }
  // 两单融合: responsibility elements for some power items.
  for (const it of power) {
    if (!rnd.chance(0.3)) continue;
    const stages = it.type === '行政许可' ? ['受理', '审查', '决定', '送达', '事后监管'] : ['受理', '审查', '决定'];
    it.responsibility = { duties: stages.map((stage) => ({ stage, text: DUTY_TEXT[stage] })), accountability: ['对符合法定条件的申请不予受理的'] };
  }
  // Prerequisites: an earlier 行政许可 item (no cycles), listed wherever the item is.
  const licences = [];
  for (const it of items) {
    if (licences.length && rnd.chance(0.05)) {
      const pre = rnd.pick(licences);
      if (pre.levels.length >= it.levels.length) {
        it.prerequisites = [{ code: pre.code, name: pre.name }];
        pre.prerequisiteOf = true;
      }
    }
    if (it.type === '行政许可') licences.push(it);
  }
  // Decisions: 取消 items listed nowhere, 部分下放 items at every level, 调整 already applied.
  const codes = new Set(items.map((it) => it.code));
  const cancelled = [];
  for (let k = 0; cancelled.length < 20; k++) {
    const code = `9${String(800000000 + k * 7).padStart(11, '0')}`;
    if (codes.has(code)) continue;
    cancelled.push({ action: '取消', code, name: `${rnd.pick(items).name}（已取消${chineseNumber(cancelled.length + 1)}）` });
  }
  const delegated = rnd.sample(all3, Math.min(20, all3.length));
  for (const it of delegated) it.decisionRefs = [docNo(12)];
  const adjusted = rnd.sample(items.filter((it) => !delegated.includes(it)), Math.min(10, count));
  for (const it of adjusted) it.decisionRefs = [docNo(30)];
  const decisions = [
    {
      docNo: docNo(5), title: `${provinceName}人民政府关于取消一批行政许可事项的决定`, issuer: `${provinceName}人民政府`, issuerLevel: 'province',
      date: '2019-03-01', entries: cancelled,
    },
    {
      docNo: docNo(12), title: `${provinceName}人民政府关于下放一批行政许可事项的决定`, issuer: `${provinceName}人民政府`, issuerLevel: 'province',
      date: '2019-06-01', effective: '2019-07-01', transition: { value: 20, unit: '工作日' },
      entries: delegated.map((it) => ({ action: '部分下放', code: it.code, name: it.name, to: ['city', 'district'] })),
    },
    {
      docNo: docNo(30), title: `${provinceName}人民政府关于调整一批行政许可事项的决定`, issuer: `${provinceName}人民政府`, issuerLevel: 'province',
      date: '2019-09-01', entries: adjusted.map((it) => ({ action: '调整', code: it.code, name: `${it.name}（原）`, newName: it.name })),
    },
  ];
  return { decisions, intermediaryCatalog, feeCatalog };
}

/** YAML lines of a flow mapping `{ k: v, … }` of strings (and string arrays). */
function flowMap(obj) {
  const parts = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) parts.push(`${k}: [${v.map((x) => (typeof x === 'string' ? scalar(x, true) : x)).join(', ')}]`);
    else if (typeof v === 'string') parts.push(`${k}: ${/^\d+$/.test(v) || k === 'code' ? JSON.stringify(v) : scalar(v, true)}`);
    else parts.push(`${k}: ${v}`);
  }
  return `{ ${parts.join(', ')} }`;
}

/** The lines an item's lists.md fields add (after its other fields). */
function renderListFields(item, L) {
  if (item.decisionRefs) L.push(`    decisionRefs: [${item.decisionRefs.map((d) => scalar(d, true)).join(', ')}]`);
  if (item.prerequisites) {
    L.push('    prerequisites:');
    for (const p of item.prerequisites) L.push(`      - ${flowMap(p)}`);
  }
  if (item.intermediaries) {
    L.push('    intermediaries:');
    for (const name of item.intermediaries) L.push(`      - ${flowMap({ name })}`);
  }
  if (item.fees) {
    if (item.fees.length === 0) L.push('    fees: []');
    else {
      L.push('    fees:');
      for (const f of item.fees) L.push(`      - ${flowMap({ name: f.name, standard: f.standard, basis: f.basis })}`);
    }
  }
  if (item.responsibility) {
    L.push('    responsibility:');
    L.push('      duties:');
    for (const d of item.responsibility.duties) L.push(`        - ${flowMap(d)}`);
    L.push(`      accountability: [${item.responsibility.accountability.map((a) => scalar(a, true)).join(', ')}]`);
  }
}

const LISTS_FILE = '决定与目录.yaml';
const LIST_FIELDS = ['decisionRefs', 'prerequisites', 'intermediaries', 'fees', 'responsibility'];

/** The province's lists file: decisions and catalogs, `items: []`. */
function renderListsFile(province, lists) {
  const L = [SCHEMA_COMMENT, `# ${province.name}取消、下放和调整事项的决定，中介服务事项清单，收费目录清单（基准测试数据，自动生成）`,
    'region:', `  code: "${province.code}"`, `  name: ${province.name}`, `  level: ${province.level}`, 'items: []', 'decisions:'];
  for (const d of lists.decisions) {
    L.push(`  - docNo: ${d.docNo}`, `    title: ${d.title}`, `    issuer: ${d.issuer}`, `    issuerLevel: ${d.issuerLevel}`, `    date: "${d.date}"`);
    if (d.effective) L.push(`    effective: "${d.effective}"`);
    if (d.transition) L.push(`    transition: { value: ${d.transition.value}, unit: ${d.transition.unit} }`);
    L.push('    entries:');
    for (const e of d.entries) L.push(`      - ${flowMap(e)}`);
  }
  L.push('intermediaryCatalog:');
  for (const c of lists.intermediaryCatalog) {
    L.push(`  - name: ${scalar(c.name)}`, '    items:');
    for (const n of c.items) L.push(`      - ${flowMap({ name: n })}`);
    L.push(`    basis: [${c.basis.map((b) => scalar(b, true)).join(', ')}]`, `    pricing: ${c.pricing}`);
  }
  L.push('feeCatalog:');
  for (const f of lists.feeCatalog) L.push(`  - ${flowMap(f)}`);
  return L.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Planted differences

function applicableKinds(item, names) {
  const kinds = ['materialRenamed', 'formChanged'];
  if (item.statutory === undefined || item.promised + 5 <= item.statutory) kinds.push('promisedChanged');
  if (item.reviewMode !== '一审一核' && !item.steps.some((s) => s.name === '现场核查')) kinds.push('stepInserted');
  if (!item.prerequisiteOf && !names.has(normalizeText(item.name + '（新）'))) kinds.push('nameChanged');
  return kinds;
}

/** Returns the modified copy of `item` and the mark (0-based line index) of the changed node. */
function applyPlant(item, plant) {
  const copy = {
    ...item,
    materials: item.materials.map((m) => ({ ...m })),
    steps: item.steps.map((s) => ({ ...s })),
  };
  let promisedBlock = false;
  switch (plant.kind) {
    case 'materialRenamed':
      copy.materials[plant.material].name += '副本';
      break;
    case 'formChanged':
      copy.materials[plant.material].form = plant.form;
      break;
    case 'promisedChanged':
      copy.promised += 5;
      promisedBlock = true;
      break;
    case 'stepInserted':
      copy.steps.splice(copy.steps.length - 1, 0, { name: '现场核查', days: 0 });
      break;
    case 'nameChanged':
      copy.name += '（新）';
      break;
    default:
      throw new Error(plant.kind);
  }
  const { lines, marks } = renderItem(copy, { promisedBlock });
  const mark = {
    materialRenamed: () => marks.materialName[plant.material],
    formChanged: () => marks.materialForm[plant.material],
    promisedChanged: () => marks.promisedValue,
    stepInserted: () => marks.step[copy.steps.length - 2],
    nameChanged: () => marks.name,
  }[plant.kind]();
  return { lines, mark };
}

function choosePlants(count, lowerRegions, regionItems, items, names, seed) {
  const plants = new Map(); // `${regionCode}#${itemIndex}` -> plant
  if (count <= 0) return plants;
  const total = lowerRegions.reduce((n, r) => n + regionItems.get(r.code).length, 0);
  if (count > total) {
    throw new Error(`--inconsistencies ${count} exceeds the ${total} items of city and district lists`);
  }
  const rnd = makeRandom(seed, 'plant');
  const candidates = lowerRegions.filter((r) => regionItems.get(r.code).length > 0);
  while (plants.size < count) {
    const region = rnd.pick(candidates);
    const list = regionItems.get(region.code);
    const item = items[rnd.pick(list)];
    const key = `${region.code}#${item.index}`;
    if (plants.has(key)) continue;
    const kind = rnd.pick(applicableKinds(item, names));
    const plant = { kind };
    if (kind === 'materialRenamed' || kind === 'formChanged') {
      plant.material = rnd.int(0, item.materials.length - 1);
      if (kind === 'formChanged') {
        plant.form = rnd.pick(FORMS.filter((f) => f !== item.materials[plant.material].form));
      } else {
        const renamed = normalizeText(item.materials[plant.material].name + '副本');
        if (item.materials.some((m) => normalizeText(m.name) === renamed)) continue;
      }
    }
    plants.set(key, plant);
  }
  return plants;
}

// ---------------------------------------------------------------------------------------------
// Output directory

const GENERATED_ENTRY = /^(?:\d{6}|\d{9}|planted\.json)$/;

function prepareOut(out, force) {
  if (!fs.existsSync(out)) {
    fs.mkdirSync(out, { recursive: true });
    return;
  }
  const entries = fs.readdirSync(out);
  if (entries.length === 0) return;
  if (!force) throw new Error(`${out} is not empty (use --force to replace generated data in it)`);
  // Remove only what this generator writes: region directories and planted.json.
  for (const e of entries) {
    if (GENERATED_ENTRY.test(e)) fs.rmSync(path.join(out, e), { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Public entry point

/**
 * Generates the corpus into `out`.
 * @returns {{ files: number, regions: number, items: number, bytes: number,
 *   planted: { file: string, line: number, ruleId: string, messageId: string }[] }}
 */
export function generate(options) {
  const opts = { ...DEFAULTS, force: true, ...options };
  const { out, cities, districts, seed, inconsistencies, filesPerRegion, force, provinces, lists } = opts;
  const itemCount = opts.items;
  if (!out) throw new Error('out is required');
  for (const [k, v] of Object.entries({ cities, districts, items: itemCount, seed, inconsistencies, filesPerRegion, provinces })) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`${k} must be a non-negative integer`);
  }
  if (filesPerRegion < 1) throw new Error('filesPerRegion must be >= 1');
  if (provinces < 1 || provinces > PROVINCES.length) throw new Error(`provinces must be 1..${PROVINCES.length}`);
  if (lists && provinces !== 1) throw new Error('lists needs provinces 1 (decision numbers are unique in a dataset)');

  const { items, names } = buildItems(itemCount, filesPerRegion, seed);
  // The lists are chosen whether or not they are written, so the planted differences are the same
  // with and without them (a renamed prerequisite would be a prerequisite finding).
  const chosen = buildLists(items, seed, PROVINCES[0].name);
  // `lists: 'responsibility'`: only the 两单融合 responsibility lists (no decisions, catalogs, nor the
  // item fields that refer to them), the data the decisions and catalogs are compared against.
  const listsData = lists === true ? chosen : undefined;
  if (lists !== true) for (const it of items) for (const k of LIST_FIELDS) if (!(lists === 'responsibility' && k === 'responsibility')) delete it[k];
  for (const item of items) prerender(item);
  prepareOut(out, force);
  let files = 0;
  let bytes = 0;
  let itemsWritten = 0;
  let regionCount = 0;
  const planted = [];
  // One province after another (the body keeps its one-province indentation).
  for (let p = 0; p < provinces; p++) {
  const PROVINCE = PROVINCES[p];
  const regions = buildRegions(cities, districts, seed + p, PROVINCE);
  regionCount += regions.length;

  // Items a region carries, in province order.
  const regionItems = new Map();
  for (const region of regions) {
    regionItems.set(
      region.code,
      items.filter((it) => it.levels.includes(region.level)).map((it) => it.index),
    );
  }
  const lower = regions.filter((r) => r.level !== 'province');
  const plants = choosePlants(inconsistencies, lower, regionItems, items, names, seed + p);

  for (const region of regions) {
    const dir = path.join(out, region.code);
    fs.mkdirSync(dir, { recursive: true });
    const deps = buildDepartments(region, filesPerRegion, seed);
    const byFile = deps.map(() => []);
    for (const idx of regionItems.get(region.code)) byFile[items[idx].file].push(idx);

    for (let k = 0; k < deps.length; k++) {
      const dep = deps[k];
      const relFile = `${region.code}/${dep.fileName}`;
      const parts = [
        SCHEMA_COMMENT, '\n',
        `# ${region.level === 'province' ? '' : PROVINCE.name}${region.fullName}${dep.short}政务服务事项清单（基准测试数据，自动生成）\n`,
        'region:\n',
        `  code: "${region.code}"\n`,
        `  name: ${region.name}\n`,
        `  level: ${region.level}\n`,
        'department:\n',
        `  name: ${dep.name}\n`,
        `  creditCode: "${dep.creditCode}"\n`,
      ];
      let line = 9; // lines written so far
      if (dep.system) {
        parts.push(`system: ${dep.system}\n`);
        line++;
      }
      const list = byFile[k];
      parts.push(list.length ? 'items:\n' : 'items: []\n');
      line++;
      for (const idx of list) {
        const item = items[idx];
        const impl = item.style.implementationCode
          ? `    implementationCode: "${dep.creditCode}${item.code}"\n`
          : '';
        const plant = plants.get(`${region.code}#${idx}`);
        if (plant) {
          const { lines, mark } = applyPlant(item, plant);
          parts.push(lines[0], '\n', impl, lines.slice(1).join('\n'), '\n');
          planted.push({
            file: relFile,
            line: line + 1 + mark + (impl && mark >= 1 ? 1 : 0),
            ruleId: KINDS[plant.kind].ruleId,
            messageId: KINDS[plant.kind].messageId,
          });
          line += lines.length + (impl ? 1 : 0);
        } else {
          parts.push(item.head, impl, item.rest);
          line += item.lineCount + (impl ? 1 : 0);
        }
      }
      const text = parts.join('');
      const buf = Buffer.from(text, 'utf8');
      fs.writeFileSync(path.join(dir, dep.fileName), buf);
      files++;
      bytes += buf.length;
      itemsWritten += list.length;
    }
    if (listsData && region.level === 'province') {
      const buf = Buffer.from(renderListsFile(region, listsData), 'utf8');
      fs.writeFileSync(path.join(dir, LISTS_FILE), buf);
      files++;
      bytes += buf.length;
    }
  }
  } // provinces

  planted.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  fs.writeFileSync(path.join(out, 'planted.json'), JSON.stringify(planted, null, 2) + '\n');
  return { files, regions: regionCount, items: itemsWritten, bytes, planted };
}

// ---------------------------------------------------------------------------------------------
// CLI

const USAGE = `usage: node bench/generate.mjs --out DIR [--cities 9] [--districts 10] [--items 1000]
       [--seed 42] [--inconsistencies 0] [--files-per-region 2] [--provinces 1] [--lists] [--force]`;

function parseArgs(argv) {
  const opts = { ...DEFAULTS, force: false };
  const numeric = {
    '--cities': 'cities',
    '--districts': 'districts',
    '--items': 'items',
    '--seed': 'seed',
    '--inconsistencies': 'inconsistencies',
    '--files-per-region': 'filesPerRegion',
    '--provinces': 'provinces',
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const takeValue = () => {
      if (value !== undefined) return value;
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--help' || arg === '-h') {
      opts.help = true;
    } else if (arg === '--force') {
      opts.force = true;
    } else if (arg === '--lists') {
      opts.lists = true;
    } else if (arg === '--responsibility') {
      opts.lists = 'responsibility';
    } else if (arg === '--out') {
      opts.out = takeValue();
    } else if (numeric[arg]) {
      const raw = takeValue();
      if (!/^\d+$/.test(raw)) throw new Error(`${arg} must be a non-negative integer, got ${raw}`);
      opts[numeric[arg]] = Number(raw);
    } else {
      throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return opts;
}

function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  if (!opts.out) {
    process.stderr.write(`--out is required\n${USAGE}\n`);
    process.exit(2);
  }
  const start = process.hrtime.bigint();
  let result;
  try {
    result = generate(opts);
  } catch (err) {
    process.stderr.write(`generate: ${err.message}\n`);
    process.exit(1);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stderr.write(
    `generate: ${result.files} files, ${result.regions} regions, ${result.items} items, ` +
      `${(result.bytes / 1e6).toFixed(1)} MB, ${result.planted.length} planted, ${seconds.toFixed(2)} s -> ${opts.out}\n`,
  );
}

const invokedPath = process.argv[1] ? fs.realpathSync(process.argv[1]) : '';
if (invokedPath === fileURLToPath(import.meta.url)) main();
