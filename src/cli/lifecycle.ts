/**
 * Whether the run of this process is over. The process guard (process.ts) keeps exit code 2 until
 * it is; a command that ends the process itself (the language server, on its client's `exit`)
 * says so first with {@link endRun}.
 */
let finished = false;

export function endRun(code: number): void {
  finished = true;
  process.exitCode = code;
}

export function runFinished(): boolean {
  return finished;
}
