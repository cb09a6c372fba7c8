/** Plain code-unit order of strings (output.md: files sorted by path in code-unit order). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
