/**
 * The command line as a process: what `bin/` runs. The exit code stays 2 until the run has
 * finished, so a run that stops early — a plugin whose import never settles, a worker that never
 * answers, anything that leaves the event loop empty before the report — ends with exit 2 and a
 * one-line reason, never with a silent exit 0.
 */
import { run, type CliIO } from './main.js';

export { run, type CliIO };

let finished = false;

/**
 * The run is over with `code`, now: for commands that end the process themselves (the language
 * server exits when its client says so), so the guard below does not take the exit for a crash.
 */
export function endRun(code: number): void {
  finished = true;
  process.exitCode = code;
}

export function runAsProcess(argv: string[]): void {
  process.exitCode = 2;
  process.on('exit', () => {
    if (finished) return;
    process.exitCode = 2;
    process.stderr.write('qingdan-lint: 运行未完成（插件、规则或工作线程没有结束），未检查全部文件 / the run stopped before finishing (a plugin, rule or worker never completed): not everything was checked\n');
  });
  run(argv).then(
    (code) => endRun(code),
    (error: unknown) => {
      finished = true;
      process.stderr.write(`qingdan-lint: internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
