/**
 * `qingdan-lint import <file.xlsx ...> --out DIR [--region CODE] [--map mapping.yaml] [--force]`
 * and `qingdan-lint import --template F.xlsx` (reports.md, "Excel in").
 * Exit 0 everything imported, 1 some row could not be imported, 2 nothing could (or a workbook
 * could not be read, or files exist without --force).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { isLocale } from '../report/i18n.js';
import type { Locale } from '../types.js';
import type { CliIO } from './io.js';

const OPTIONS = {
  out: { type: 'string' },
  region: { type: 'string' },
  map: { type: 'string' },
  force: { type: 'boolean' },
  template: { type: 'string' },
  locale: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Problems printed on the terminal; all of them are in import-report.json. */
const MAX_LINES = 200;

export const IMPORT_HELP = `Usage: qingdan-lint import <file.xlsx ...> --out DIR [options]
       qingdan-lint import --template F.xlsx

把 Excel 清单（.xlsx）导入为纵向清单 YAML 文件，并写出 DIR/import-report.json。
Import the item lists offices keep in Excel into YAML files of the checklist format.

Options:
  --out DIR          folder to write DIR/<区划代码>/<部门>.yaml and DIR/import-report.json
  --region CODE      region (6 or 9 digits) of rows without a 区划代码 column
  --map FILE         YAML mapping: extra header synonyms (columns), defaults
  --force            overwrite existing files
  --template F.xlsx  write an empty workbook in the recommended layout (with an example row)
  --locale LOCALE    zh-CN (default) or en
  -h, --help         show this help

Exit codes: 0 all imported, 1 some rows could not be imported, 2 nothing imported or could not run.
See docs/import.md.
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const fail = (message: string) => {
    io.stderr(`qingdan-lint import: ${message}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return fail(`${(error as Error).message.split('\n')[0]}; see qingdan-lint import --help`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(IMPORT_HELP);
    return 0;
  }
  if (values.locale !== undefined && !isLocale(values.locale)) return fail(`unknown locale "${values.locale}"; use zh-CN or en`);
  const locale: Locale = (values.locale as Locale | undefined) ?? 'zh-CN';
  const cwd = io.cwd ?? process.cwd();
  const { importWorkbooks, ImportError } = await import('../import/index.js');
  try {
    if (values.template !== undefined) {
      if (positionals.length) return fail('--template writes a new workbook and takes no input files');
      const { writeTemplate } = await import('../import/workbook.js');
      await writeTemplate(resolve(cwd, values.template), { force: !!values.force, locale });
      io.stdout(locale === 'zh-CN' ? `已写出模板 ${values.template}\n` : `wrote template ${values.template}\n`);
      return 0;
    }
    if (positionals.length === 0) return fail('no workbook given; usage: qingdan-lint import <file.xlsx ...> --out DIR');
    if (values.out === undefined) return fail('--out DIR is required (the folder the YAML files are written to)');
    const result = await importWorkbooks({ files: positionals, outDir: values.out, region: values.region, map: values.map, force: !!values.force, cwd, locale });
    const { report } = result;
    const lines: string[] = [];
    const shown = report.problems.length > MAX_LINES ? report.problems.slice(0, MAX_LINES) : report.problems;
    for (const p of shown) {
      const where = [p.file, p.sheet, p.cell].filter((x) => x !== undefined).join('!');
      const sev = locale === 'zh-CN' ? (p.severity === 'error' ? '错误' : '警告') : p.severity;
      lines.push(`${where}  ${sev}  ${p.message}  (${p.messageId})`);
    }
    if (shown.length < report.problems.length) {
      const more = report.problems.length - shown.length;
      lines.push(locale === 'zh-CN' ? `……另有 ${more} 个问题，见 import-report.json` : `… and ${more} more problems in import-report.json`);
    }
    const s = report.summary;
    lines.push(
      locale === 'zh-CN'
        ? `导入 ${s.items} 个事项，写出 ${s.files} 个文件到 ${values.out}；${s.errors} 个错误，${s.warnings} 个警告；${report.unmapped.length} 列未识别，详见 ${values.out}/import-report.json`
        : `imported ${s.items} items into ${s.files} files in ${values.out}; ${s.errors} errors, ${s.warnings} warnings; ${report.unmapped.length} columns not mapped; see ${values.out}/import-report.json`,
    );
    if (report.missingFields.length) lines.push((locale === 'zh-CN' ? '没有列提供的字段：' : 'fields no column provided: ') + report.missingFields.join(', '));
    io.stdout(lines.join('\n') + '\n');
    return result.exitCode;
  } catch (error) {
    if (error instanceof ImportError) return fail(error.message);
    const e = error as Error;
    return fail(`internal error: ${e && e.message ? e.message.split('\n')[0] : String(error)}`);
  }
}
