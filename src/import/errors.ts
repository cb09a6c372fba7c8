/** An import that cannot run: unreadable workbook, files in the way, a bad map (one line; exit 2). */
export class ImportError extends Error {
  override name = 'ImportError';
}
