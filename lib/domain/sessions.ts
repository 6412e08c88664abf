import type { SessionInfo } from '@/lib/engines/types';
import { notFound, unsupported } from '@/lib/errors';
import { loadStanding, mayWriteProduction } from './access';
import type { Actor } from './actor';
import type { DomainContext } from './context';
import { environmentOperation } from './environments/operation';
import { loadEnvironment } from './environments/load';

/**
 * Who is connected to an environment right now (not audited: the page polls it). A viewer who
 * may only read (production, for all but admins) sees the statements of read-only sessions
 * only, as the server itself would show them: not what an admin is running.
 */
export async function listSessions(context: DomainContext, actor: Actor, environmentId: string): Promise<SessionInfo[]> {
  const environment = await loadEnvironment(context, actor, environmentId, 'connect');
  const engine = await context.engines.get(environment.engineId);
  if (!engine.abilities.sessions) return [];
  const sessions = await engine.abilities.sessions.list(environment.name);
  const readOnlyViewer = environment.isProduction && !mayWriteProduction(await loadStanding(context, actor));
  if (!readOnlyViewer) return sessions;
  const { user: readOnlyRole } = await engine.abilities.credentials!.reveal(environment.name, 'read-only');
  return sessions.map((session) => (session.user === readOnlyRole ? session : { ...session, query: null }));
}

/** Ends one client session of the environment (its open transaction rolls back). Audited. */
export async function endSession(context: DomainContext, actor: Actor, environmentId: string, sessionId: string): Promise<void> {
  await environmentOperation(
    context,
    actor,
    'environment.end_session',
    environmentId,
    'disconnect',
    async (environment) => {
      const sessions = (await context.engines.get(environment.engineId)).abilities.sessions;
      if (!sessions) throw unsupported('This engine cannot end client sessions.');
      if (!(await sessions.end(environment.name, sessionId))) throw notFound('That session is not connected any more.');
    },
    { session: sessionId.slice(0, 20) },
  );
}
