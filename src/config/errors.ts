/**
 * Operational errors: the tool cannot run (exit 2). Each carries a one-line reason; the CLI
 * prints `qingdan-lint: <message>` and never a stack trace.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(message: string) {
    super(message);
  }
}

/** Nothing to lint: no YAML file matched the paths, the config's `files` and the ignores. */
export class NoFilesError extends UsageError {
  override name = 'NoFilesError';
  constructor(readonly cwd: string) {
    super(`no YAML files found to lint in ${cwd} (check the paths, the config's files and ignores, and .gitignore)`);
  }
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The closest known name, when it is close enough to be a likely typo. */
export function suggest(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase());
    if (d < bestScore) {
      best = k;
      bestScore = d;
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

export function didYouMean(name: string, known: Iterable<string>): string {
  const s = suggest(name, known);
  return s ? ` (did you mean "${s}"? / 是否应为「${s}」？)` : '';
}

/**
 * A part of the run failed (a rule that threw, a worker thread that died, a plugin that could not
 * be loaded): the tool could not check everything, so the run ends with exit 2 and this one-line
 * message, never with a report. `cause` keeps the original error (its stack is shown by `--debug`).
 */
export class RunFailure extends Error {
  override name = 'RunFailure';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Call a rule's hook; an exception becomes a {@link RunFailure} naming the rule and the file. */
export function callRule<T>(ruleId: string, where: string, hook: () => T): T {
  const started = ruleTimes ? performance.now() : 0;
  try {
    return hook();
  } catch (error) {
    if (error instanceof RunFailure) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new RunFailure(`rule "${ruleId}" failed${where ? ` on ${where}` : ''}: ${reason}`, { cause: error });
  } finally {
    if (ruleTimes) ruleTimes.set(ruleId, (ruleTimes.get(ruleId) ?? 0) + performance.now() - started);
  }
}

/** With `QINGDAN_LINT_TIMING=rules`: milliseconds spent in each rule's hooks on this thread. */
export const ruleTimes: Map<string, number> | undefined = process.env.QINGDAN_LINT_TIMING === 'rules' ? new Map() : undefined;
