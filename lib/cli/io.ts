/** Where a command writes; tests pass their own to read what a command printed. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** A command: returns the exit code; throws AppErrors for the dispatcher to report. */
export type CliCommand = (argv: string[], io: CliIO) => Promise<number>;
