import { createInterface } from 'node:readline/promises';

/** Where a command writes; tests pass their own to read what a command printed. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /**
   * Asks a yes/no question and waits for the answer; present only when someone can answer
   * (stdin is a terminal). Commands that change something irreversibly ask through it, and
   * without it want --yes.
   */
  confirm?(question: string): Promise<boolean>;
}

/** The question on stderr (stdout stays the command's output); yes is `y` or `yes`. */
async function confirmOnTerminal(question: string): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^\s*y(es)?\s*$/i.test(await terminal.question(`${question} [y/N] `));
  } finally {
    terminal.close();
  }
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  ...(process.stdin.isTTY ? { confirm: confirmOnTerminal } : {}),
};

/** A command: returns the exit code; throws AppErrors for the dispatcher to report. */
export type CliCommand = (argv: string[], io: CliIO) => Promise<number>;
