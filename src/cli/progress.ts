/**
 * The progress line (reports.md, "Progress"): a run that takes longer than a second shows, on
 * standard error when that is a terminal, the files read of the total, the items, and the time
 * so far — one line, redrawn in place (`\r` and erase-line), erased when the run ends. Never on a
 * standard error that is not a terminal, never on standard output.
 *
 * `QINGDAN_LINT_PROGRESS_DELAY_MS` replaces the one-second delay (for tests: 0 shows it at once).
 */
import type { LintProgress } from '../api.js';
import { displayWidth } from '../report/width.js';
import type { Locale } from '../types.js';

/** How long a run goes before its progress is shown. */
export const PROGRESS_DELAY_MS = 1000;
/** Redraws at most this often (besides a change of stage). */
const REDRAW_MS = 100;
/** The elapsed time is refreshed this often while nothing else happens. */
const TICK_MS = 250;
/** Erase the line the cursor is on and go back to its start. */
export const CLEAR_LINE = '\r\u001b[2K';

export interface ProgressTarget {
  /** Writes to standard error. */
  write: (text: string) => void;
  /** Whether standard error is a terminal. */
  isTTY: boolean;
  env?: NodeJS.ProcessEnv;
  /** The terminal's width (default, and when it is 0: 80). */
  columns?: number;
  locale: Locale;
}

/** The delay from the environment, else one second. */
export function progressDelay(env: NodeJS.ProcessEnv | undefined): number {
  const v = env?.QINGDAN_LINT_PROGRESS_DELAY_MS;
  return v !== undefined && /^[0-9]+$/.test(v) ? Number(v) : PROGRESS_DELAY_MS;
}

/** The line's text (without control characters). */
export function progressText(p: LintProgress, elapsedMs: number, locale: Locale): string {
  const seconds = (elapsedMs / 1000).toFixed(1);
  if (locale === 'en') {
    const stage = p.stage === 'cross-level' ? ', checking across levels' : '';
    return `qingdan-lint: files ${p.files}/${p.total}, items ${p.items}${stage}, ${seconds} s`;
  }
  const stage = p.stage === 'cross-level' ? '，跨层级检查中' : '';
  return `qingdan-lint：已读文件 ${p.files}/${p.total}，事项 ${p.items}${stage}，用时 ${seconds} 秒`;
}

/** Cut `text` to fit `width` terminal cells, so that it never wraps (a wrapped line cannot be redrawn). */
function fit(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}

export class ProgressLine {
  private last?: LintProgress;
  private drawnAt = -Infinity;
  private drawn = false;
  private stopped = false;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly started: number;

  constructor(
    private readonly target: ProgressTarget,
    private readonly delayMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
    this.timer = setInterval(() => this.draw(false), TICK_MS);
    this.timer.unref?.();
  }

  /** The run's latest state (the library's `onProgress`). */
  readonly update = (p: LintProgress): void => {
    const stageChanged = this.last !== undefined && this.last.stage !== p.stage;
    this.last = p;
    this.draw(stageChanged || p.files === p.total);
  };

  private draw(force: boolean): void {
    if (this.stopped || !this.last) return;
    const t = this.now();
    const elapsed = t - this.started;
    if (elapsed < this.delayMs) return;
    if (!force && t - this.drawnAt < REDRAW_MS) return;
    this.drawnAt = t;
    this.drawn = true;
    // A terminal that does not tell its width (0) is taken as 80 columns wide.
    const columns = this.target.columns && this.target.columns > 0 ? this.target.columns : 80;
    this.target.write(CLEAR_LINE + fit(progressText(this.last, elapsed, this.target.locale), Math.max(10, columns - 1)));
  }

  /** Erase the line (if it was ever drawn) and stop; before anything else is written. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    if (this.drawn) this.target.write(CLEAR_LINE);
  }
}

/** A progress line for a run, or undefined when standard error is not a terminal. */
export function startProgress(target: ProgressTarget): ProgressLine | undefined {
  if (!target.isTTY) return undefined;
  return new ProgressLine(target, progressDelay(target.env));
}
