/**
 * The command line as a process: what `bin/` runs. The exit code stays 2 until the run has
 * finished, so a run that stops early — a plugin whose import never settles, a worker that never
 * answers, anything that leaves the event loop empty before the report — ends with exit 2 and a
 * one-line reason, never with a silent exit 0.
 */
import { run } from './main.js';
import type { CliIO } from './io.js';
import { endRun, runFinished } from './lifecycle.js';

export { run, type CliIO };


export function runAsProcess(argv: string[]): void {
  process.exitCode = 2;
  process.on('exit', () => {
    if (runFinished()) return;
    process.exitCode = 2;
    process.stderr.write('qingdan-lint: 运行未完成（插件、规则或工作线程没有结束），未检查全部文件 / the run stopped before finishing (a plugin, rule or worker never completed): not everything was checked\n');
  });
  run(argv).then(
    (code) => endRun(code),
    (error: unknown) => {
      process.stderr.write(`qingdan-lint: internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
      endRun(2);
    },
  );
}
