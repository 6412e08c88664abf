import { configFrom } from '@/lib/config';
import { validation } from '@/lib/errors';
import { ENGINE_KINDS, dialectFor } from '@/lib/engines/registry';
import type { EngineKind, SqlStatement } from '@/lib/engines/types';
import { parseArgs } from './args';
import { EXIT } from './exit-codes';
import type { CliCommand, CliIO } from './io';
import { ALL_OPTIONS, OPERATIONS, rejectForeignOptions } from './sql-command-operations';

const USAGE = `Usage: clonedeck sql --engine matrixone|yugabyte|embedded [--server-version V] [--json] <operation> …

Prints the SQL an operation would run on an engine, without connecting: the same text the
dashboard shows as "equivalent SQL". MatrixOne's grammar depends on the version (3.x and 4.x
restore differently); without --server-version the newest known grammar is used.

Operations:
${Object.values(OPERATIONS)
  .map((spec) => `  ${spec.usage}`)
  .join('\n')}

restore and restore-table name an account on MatrixOne: --account, else $MATRIXONE_ACCOUNT, else sys.
An operation the engine cannot do exits with ${EXIT.unsupported}; an invalid name or argument with ${EXIT.usage}.`;

/**
 * `--account` may stand alone (snapshot of the current account) or take a value; parseArgs
 * only knows options with values, so a bare one becomes `--account=` (empty: current account).
 */
export function normaliseBareAccount(argv: string[]): string[] {
  return argv.map((word, index) => {
    const next = argv[index + 1];
    return word === '--account' && (next === undefined || next.startsWith('--')) ? '--account=' : word;
  });
}

function engineKindOf(text: string | undefined): EngineKind {
  if (text === undefined) throw validation(`sql needs --engine (${ENGINE_KINDS.join(', ')}).`);
  const kind = ENGINE_KINDS.find((candidate) => candidate === text);
  if (!kind) throw validation(`--engine must be one of ${ENGINE_KINDS.join(', ')}, got "${text}".`);
  return kind;
}

/** Statements as a SQL script: each comment on its own line above its statement. */
export function formatStatements(statements: readonly SqlStatement[]): string {
  return statements
    .map((statement) => {
      const sql = statement.sql.trimEnd();
      return `${statement.comment ? `-- ${statement.comment}\n` : ''}${sql.endsWith(';') ? sql : `${sql};`}`;
    })
    .join('\n');
}

const jsonReplacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

export const runSqlCommand: CliCommand = async (argv: string[], io: CliIO) => {
  const args = parseArgs(normaliseBareAccount(argv), { flags: ['json', 'cluster', 'help'], options: ALL_OPTIONS });
  const name = args.positionals[0];
  if (args.flags.has('help') || name === 'help') {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (name === undefined) {
    io.err(USAGE);
    return EXIT.usage;
  }
  const spec = OPERATIONS[name];
  if (!spec) throw validation(`Unknown operation "${name}". Run "clonedeck sql --help".`);
  rejectForeignOptions(name, spec, args);
  const engine = engineKindOf(args.options.get('engine'));
  const operation = spec.build(args, { engine, defaultAccount: configFrom().MATRIXONE_ACCOUNT });
  const dialect = await dialectFor(engine, args.options.get('server-version'));
  const statements = dialect.describe(operation);
  if (args.flags.has('json')) {
    io.out(JSON.stringify({ engine, serverVersion: dialect.serverVersion ?? null, operation, statements }, jsonReplacer));
  } else {
    io.out(formatStatements(statements));
  }
  return EXIT.ok;
};
