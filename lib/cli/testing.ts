import type { CliIO } from './io';
import { main } from './main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `clonedeck …` in-process and returns what it printed and its exit code. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (text) => out.push(text), err: (text) => err.push(text) };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
