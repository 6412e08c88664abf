import type { CliIO } from './io';
import { main } from './main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** The yes/no questions the command asked (interactive runs only: absent from scripted runs). */
  asked?: string[];
}

/** Runs `clonedeck …` in-process, as from a script (no terminal to ask), and returns what it printed and its exit code. */
export function runCli(...argv: string[]): Promise<CliRun> {
  return runWith(undefined, argv);
}

/** The same as at a terminal where the user answers every question with `answer`. */
export function runCliAnswering(answer: boolean, ...argv: string[]): Promise<CliRun> {
  return runWith(answer, argv);
}

async function runWith(answer: boolean | undefined, argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const asked: string[] = [];
  const io: CliIO = { out: (text) => out.push(text), err: (text) => err.push(text) };
  if (answer !== undefined)
    io.confirm = async (question) => {
      asked.push(question);
      return answer;
    };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n'), ...(answer === undefined ? {} : { asked }) };
}
