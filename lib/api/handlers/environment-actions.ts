import { z } from 'zod';
import { getConnectionInfo, rotateCredentials } from '@/lib/domain/console';
import { endSession, listSessions } from '@/lib/domain/sessions';
import { findEnvironmentByName, findSnapshotByName } from '@/lib/domain/environments/by-name';
import { extendEnvironment, protectEnvironment, resetEnvironment, restoreEnvironment } from '@/lib/domain/environments/lifecycle';
import type { TokenActor } from '@/lib/domain/tokens-auth';
import { BadRequestError } from '../errors';
import { type ApiContext, json, requireTokenPermission, withToken } from '../handler';
import { pathName, readJsonBody, readQuery } from '../request';
import { extendEnvironmentRequest, protectEnvironmentRequest, restoreEnvironmentRequest } from '../schemas';
import { toApiConnection, toApiEnvironmentState } from '../serialize';
import { parseTtl } from '../ttl';
import { engineQuery, type NameParams } from './environments';

/** After a change, the environment's state as it is now (visibility only, like the lookup). */
async function stateResponse(context: ApiContext, actor: TokenActor, name: string, engineId: string): Promise<Response> {
  return json(toApiEnvironmentState(await findEnvironmentByName(context, actor, name, engineId)));
}

/** POST /api/v1/environments/{name}/reset: back to the state it was provisioned with. */
export function resetEnvironmentRoute(context: ApiContext, request: Request, params: NameParams): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const { engine } = readQuery(request, engineQuery);
    const environment = await findEnvironmentByName(context, actor, pathName(params.name), engine);
    await resetEnvironment(context, actor, environment.id);
    return stateResponse(context, actor, environment.name, environment.engineId);
  });
}

/** POST /api/v1/environments/{name}/extend `{ ttl }`: a new expiry, counted from now. */
export function extendEnvironmentRoute(context: ApiContext, request: Request, params: NameParams): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const { engine } = readQuery(request, engineQuery);
    const body = await readJsonBody(request, extendEnvironmentRequest);
    const ttlHours = parseTtl(body.ttl);
    if (ttlHours === null) throw new BadRequestError('Invalid ttl.', { ttl: ['Use 2h, 1d, 1w or whole hours.'] });
    const environment = await findEnvironmentByName(context, actor, pathName(params.name), engine);
    await extendEnvironment(context, actor, { environmentId: environment.id, ttlHours });
    return stateResponse(context, actor, environment.name, environment.engineId);
  });
}

/**
 * POST /api/v1/environments/{name}/restore `{ snapshot, confirmation? }`: rewinds to one of its
 * snapshots, after a snapshot of the current state, named in the answer (`undoSnapshot`).
 */
export function restoreEnvironmentRoute(context: ApiContext, request: Request, params: NameParams): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const { engine } = readQuery(request, engineQuery);
    const body = await readJsonBody(request, restoreEnvironmentRequest);
    const environment = await findEnvironmentByName(context, actor, pathName(params.name), engine);
    const snapshot = await findSnapshotByName(context, actor, body.snapshot, environment.engineId);
    const input = { environmentId: environment.id, snapshotId: snapshot.id, confirmation: body.confirmation };
    const { undoSnapshot } = await restoreEnvironment(context, actor, input);
    return json({
      ...toApiEnvironmentState(await findEnvironmentByName(context, actor, environment.name, environment.engineId)),
      undoSnapshot,
    });
  });
}

/** POST /api/v1/environments/{name}/protect `{ hours }`: protected from drops (and expiry) for that long; 0 unprotects. */
export function protectEnvironmentRoute(context: ApiContext, request: Request, params: NameParams): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const { engine } = readQuery(request, engineQuery);
    const body = await readJsonBody(request, protectEnvironmentRequest);
    const environment = await findEnvironmentByName(context, actor, pathName(params.name), engine);
    await protectEnvironment(context, actor, { environmentId: environment.id, hours: body.hours });
    return stateResponse(context, actor, environment.name, environment.engineId);
  });
}

const connectionQuery = engineQuery.extend({ reveal: z.enum(['true', 'false', '1', '0']).optional() });

/** GET /api/v1/environments/{name}/connection: the URL and a psql (or mysql) command; ?reveal=true adds the password. */
export function connectionRoute(context: ApiContext, request: Request, params: NameParams): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const { engine, reveal } = readQuery(request, connectionQuery);
    const environment = await findEnvironmentByName(context, actor, pathName(params.name), engine);
    await requireTokenPermission(context, actor, 'read');
    const info = await getConnectionInfo(context, actor, environment.id, { reveal: reveal === 'true' || reveal === '1' });
    return json(toApiConnection(environment.name, info));
  });
}

/** POST /api/v1/environments/{name}/credentials/rotate: new passwords; answers with the new connection. */
export function rotateCredentialsRoute(context: ApiContext, request: Request, params: NameParams): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const { engine } = readQuery(request, engineQuery);
    const environment = await findEnvironmentByName(context, actor, pathName(params.name), engine);
    await rotateCredentials(context, actor, environment.id);
    return json(toApiConnection(environment.name, await getConnectionInfo(context, actor, environment.id, { reveal: true })));
  });
}

/** GET /api/v1/environments/{name}/sessions: who is connected. */
export function listSessionsRoute(context: ApiContext, request: Request, params: NameParams): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const { engine } = readQuery(request, engineQuery);
    const environment = await findEnvironmentByName(context, actor, pathName(params.name), engine);
    await requireTokenPermission(context, actor, 'read');
    const sessions = await listSessions(context, actor, environment.id);
    const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);
    return json({ sessions: sessions.map((session) => ({ ...session, since: iso(session.since)!, stateSince: iso(session.stateSince) })) });
  });
}

/** DELETE /api/v1/environments/{name}/sessions/{session}: ends it (204). */
export function endSessionRoute(context: ApiContext, request: Request, params: NameParams & { session: string }): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const { engine } = readQuery(request, engineQuery);
    const environment = await findEnvironmentByName(context, actor, pathName(params.name), engine);
    await endSession(context, actor, environment.id, params.session);
    return new Response(null, { status: 204 });
  });
}
