/**
 * The command line as a process: what `bin/` runs. The exit code stays 2 until the run has
 * finished, so a run that stops early — a plugin whose import never settles, a worker that never
 * answers, anything that leaves the event loop empty before the report — ends with exit 2 and a
 * one-line reason, never with a silent exit 0.
 *
 * The command line itself (main.ts, and through it the rules, the schema's validator, the
 * formatters) is imported when a run needs it: `--version` and `--help` on their own are answered
 * without loading it.
 */
import type { CliIO } from './io.js';
import { HELP } from './help.js';
import { endRun, runFinished } from './lifecycle.js';
import { VERSION } from '../version.js';
import { replayedOutput } from './fast-replay.js';

export type { CliIO };

/** The command line (main.ts `run`), loaded on first use. */
export async function run(argv: string[], io?: CliIO): Promise<number> {
  return (await import('./main.js')).run(argv, io);
}

/** What the whole command line prints for these arguments alone (exit 0), as main.ts does. */
function quickAnswer(argv: string[]): string | undefined {
  if (argv.length !== 1) return undefined;
  if (argv[0] === '--version' || argv[0] === '-v') return `${VERSION}\n`;
  if (argv[0] === '--help' || argv[0] === '-h') return HELP;
  return undefined;
}

/**
 * The run is over: end the process once standard output and error have taken everything written
 * (their write callbacks), rather than wait for V8's background work at exit (15–80 ms a run).
 */
function finish(code: number): void {
  endRun(code);
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

export function runAsProcess(argv: string[]): void {
  process.exitCode = 2;
  process.on('exit', () => {
    if (runFinished()) return;
    process.exitCode = 2;
    process.stderr.write('qingdan-lint: 运行未完成（插件、规则或工作线程没有结束），未检查全部文件 / the run stopped before finishing (a plugin, rule or worker never completed): not everything was checked\n');
  });
  const answer = quickAnswer(argv);
  if (answer !== undefined) {
    process.stdout.write(answer);
    finish(0);
    return;
  }
  // The same command as last time, nothing it depends on changed: its output, without loading the linter.
  const replayed = replayedOutput(argv, process.cwd(), process.env, !!process.stdout.isTTY, !!process.stderr.isTTY);
  if (replayed) {
    process.stdout.write(replayed.stdout);
    if (replayed.stderr) process.stderr.write(replayed.stderr);
    if (process.env.QINGDAN_LINT_TIMING) process.stderr.write('qingdan-lint timing: threads=0 per-file=0ms cross-level+report=0ms (the last output replayed from the cache)\n');
    finish(replayed.code);
    return;
  }
  run(argv).then(
    (code) => finish(code),
    (error: unknown) => {
      process.stderr.write(`qingdan-lint: internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
      finish(2);
    },
  );
}
