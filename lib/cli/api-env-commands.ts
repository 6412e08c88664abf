import {
  connectionSchema,
  droppedEnvironmentSchema,
  environmentListSchema,
  environmentSchema,
  environmentStateSchema,
  type ApiEnvironmentState,
} from '@/lib/api/schemas';
import { parseTtl, TTL_HELP } from '@/lib/api/ttl';
import { AppError, validation } from '@/lib/errors';
import type { ApiClient } from './api-client';
import { diffCommand, mergeCommand } from './api-branch-commands';
import { protectCommand, restoreCommand } from './api-restore-commands';
import { confirmedDrop } from './api-drop';
import { withApi } from './api-run';
import { done, environmentDetails, environmentTable } from './api-output';
import { type ParsedArgs, parseArgs, rejectExtraPositionals, requirePositional } from './args';
import { EXIT } from './exit-codes';
import type { CliCommand, CliIO } from './io';

const ENV_USAGE = `Usage: clonedeck env <command> [--engine ID] [--json]

  create (--from ENV | --snapshot S) --purpose P [--ttl 2h] [--name N] [--wait [--timeout SECONDS]]
                          provision a clone for the token's team (from production, an environment or a snapshot)
  list                    the team's environments and production
  show NAME               one environment: status, expiry, sizes
  url NAME                print the connection string (with its password) only:  psql "$(clonedeck env url NAME)"
  rotate NAME             new passwords for the environment's roles; prints the new connection string
  reset NAME              back to the state it was provisioned with
  extend NAME --ttl 1d    a new expiry, counted from now
  restore NAME --snapshot S [--confirm NAME]
                          rewind to a snapshot (production: --confirm production, and a token with the
                          production permission); first snapshots the current state and names it, to undo with
  protect NAME --hours N | --off
                          keep it from drops and expiry for N hours, or unprotect it
  drop NAME [--yes]       drop it and its snapshots: says what that frees (the storage page's figure) and asks
                          first; --yes drops without asking (needed when there is no terminal); prints what it freed
  diff NAME [--against SNAPSHOT|ENV] [--table T [--limit N]]
                          rows added, deleted and updated per table since its base snapshot (or against
                          a snapshot or environment; snapshot:NAME / env:NAME when a name is both), with a
                          sample of T's changed rows. Engines that cannot compare rows answer exit 7.
  merge NAME --into ENV [--on-conflict fail|skip|accept] [--tables a,b] [--confirm ENV]
                          carry its changed rows into ENV, all tables or none (fail: stop on a row changed
                          on both sides; skip: keep ENV's; accept: take NAME's)

Uses the server and token from "clonedeck login", or CLONEDECK_URL and CLONEDECK_TOKEN.`;

type Handler = (client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean) => Promise<number>;

const COMMANDS: Record<string, { arity: number; options?: string[]; flags?: string[]; handler: Handler }> = {
  create: { arity: 0, options: ['from', 'snapshot', 'purpose', 'ttl', 'name', 'timeout'], flags: ['wait'], handler: createCommand },
  list: { arity: 0, handler: listCommand },
  show: { arity: 1, handler: showCommand },
  url: { arity: 1, handler: urlCommand },
  rotate: { arity: 1, handler: rotateCommand },
  reset: { arity: 1, handler: (client, args, io, json) => stateCommand(client, args, io, json, 'reset', undefined) },
  extend: { arity: 1, options: ['ttl'], handler: extendCommand },
  restore: { arity: 1, options: ['snapshot', 'confirm'], handler: restoreCommand },
  protect: { arity: 1, options: ['hours'], flags: ['off'], handler: protectCommand },
  drop: { arity: 1, flags: ['yes'], handler: dropCommand },
  diff: { arity: 1, options: ['against', 'table', 'limit'], handler: diffCommand },
  merge: { arity: 1, options: ['into', 'on-conflict', 'tables', 'confirm'], handler: mergeCommand },
};

export const runEnvCommand: CliCommand = async (argv, io) => {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    io.out(ENV_USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) throw validation(`Unknown env command "${name}". Run "clonedeck env help".`);
  const args = parseArgs(rest, { flags: ['json', ...(command.flags ?? [])], options: ['engine', ...(command.options ?? [])] });
  rejectExtraPositionals(args, command.arity);
  for (let index = 0; index < command.arity; index++) requirePositional(args, index, 'environment name');
  const json = args.flags.has('json');
  return withApi(io, json, (client) => command.handler(client, args, io, json));
};

const path = (name: string, action = '') => `/api/v1/environments/${encodeURIComponent(name)}${action ? `/${action}` : ''}`;
const engineOf = (args: ParsedArgs) => ({ engine: args.options.get('engine') });

/** Hours from --ttl, or a usage error (exit 2) before anything is sent. */
export function ttlOption(args: ParsedArgs, required: boolean): number | undefined {
  const text = args.options.get('ttl');
  if (text === undefined) {
    if (required) throw validation(`--ttl is required. ${TTL_HELP}`);
    return undefined;
  }
  const hours = parseTtl(text);
  if (hours === null) throw validation(`Invalid --ttl "${text}". ${TTL_HELP}`);
  return hours;
}

/** The create request from the options; usage errors for what the server would refuse anyway. */
export function createRequest(args: ParsedArgs): Record<string, unknown> {
  const from = args.options.get('from');
  const snapshot = args.options.get('snapshot');
  const purpose = args.options.get('purpose');
  if (!from && !snapshot) throw validation('Say what to clone: --from production (or an environment) or --snapshot NAME.');
  if (!purpose) throw validation('--purpose is required: say in a few words what the environment is for.');
  return { from, snapshot, purpose, ttl: ttlOption(args, false), name: args.options.get('name') };
}

const SERVER_WAIT_SECONDS = 60;
const POLL_MS = 2000;

async function createCommand(client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean): Promise<number> {
  const body = createRequest(args);
  const wait = args.flags.has('wait');
  const timeoutSeconds = Number(args.options.get('timeout') ?? 600);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1) throw validation('--timeout takes a whole number of seconds.');
  const deadline = Date.now() + timeoutSeconds * 1000;
  const query = { ...engineOf(args), ...(wait ? { wait: 'true', timeout: String(Math.min(SERVER_WAIT_SECONDS, timeoutSeconds)) } : {}) };
  let { body: state } = await client.request('POST', '/api/v1/environments', { body, query, schema: environmentStateSchema });
  while (wait && state.status === 'provisioning') {
    if (Date.now() >= deadline)
      throw new AppError(
        'TIMEOUT',
        `${state.name} is still provisioning after ${timeoutSeconds} s; follow it with "clonedeck env show ${state.name}".`,
      );
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    state = (await client.request('GET', path(state.name), { query: engineOf(args), schema: environmentSchema })).body;
  }
  if (state.status === 'failed')
    throw new AppError('ENGINE_UNAVAILABLE', `Provisioning ${state.name} failed: ${state.lastError ?? 'no reason given'}.`);
  const text =
    state.status === 'ready'
      ? `${state.name} is ready${state.expiresAt ? `; it expires at ${state.expiresAt}` : ''}.\nConnect: clonedeck env url ${state.name} (the URL; --json adds a ready-to-paste psql or mysql command)`
      : `${state.name} is ${state.status}; follow it with "clonedeck env show ${state.name}", or use --wait.`;
  return done(io, json, { environment: state }, text);
}

async function listCommand(client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean): Promise<number> {
  const { body } = await client.request('GET', '/api/v1/environments', { query: engineOf(args), schema: environmentListSchema });
  return done(io, json, body, environmentTable(body.environments));
}

async function showCommand(client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean): Promise<number> {
  const { body } = await client.request('GET', path(args.positionals[0]!), { query: engineOf(args), schema: environmentSchema });
  return done(io, json, { environment: body }, environmentDetails(body));
}

async function urlCommand(client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean): Promise<number> {
  const query = { ...engineOf(args), reveal: 'true' };
  const { body } = await client.request('GET', path(args.positionals[0]!, 'connection'), { query, schema: connectionSchema });
  return done(io, json, { url: body.url, command: body.command, notes: body.notes, access: body.access }, body.url);
}

async function rotateCommand(client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean): Promise<number> {
  const { body } = await client.request('POST', path(args.positionals[0]!, 'credentials/rotate'), {
    query: engineOf(args),
    schema: connectionSchema,
  });
  return done(io, json, { url: body.url, access: body.access }, body.url);
}

async function stateCommand(
  client: ApiClient,
  args: ParsedArgs,
  io: CliIO,
  json: boolean,
  action: 'reset' | 'extend',
  body: unknown,
): Promise<number> {
  const name = args.positionals[0]!;
  const { body: state } = await client.request('POST', path(name, action), { body, query: engineOf(args), schema: environmentStateSchema });
  return done(io, json, { environment: state }, describeState(action, state));
}

function describeState(action: 'reset' | 'extend', state: ApiEnvironmentState): string {
  if (action === 'extend') return `${state.name} now expires at ${state.expiresAt ?? 'never'}.`;
  return `${state.name} was reset to its starting point; it is ${state.status}.`;
}

function extendCommand(client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean): Promise<number> {
  return stateCommand(client, args, io, json, 'extend', { ttl: ttlOption(args, true) });
}

function dropCommand(client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean): Promise<number> {
  const name = args.positionals[0]!;
  return confirmedDrop(client, args, io, json, { path: path(name), label: name, schema: droppedEnvironmentSchema });
}
