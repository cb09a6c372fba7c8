/**
 * Per-item comparisons are bounded (docs/security.md, "Resource limits"): an item with thousands
 * of materials or review rules, or a material name of a megabyte, is linted by the real command
 * line in a process limited to 512 MB of heap, within the per-test timeout (the bound: before the
 * limits these runs took minutes and gigabytes). Every difference is still reported once; a
 * `tooLarge` info notice says where a comparison was approximated.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import type { Report } from '../src/types.js';

const BIN = join(ROOT, 'bin', 'qingdan-lint.js');
const TIMEOUT = 120_000;

interface ItemSpec {
  code: string;
  name?: string;
  materials: string[];
  reviewRules?: string[];
}

/** A list file; returns its text and the line of each material and review rule (1-based). */
function listFile(region: string, regionName: string, level: string, items: ItemSpec[]): { text: string; materialLines: number[][]; reviewLines: number[][]; itemLines: number[] } {
  const lines = [`region: { code: "${region}", name: ${regionName}, level: ${level} }`, 'items:'];
  const materialLines: number[][] = [];
  const reviewLines: number[][] = [];
  const itemLines: number[] = [];
  for (const item of items) {
    itemLines.push(lines.length + 1);
    lines.push(`  - code: "${item.code}"`, `    name: ${item.name ?? '食品经营许可（新办）'}`, '    type: 行政许可', '    timeLimit: { promised: { value: 10, unit: 工作日 } }', '    materials:');
    materialLines.push(
      item.materials.map((name) => {
        lines.push(`      - { name: "${name}", form: 原件, copies: 1, necessity: 必要 }`);
        return lines.length;
      }),
    );
    lines.push('    steps: [{ name: 受理 }, { name: 审查 }, { name: 决定 }]');
    if (item.reviewRules) {
      lines.push('    reviewRules:');
      reviewLines.push(
        item.reviewRules.map((rule) => {
          lines.push(`      - "${rule}"`);
          return lines.length;
        }),
      );
    } else reviewLines.push([]);
  }
  return { text: lines.join('\n') + '\n', materialLines, reviewLines, itemLines };
}

function dataset(province: ItemSpec[], district: ItemSpec[]) {
  const dir = mkdtempSync(join(tmpdir(), 'qdl-limits-'));
  mkdirSync(join(dir, '350000'));
  mkdirSync(join(dir, '350502'));
  const p = listFile('350000', '福建省', 'province', province);
  const d = listFile('350502', '鲤城区', 'district', district);
  writeFileSync(join(dir, '350000', 'list.yaml'), p.text);
  writeFileSync(join(dir, '350502', 'list.yaml'), d.text);
  return { dir, province: p, district: d };
}

/** The CLI with a 512 MB heap, JSON report. */
function lintBounded(dir: string): { code: number | null; report: Report; stderr: string } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', BIN, '--format', 'json', '--threads', '1'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' },
  });
  expect(r.signal).toBeNull();
  return { code: r.status, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

function diagnostics(report: Report) {
  return report.files.flatMap((f) => f.diagnostics);
}

function count(report: Report): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of diagnostics(report)) {
    const k = `${d.file} ${d.ruleId} ${d.messageId} ${d.severity}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

const N = 5000;
const CODE = '000122001001';

describe('bounded per-item comparisons', () => {
  it(
    '5,000 materials renamed from the province: 5,000 renamed (each at its own material) and one tooLarge notice',
    () => {
      const province = [{ code: CODE, materials: Array.from({ length: N }, (_, i) => `申请材料第${i + 1}号（省级版）`) }];
      const district = [{ code: CODE, materials: Array.from({ length: N }, (_, i) => `申请材料第${i + 1}号（区级版）`) }];
      const { dir, district: d } = dataset(province, district);
      const { code, report, stderr } = lintBounded(dir);
      expect(stderr).toBe('');
      expect(code).toBe(1);
      expect(count(report)).toEqual({
        '350502/list.yaml consistency/materials renamed error': N,
        '350502/list.yaml consistency/materials tooLarge info': 1,
      });
      const renamed = diagnostics(report).filter((x) => x.messageId === 'renamed');
      // Each district material is paired with the province material of the same number.
      expect(renamed.map((x) => x.line)).toEqual(d.materialLines[0]);
      expect(renamed.map((x) => x.data.expected)).toEqual(province[0].materials);
      expect(renamed[41].diff).toEqual([
        [0, '申请材料第42号（'],
        [-1, '省'],
        [1, '区'],
        [0, '级版）'],
      ]);
      const notice = diagnostics(report).find((x) => x.messageId === 'tooLarge')!;
      expect({ line: notice.line, message: notice.message, data: notice.data }).toEqual({
        line: d.itemLines[0] + 4,
        message: '申报材料过多或名称过长（本级5000项，上级清单5000项），超出精确比较的上限，已作近似比较：改名的材料可能报告为缺少和多出，字符差异可能较粗',
        // relatedRegionName: the related location's region, a fact its message is worded from.
        data: { count: N, referenceCount: N, relatedRegionName: '福建省' },
      });
      expect(report.summary).toMatchObject({ errors: N, warnings: 0, infos: 1 });
    },
    TIMEOUT,
  );

  it(
    '5,000 review rules: three edits are three diagnostics (exact, no notice); 5,000 reworded ones are 5,000 renamed and a notice',
    () => {
      const rules = Array.from({ length: N }, (_, i) => `审查要点${i + 1}：申请材料齐全、符合法定形式`);
      const edited = rules.slice();
      edited.splice(0, 0, '新增的审查要点：现场核查经营场所'); // inserted at no. 1
      edited[2501] = '审查要点2501：申请材料齐全、符合法定形式和要求'; // province no. 2501, reworded
      edited.splice(4001, 1); // province no. 4001 removed
      const reworded = rules.map((r) => r.replace('申请材料齐全', '申报材料完整'));
      const province = [
        { code: CODE, materials: ['申请书'], reviewRules: rules },
        { code: '000122001002', name: '食品经营许可（变更）', materials: ['申请书'], reviewRules: rules },
      ];
      const district = [
        { code: CODE, materials: ['申请书'], reviewRules: edited },
        { code: '000122001002', name: '食品经营许可（变更）', materials: ['申请书'], reviewRules: reworded },
      ];
      const { dir, district: d } = dataset(province, district);
      const { code, report, stderr } = lintBounded(dir);
      expect(stderr).toBe('');
      expect(code).toBe(1);
      const first = diagnostics(report).filter((x) => x.itemCode === CODE);
      expect(first.map((x) => ({ messageId: x.messageId, severity: x.severity, line: x.line, position: x.data.position }))).toEqual([
        { messageId: 'removed', severity: 'error', line: d.itemLines[0] + 7, position: 4001 },
        { messageId: 'inserted', severity: 'error', line: d.reviewLines[0][0], position: 1 },
        { messageId: 'renamed', severity: 'error', line: d.reviewLines[0][2501], position: 2502 },
      ]);
      const second = diagnostics(report).filter((x) => x.itemCode === '000122001002');
      const byId: Record<string, number> = {};
      for (const x of second) byId[`${x.messageId} ${x.severity}`] = (byId[`${x.messageId} ${x.severity}`] ?? 0) + 1;
      expect(byId).toEqual({ 'renamed error': N, 'tooLarge info': 1 });
      expect(second.filter((x) => x.messageId === 'renamed').map((x) => x.line)).toEqual(d.reviewLines[1]);
      const notice = second.find((x) => x.messageId === 'tooLarge')!;
      expect({ ruleId: notice.ruleId, line: notice.line, message: notice.message }).toEqual({
        ruleId: 'consistency/review-rules',
        line: d.itemLines[1] + 7,
        message: '审查要点过多或过长（本级5000条，上级清单5000条），超出精确比较的上限，已作近似比较：改写或移动的审查要点可能报告为新增和缺少，字符差异可能较粗',
      });
    },
    TIMEOUT,
  );

  it(
    'a material name of a megabyte: one renamed with a coarse diff, and a notice',
    () => {
      const half = '甲'.repeat(180_000); // 540 KB of UTF-8 each side: the name is over 1 MB
      const upper = `申请书${half}${half}`;
      const lower = `申请书${half}乙${half.slice(1)}`;
      const { dir, district: d } = dataset([{ code: CODE, materials: [upper, '营业执照复印件'] }], [{ code: CODE, materials: [lower, '营业执照复印件'] }]);
      expect(Buffer.byteLength(lower)).toBeGreaterThan(1 << 20);
      const { code, report, stderr } = lintBounded(dir);
      expect(stderr).toBe('');
      expect(code).toBe(1);
      expect(count(report)).toEqual({
        '350502/list.yaml consistency/materials renamed error': 1,
        '350502/list.yaml consistency/materials tooLarge info': 1,
      });
      const renamed = diagnostics(report).find((x) => x.messageId === 'renamed')!;
      expect(renamed.line).toBe(d.materialLines[0][0]);
      expect(renamed.diff).toEqual([
        [0, `申请书${half}`],
        [-1, '甲'],
        [1, '乙'],
        [0, half.slice(1)],
      ]);
    },
    TIMEOUT,
  );
});
