/** Display width for the carets under a code frame (string-width, tabs as 4 cells). */
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/report/width.js';

describe('displayWidth', () => {
  it('wide, narrow, tab, zero-width and combining characters', () => {
    expect(displayWidth('name: 食品经营许可')).toBe(6 + 12);
    expect(displayWidth('（新办）')).toBe(8);
    expect(displayWidth('a\tb')).toBe(6);
    // Zero-width space and joiner, and a combining acute accent, take no cell.
    expect(displayWidth('食\u200b品\u200d')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    // An emoji with a variation selector is one wide character.
    expect(displayWidth('\u2764\ufe0f')).toBe(2);
  });
});
