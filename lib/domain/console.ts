import type { ConnectionInfo, QueryResult } from '@/lib/engines/types';
import { conflict, forbidden } from '@/lib/errors';
import { consoleQuerySchema } from '@/lib/validations/environments';
import { parseOrThrow } from '@/lib/validations/parse';
import { isAdminActor } from './access';
import type { Actor } from './actor';
import type { DomainContext } from './context';
import { environmentOperation } from './environments/operation';
import { invalidateUsage } from './usage';

const AUDITED_SQL_LENGTH = 500;

/** Runs SQL typed in an environment's console. Production takes writes from admins only. */
export async function runConsoleQuery(context: DomainContext, actor: Actor, rawInput: unknown): Promise<QueryResult> {
  const input = parseOrThrow(consoleQuerySchema, rawInput);
  const details = { readOnly: String(input.readOnly), sql: input.sql.slice(0, AUDITED_SQL_LENGTH) };
  return environmentOperation(context, actor, 'environment.query', input.environmentId, 'connect', async (environment) => {
    if (environment.isProduction && !input.readOnly && !(await isAdminActor(context, actor))) {
      throw forbidden('Only an administrator can change production; run the query read-only.');
    }
    if (environment.status !== 'ready') throw conflict(`${environment.name} is ${environment.status}; queries run once it is ready.`);
    const engine = await context.engines.get(environment.engineId);
    const result = await engine.query(environment.name, input.sql, { readOnly: input.readOnly, maxRows: 500 });
    if (!input.readOnly) invalidateUsage(environment.engineId);
    return result;
  }, details);
}

/** Connection details for an environment (psql command and URL). */
export async function getConnectionInfo(context: DomainContext, actor: Actor, environmentId: string): Promise<ConnectionInfo> {
  return environmentOperation(context, actor, 'environment.connect', environmentId, 'connect', async (environment) => {
    if (environment.status !== 'ready') throw conflict(`${environment.name} is ${environment.status}; connect once it is ready.`);
    return (await context.engines.get(environment.engineId)).connectionInfo(environment.name);
  });
}
