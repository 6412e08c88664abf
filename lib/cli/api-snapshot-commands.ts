import { droppedSnapshotSchema, snapshotListSchema, snapshotSchema } from '@/lib/api/schemas';
import { validation } from '@/lib/errors';
import type { ApiClient } from './api-client';
import { confirmedDrop } from './api-drop';
import { withApi } from './api-run';
import { done, snapshotTable } from './api-output';
import { type ParsedArgs, parseArgs, rejectExtraPositionals, requirePositional } from './args';
import { EXIT } from './exit-codes';
import type { CliCommand, CliIO } from './io';

const SNAPSHOT_USAGE = `Usage: clonedeck snapshot <command> [--engine ID] [--json]

  create ENV SNAPSHOT --purpose P [--table T]   snapshot an environment (or one table of it)
  list [--env ENV]                              the team's snapshots and production's
  drop SNAPSHOT [--yes]                         drop a snapshot (clones standing on it keep its data): says what
                                                that frees and asks first; --yes drops without asking (needed
                                                when there is no terminal); prints what it freed`;

type Handler = (client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean) => Promise<number>;

const COMMANDS: Record<string, { arity: number; options?: string[]; flags?: string[]; handler: Handler }> = {
  create: { arity: 2, options: ['purpose', 'table'], handler: createCommand },
  list: { arity: 0, options: ['env'], handler: listCommand },
  drop: { arity: 1, flags: ['yes'], handler: dropCommand },
};

export const runSnapshotCommand: CliCommand = async (argv, io) => {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    io.out(SNAPSHOT_USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) throw validation(`Unknown snapshot command "${name}". Run "clonedeck snapshot help".`);
  const args = parseArgs(rest, { flags: ['json', ...(command.flags ?? [])], options: ['engine', ...(command.options ?? [])] });
  rejectExtraPositionals(args, command.arity);
  for (let index = 0; index < command.arity; index++)
    requirePositional(args, index, index === 0 && command.arity === 2 ? 'environment name' : 'snapshot name');
  const json = args.flags.has('json');
  return withApi(io, json, (client) => command.handler(client, args, io, json));
};

async function createCommand(client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean): Promise<number> {
  const [environment, name] = args.positionals as [string, string];
  const purpose = args.options.get('purpose');
  if (!purpose) throw validation('--purpose is required: say what the snapshot is for.');
  const body = { environment, name, purpose, table: args.options.get('table') };
  const { body: snapshot } = await client.request('POST', '/api/v1/snapshots', {
    body,
    query: { engine: args.options.get('engine') },
    schema: snapshotSchema,
  });
  return done(
    io,
    json,
    { snapshot },
    `Took snapshot ${snapshot.name} of ${snapshot.table ? `${environment}.${snapshot.table}` : environment}.`,
  );
}

async function listCommand(client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean): Promise<number> {
  const query = { engine: args.options.get('engine'), environment: args.options.get('env') };
  const { body } = await client.request('GET', '/api/v1/snapshots', { query, schema: snapshotListSchema });
  return done(io, json, body, snapshotTable(body.snapshots));
}

function dropCommand(client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean): Promise<number> {
  const name = args.positionals[0]!;
  return confirmedDrop(client, args, io, json, {
    path: `/api/v1/snapshots/${encodeURIComponent(name)}`,
    label: `snapshot ${name}`,
    schema: droppedSnapshotSchema,
    note: (dropped) => (dropped.pinnedBy.length > 0 ? `; ${dropped.pinnedBy.join(', ')} still stand on its data` : ''),
  });
}
