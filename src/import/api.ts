/**
 * The library entry of the importer, loaded on first use so that `lint` never loads the
 * workbook readers.
 */
import type { ImportOptions, ImportResult } from './index.js';

export { ImportError } from './errors.js';
export type { ImportOptions, ImportResult, ImportReport, ImportMap, ImportProblem, UnmappedColumn } from './index.js';

/**
 * Import Excel workbooks (`.xlsx`) into files of format.md under `options.outDir`, and write
 * `import-report.json` there (reports.md, "Excel in"). Rejects with `ImportError` (a one-line
 * message) when a workbook cannot be read, files exist without `force`, or the map is invalid;
 * nothing is written then.
 */
export async function importWorkbooks(options: ImportOptions): Promise<ImportResult> {
  const m = await import('./index.js');
  return m.importWorkbooks(options);
}
