/**
 * `qingdan-lint lsp [--stdio]`: the language server over standard input and output (editors
 * append `--stdio`; it is the only transport). The process ends when the client sends `exit`.
 */
import { createConnection } from 'vscode-languageserver/node.js';
import { startServer } from '../lsp/server.js';
import { endRun } from './lifecycle.js';
import type { CliIO } from './io.js';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const unknown = argv.filter((a) => a !== '--stdio');
  if (unknown.length) {
    io.stderr(`qingdan-lint: lsp: unknown option ${unknown[0]} (only --stdio is accepted)\n`);
    return 2;
  }
  const connection = createConnection(process.stdin, process.stdout);
  // `exit` after `shutdown` ends the process with 0 (without `shutdown`, 1): that is the end of
  // the run, not a crash.
  connection.onExit(() => endRun(0));
  // The client went away without `exit` (its end of the pipe closed): the server ends as LSP
  // says, with code 1 — an end, not a crash.
  process.stdin.once('end', () => endRun(1));
  process.stdin.once('close', () => endRun(1));
  startServer(connection);
  return new Promise<number>(() => {});
}
