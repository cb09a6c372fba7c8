/** Dates of decisions and `asOf`: real `YYYY-MM-DD` dates, 工作日 Monday to Friday, 自然日 calendar days. */
import { describe, expect, it } from 'vitest';
import { addDays, isCalendarDate } from '../src/text/dates.js';

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-6-30', false],
    ['2024-06-30T00:00:00Z', false],
    ['', false],
  ])('%s → %s', (text, ok) => expect(isCalendarDate(text)).toBe(ok));
});

describe('addDays', () => {
  it.each([
    // 2015-12-25 is a Friday: one working day later is Monday.
    ['2015-12-25', 1, '工作日', '2015-12-28'],
    ['2015-12-25', 5, '工作日', '2016-01-01'],
    ['2015-12-25', 20, '工作日', '2016-01-22'],
    ['2024-05-31', 20, '工作日', '2024-06-28'],
    ['2024-06-03', 20, '工作日', '2024-07-01'],
    ['2024-06-03', 3, '工作日', '2024-06-06'],
    // From a weekend day: Saturday plus 1 is Monday, plus 5 is Friday; plus 0 is the day itself.
    ['2024-06-01', 1, '工作日', '2024-06-03'],
    ['2024-06-01', 5, '工作日', '2024-06-07'],
    ['2024-06-02', 6, '工作日', '2024-06-10'],
    ['2024-06-01', 0, '工作日', '2024-06-01'],
    ['2024-05-31', 30, '自然日', '2024-06-30'],
    ['2023-12-31', 1, '自然日', '2024-01-01'],
  ] as const)('%s + %d %s = %s', (date, value, unit, expected) => expect(addDays(date, value, unit)).toBe(expected));

  it('is undefined for a date that is not YYYY-MM-DD or a negative count', () => {
    expect(addDays('2024-02-30', 1, '工作日')).toBeUndefined();
    expect(addDays('2024-06-01', -1, '自然日')).toBeUndefined();
  });

  it('agrees with counting day by day for every start weekday and count up to 30', () => {
    for (let start = 0; start < 7; start++) {
      const date = `2024-06-${String(start + 1).padStart(2, '0')}`;
      for (let n = 1; n <= 30; n++) {
        let t = Date.UTC(2024, 5, start + 1);
        for (let left = n; left > 0; ) {
          t += 86_400_000;
          const d = new Date(t).getUTCDay();
          if (d !== 0 && d !== 6) left--;
        }
        expect(addDays(date, n, '工作日')).toBe(new Date(t).toISOString().slice(0, 10));
      }
    }
  });
});
