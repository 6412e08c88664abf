import { environmentStateSchema, restoredEnvironmentSchema } from '@/lib/api/schemas';
import { validation } from '@/lib/errors';
import type { ApiClient } from './api-client';
import { done } from './api-output';
import type { ParsedArgs } from './args';
import type { CliIO } from './io';

const path = (name: string, action: string) => `/api/v1/environments/${encodeURIComponent(name)}/${action}`;

/**
 * `env restore NAME --snapshot S [--confirm NAME]`: the server first snapshots the current
 * state and names that snapshot, so the restore itself can be undone with it.
 */
export async function restoreCommand(client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean): Promise<number> {
  const name = args.positionals[0]!;
  const snapshot = args.options.get('snapshot');
  if (!snapshot) throw validation('restore needs --snapshot NAME.');
  const body = { snapshot, confirmation: args.options.get('confirm') };
  const { body: state } = await client.request('POST', path(name, 'restore'), {
    body,
    query: { engine: args.options.get('engine') },
    schema: restoredEnvironmentSchema,
  });
  const text = `${state.name} was restored to ${snapshot}; it is ${state.status}.\nTo undo: clonedeck env restore ${state.name} --snapshot ${state.undoSnapshot}`;
  return done(io, json, { environment: state, undoSnapshot: state.undoSnapshot }, text);
}

/** `env protect NAME --hours N | --off`: protected from drops and expiry for N hours, or not any more. */
export async function protectCommand(client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean): Promise<number> {
  const name = args.positionals[0]!;
  const text = args.options.get('hours');
  if (args.flags.has('off') === (text !== undefined)) throw validation('protect needs --hours N, or --off to unprotect.');
  if (text !== undefined && !/^[1-9][0-9]{0,4}$/.test(text)) throw validation(`--hours takes a whole number of hours, got "${text}".`);
  const hours = text === undefined ? 0 : Number(text);
  const { body: state } = await client.request('POST', path(name, 'protect'), {
    body: { hours },
    query: { engine: args.options.get('engine') },
    schema: environmentStateSchema,
  });
  return done(
    io,
    json,
    { environment: state },
    hours === 0 ? `${state.name} is no longer protected.` : `${state.name} is protected for ${hours} h.`,
  );
}
