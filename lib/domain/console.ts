import type { ConnectionAccess, ConnectionInfo, QueryResult } from '@/lib/engines/types';
import { conflict, forbidden } from '@/lib/errors';
import { consoleQuerySchema } from '@/lib/validations/environments';
import { parseOrThrow } from '@/lib/validations/parse';
import { loadStanding, mayWriteProduction } from './access';
import type { Actor } from './actor';
import type { DomainContext } from './context';
import { environmentOperation } from './environments/operation';
import { runOperation } from './operations/runner';
import { rotateCredentialsOperation } from './operations/settings-operations';
import { invalidateUsage } from './usage';

const AUDITED_SQL_LENGTH = 500;

/** Runs SQL typed in an environment's console. Production takes writes from admins only. */
export async function runConsoleQuery(context: DomainContext, actor: Actor, rawInput: unknown): Promise<QueryResult> {
  const input = parseOrThrow(consoleQuerySchema, rawInput);
  const details = { readOnly: String(input.readOnly), sql: input.sql.slice(0, AUDITED_SQL_LENGTH) };
  return environmentOperation(
    context,
    actor,
    'environment.query',
    input.environmentId,
    'connect',
    async (environment) => {
      if (environment.isProduction && !input.readOnly && !mayWriteProduction(await loadStanding(context, actor))) {
        throw forbidden('Only an administrator can change production; run the query read-only.');
      }
      if (environment.status !== 'ready') throw conflict(`${environment.name} is ${environment.status}; queries run once it is ready.`);
      const engine = await context.engines.get(environment.engineId);
      const result = await engine.query(environment.name, input.sql, { readOnly: input.readOnly, maxRows: 500 });
      if (!input.readOnly) invalidateUsage(environment.engineId);
      return result;
    },
    details,
  );
}

/**
 * Connection details for an environment (psql command and URL). On engines with their own
 * credentials, production gives everyone but admins the read-only role (the server keeps it
 * from writing), and the password is only in the answer when `reveal` asks for it (audited).
 */
export async function getConnectionInfo(
  context: DomainContext,
  actor: Actor,
  environmentId: string,
  options: { reveal?: boolean } = {},
): Promise<ConnectionInfo> {
  const action = options.reveal ? 'environment.reveal_credentials' : 'environment.connect';
  return environmentOperation(context, actor, action, environmentId, 'connect', async (environment) => {
    if (environment.status !== 'ready') throw conflict(`${environment.name} is ${environment.status}; connect once it is ready.`);
    const engine = await context.engines.get(environment.engineId);
    const info = await engine.connectionInfo(environment.name);
    const credentials = engine.abilities.credentials;
    if (!credentials) return info;
    const writer = !environment.isProduction || mayWriteProduction(await loadStanding(context, actor));
    const access: ConnectionAccess = writer ? 'read-write' : 'read-only';
    const { user, password } = await credentials.reveal(environment.name, access);
    return withCredentials(info, user, access, options.reveal ? password : undefined);
  });
}

/** New passwords for an environment's roles: old connection strings stop working for new sessions. */
export async function rotateCredentials(context: DomainContext, actor: Actor, environmentId: string): Promise<void> {
  await runOperation(rotateCredentialsOperation, context, actor, { environmentId });
}

function withCredentials(info: ConnectionInfo, user: string, access: ConnectionAccess, password?: string): ConnectionInfo {
  const url = new URL(info.url);
  url.username = user;
  url.password = password ?? '***';
  const shown = password ? url.toString() : url.toString().replace('%2A%2A%2A', '***');
  return { ...info, user, access, password, url: shown, command: `psql "${shown}"` };
}
