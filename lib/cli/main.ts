import { isAppError } from '@/lib/errors';
import { EXIT, exitCodeFor } from './exit-codes';
import { processIO, type CliCommand, type CliIO } from './io';
import { terminalSafeIO } from './terminal-text';

const USAGE = `Usage: clonedeck <command> …

  engine <command>   run the embedded engine on a local store (create, sql, snapshot, clone,
                     restore, drop, drop-snapshot, list, usage, serve); see "clonedeck engine help"
  sql <operation>    print the SQL an operation would run on an engine, without connecting
  login | env | snapshot
                     talk to a running Clonedeck server with an API token (for CI pipelines)

Add --json to any command for one JSON document on stdout.`;

/** Commands are loaded on use, so `clonedeck sql` never loads PGlite. */
const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  engine: async () => (await import('./engine-command')).runEngineCommand,
  sql: async () => (await import('./sql-command')).runSqlCommand,
  login: async () => (await import('./api-commands')).runLoginCommand,
  env: async () => (await import('./api-commands')).runEnvCommand,
  snapshot: async () => (await import('./api-commands')).runSnapshotCommand,
};

export async function main(argv: string[], rawIO: CliIO = processIO): Promise<number> {
  // Whatever a command prints may hold text from a server or a database.
  const io = terminalSafeIO(rawIO);
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`clonedeck: unknown command "${name}". Run "clonedeck help".`);
    return EXIT.usage;
  }
  try {
    // Checked before any command runs: a bad variable is a usage error naming it (help needs none).
    (await import('@/lib/config')).configFrom();
    return await (
      await load()
    )(rest, io);
  } catch (error) {
    return reportError(error, argv.includes('--json'), io);
  }
}

/** One line on stderr (or one JSON document on stdout with --json), and the matching exit code. */
export function reportError(error: unknown, json: boolean, io: CliIO): number {
  if (isAppError(error)) {
    if (json) io.out(JSON.stringify({ ok: false, code: error.code, message: error.message }));
    else io.err(`clonedeck: ${error.message}`);
    return exitCodeFor(error.code);
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (json) io.out(JSON.stringify({ ok: false, code: 'INTERNAL', message: 'Unexpected error; see stderr.' }));
  io.err(`clonedeck: unexpected error (please report it):\n${detail}`);
  return EXIT.internal;
}
