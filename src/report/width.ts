/**
 * Display width of text in a terminal, for placing carets under a code frame: East Asian wide and
 * full-width characters take two cells, zero-width and combining characters none (`string-width`);
 * a tab is counted as 4 cells, as the code frame prints it.
 */
import stringWidth from 'string-width';

export function displayWidth(text: string): number {
  let w = 0;
  let from = 0;
  for (let i = text.indexOf('\t'); i !== -1; i = text.indexOf('\t', from)) {
    w += stringWidth(text.slice(from, i), { countAnsiEscapeCodes: true }) + 4;
    from = i + 1;
  }
  return w + stringWidth(text.slice(from), { countAnsiEscapeCodes: true });
}
