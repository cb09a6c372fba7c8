/**
 * Statistics as markdown: one table per section, one row per group and a total row, rates as
 * percentages with two decimals.
 */
import type { Locale } from '../types.js';
import { DIMENSION_LABELS, SECTION_TITLES, TOTAL_LABEL, figures, keyColumns, showFigure, type SectionName } from './columns.js';
import { DIMENSIONS, type Sections, type StatsReport } from './types.js';

const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.map(cell).join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

export function formatStatsMarkdown(report: StatsReport, locale: Locale = 'zh-CN'): string {
  const keys = keyColumns(report.groupBy);
  const all = figures(report);
  const rowsOf = (cells: (s: Sections) => string[]) => [
    ...report.groups.map((g) => [...keys.map((k) => g.key[k.id] ?? ''), ...cells(g)]),
    [TOTAL_LABEL[locale], ...keys.slice(1).map(() => ''), ...cells(report.total)],
  ];
  const out: string[] = [locale === 'en' ? '# Statistics' : '# 清单统计', ''];
  const sections: SectionName[] = ['items', 'consistency', 'coverage', 'decisions', 'timeLimits', 'steps', 'materials', 'responsibility', 'links', 'streets'];
  if (report.compareTo !== undefined) sections.push('compare');
  for (const section of sections) {
    out.push(`## ${SECTION_TITLES[section][locale]}`, '');
    if (section === 'consistency') {
      const dims = [...DIMENSIONS, 'allFive' as const];
      const header = [...keys.map((k) => k.label[locale]), locale === 'en' ? 'compared' : '比对事项', ...dims.map((d) => (d === 'allFive' ? (locale === 'en' ? 'all five' : '五个一致率') : DIMENSION_LABELS[d][locale])), locale === 'en' ? 'differing' : '不一致', locale === 'en' ? 'suppressed' : '已抑制'];
      out.push(
        ...table(
          header,
          rowsOf((s) => [
            String(s.items.compared),
            ...dims.map((d) => {
              const x = s.consistency[d];
              if (!x) return '—';
              const aside = x.suppressed ? (locale === 'en' ? `, ${x.suppressed} suppressed` : `，已抑制 ${x.suppressed}`) : '';
              return `${showFigure(x.rate, 'rate')} (${x.consistent}/${x.compared}${aside})`;
            }),
            s.consistency.allFive ? String(s.consistency.allFive.differing) : '—',
            s.consistency.allFive ? String(s.consistency.allFive.suppressed) : '—',
          ]),
        ),
      );
    } else if (section === 'streets') {
      const rows = report.total.streets.map((x) => [x.district, x.name, x.inTable === null ? '—' : String(x.inTable), String(x.withList), String(x.items), showFigure(x.itemsPerStreet, 'mean')]);
      if (rows.length === 0) out.push(locale === 'en' ? 'No street lists.' : '没有街道清单。');
      else out.push(...table(locale === 'en' ? ['district code', 'district', 'streets in the table', 'streets with a list', 'items', 'items per street'] : ['区县代码', '区县', '区划表中的街道', '有清单的街道', '事项数', '每街道事项数'], rows));
    } else {
      const mine = all.filter((x) => x.section === section);
      out.push(...table([...keys.map((k) => k.label[locale]), ...mine.map((x) => x.label[locale])], rowsOf((s) => mine.map((x) => showFigure(x.get(s), x.kind)))));
      // The total's breakdowns: decisions by issuer level and action, compare by type.
      const t = report.total;
      if (section === 'decisions' && Object.keys(t.decisions.byIssuerLevel).length) {
        const rows = Object.entries(t.decisions.byIssuerLevel).flatMap(([level, actions]) => Object.entries(actions).map(([action, c]) => [level, action, String(c.applicable), String(c.implemented), String(c.outstanding)]));
        out.push('', ...table(locale === 'en' ? ['issuer level', 'action', 'applicable', 'implemented', 'outstanding'] : ['发文层级', '动作', '应落实', '已落实', '未落实'], rows));
      }
      if (section === 'compare' && t.compare && Object.keys(t.compare.byType).length) {
        const rows = Object.entries(t.compare.byType).map(([type, c]) => [type, String(c.kept), String(c.removed), String(c.added)]);
        out.push('', ...table(locale === 'en' ? ['type', 'kept', 'removed', 'added'] : ['事项类型', '保留', '减少', '新增'], rows));
      }
    }
    out.push('');
  }
  out.push(
    locale === 'en'
      ? '现场办结率, 满意率 and 纳入随机抽查清单率 need case and inspection data: they are not in the lists.'
      : '现场办结率、满意率、纳入随机抽查清单率需要办件和检查数据，不属于清单本身，不在此统计。',
    '',
  );
  return out.join('\n');
}
