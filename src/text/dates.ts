/**
 * Calendar dates written `YYYY-MM-DD` (decisions' `date`/`effective`, the config's `asOf`), and
 * the arithmetic of a `transition`: 自然日 are calendar days, 工作日 are Monday to Friday (no
 * holiday calendar: the docs say so). Dates are compared as strings, which `YYYY-MM-DD` allows.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Milliseconds since the epoch of a real `YYYY-MM-DD` date (UTC), or undefined. */
function parse(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : undefined;
}

function show(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Whether `text` is a real date written `YYYY-MM-DD` (`2023-02-29` is not). */
export function isCalendarDate(text: string): boolean {
  return parse(text) !== undefined;
}

/**
 * The date `value` days after `date`: calendar days for 自然日; for 工作日 the `value`-th Monday to
 * Friday after it (Friday 2015-12-25 plus 1 工作日 is Monday 2015-12-28). Undefined for a date
 * that is not `YYYY-MM-DD`.
 */
export function addDays(date: string, value: number, unit: '工作日' | '自然日'): string | undefined {
  let t = parse(date);
  if (t === undefined || !Number.isInteger(value) || value < 0) return undefined;
  if (unit === '自然日' || value === 0) return show(t + value * DAY_MS);
  // From a weekend day the next working days are those after the Friday before it; then whole
  // weeks (5 working days each), then day by day.
  const start = new Date(t).getUTCDay();
  if (start === 6) t -= DAY_MS;
  else if (start === 0) t -= 2 * DAY_MS;
  t += Math.floor(value / 5) * 7 * DAY_MS;
  for (let left = value % 5; left > 0; ) {
    t += DAY_MS;
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return show(t);
}
