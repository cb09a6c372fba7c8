/**
 * What the command line talks to: standard output and error, input, the terminal, the
 * environment and the working directory — injectable, so tests run the CLI in-process.
 */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard input as bytes (decoded and checked like a file), or as already-decoded text. */
  stdin?: () => Promise<string | Uint8Array>;
  isTTY?: boolean;
  /** Whether standard error is a terminal (the progress line is shown only then). */
  stderrIsTTY?: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export const defaultIO = (): CliIO => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  },
  isTTY: !!process.stdout.isTTY,
  stderrIsTTY: !!process.stderr.isTTY,
  env: process.env,
  cwd: process.cwd(),
});

/** A subcommand (`qingdan-lint <name> ...`): same exit codes as the main command. */
export type Subcommand = (argv: string[], io: CliIO) => Promise<number>;
