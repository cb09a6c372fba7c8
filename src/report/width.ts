/**
 * Display width of text in a terminal, for placing carets under a code frame: East Asian wide and
 * full-width characters take two cells, zero-width and combining characters none (`string-width`);
 * a tab is counted as 4 cells, as the code frame prints it.
 */
import type stringWidthFn from 'string-width';

/**
 * `string-width`, loaded on first use: setting it up (an `Intl.Segmenter`, the emoji pattern) took
 * ~15 ms of every start-up, and only a code frame or the progress line needs it. The build bundles
 * it (tsup.config.ts), so this `require` works the same in the ES module and CommonJS builds.
 */
let stringWidth: typeof stringWidthFn | undefined;

function width(text: string): number {
  stringWidth ??= (require('string-width') as { default: typeof stringWidthFn }).default;
  return stringWidth(text, { countAnsiEscapeCodes: true });
}

export function displayWidth(text: string): number {
  let w = 0;
  let from = 0;
  for (let i = text.indexOf('\t'); i !== -1; i = text.indexOf('\t', from)) {
    w += width(text.slice(from, i)) + 4;
    from = i + 1;
  }
  return w + width(text.slice(from));
}
