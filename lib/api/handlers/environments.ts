import { z } from 'zod';
import { findEnvironmentByName } from '@/lib/domain/environments/by-name';
import { dropEnvironment, predictDropEnvironment } from '@/lib/domain/environments/lifecycle';
import { provisionEnvironment } from '@/lib/domain/environments/provision';
import { getEnvironmentView, listEnvironments } from '@/lib/domain/environments/queries';
import { suggestFreeEnvironmentName } from '@/lib/domain/environments/suggest-name';
import { BadRequestError } from '../errors';
import { type ApiContext, json, requireTokenPermission, withToken } from '../handler';
import { readJsonBody, readQuery, pathName, queryFlag } from '../request';
import { createEnvironmentRequest } from '../schemas';
import { toApiEnvironment, toApiEnvironmentState } from '../serialize';
import { parseTtl } from '../ttl';
import { cloneSource, environmentLocation, settledOrTimeout, throwIfFailed } from './provisioning';

export const engineQuery = z.strictObject({ engine: z.string().min(1).max(64).optional() });

/** DELETE's query: `?dryRun=true` checks the drop and says what it would free, dropping nothing. */
export const dropQuery = engineQuery.extend({ dryRun: queryFlag });

export const WAIT_DEFAULT_SECONDS = 60;
export const WAIT_MAX_SECONDS = 300;

const createQuery = engineQuery.extend({
  wait: z.enum(['true', 'false', '1', '0']).optional(),
  timeout: z
    .string()
    .regex(/^[0-9]{1,4}$/, { message: 'Seconds, as a whole number.' })
    .optional(),
});

export interface NameParams {
  name: string;
}

/** GET /api/v1/environments: the token's team's environments, and production. */
export function listEnvironmentsRoute(context: ApiContext, request: Request): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const { engine } = readQuery(request, engineQuery);
    await requireTokenPermission(context, actor, 'read');
    const views = await listEnvironments(context, actor);
    return json({ environments: views.filter((view) => !engine || view.engineId === engine).map(toApiEnvironment) });
  });
}

/** POST /api/v1/environments: 202 at once (poll the Location), or with ?wait=true 201 when ready. */
export function createEnvironmentRoute(context: ApiContext, request: Request): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const query = readQuery(request, createQuery);
    const body = await readJsonBody(request, createEnvironmentRequest);
    const waitSeconds = query.timeout === undefined ? WAIT_DEFAULT_SECONDS : Number(query.timeout);
    if (waitSeconds < 1 || waitSeconds > WAIT_MAX_SECONDS) {
      throw new BadRequestError(`timeout must be between 1 and ${WAIT_MAX_SECONDS} seconds.`, { timeout: ['Out of range.'] });
    }
    const ttlHours = body.ttl === undefined ? undefined : parseTtl(body.ttl);
    if (ttlHours === null) throw new BadRequestError('Invalid ttl.', { ttl: ['Use 2h, 1d, 1w or whole hours.'] });
    const source = await cloneSource(context, actor, body, query.engine);
    const name = body.name ?? (await suggestFreeEnvironmentName(context, actor.teamId, body.purpose, query.engine));
    const created = await provisionEnvironment(context, actor, { teamId: actor.teamId, name, purpose: body.purpose, source, ttlHours });
    const headers = { Location: environmentLocation(created.name, query.engine) };
    if (query.wait !== 'true' && query.wait !== '1') return json(toApiEnvironmentState(created), 202, headers);
    const settled = await settledOrTimeout(context, actor, created, waitSeconds * 1000);
    throwIfFailed(settled);
    return json(toApiEnvironmentState(settled), settled.status === 'ready' ? 201 : 202, headers);
  });
}

/** GET /api/v1/environments/{name} */
export function getEnvironmentRoute(context: ApiContext, request: Request, params: NameParams): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const { engine } = readQuery(request, engineQuery);
    const environment = await findEnvironmentByName(context, actor, pathName(params.name), engine);
    await requireTokenPermission(context, actor, 'read');
    return json(toApiEnvironment(await getEnvironmentView(context, actor, environment.id)));
  });
}

/**
 * DELETE /api/v1/environments/{name}: drops it and its snapshots, answering with the bytes
 * freed; `?dryRun=true` answers with what it would free now, refused where the drop would be.
 */
export function dropEnvironmentRoute(context: ApiContext, request: Request, params: NameParams): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const { engine, dryRun } = readQuery(request, dropQuery);
    const environment = await findEnvironmentByName(context, actor, pathName(params.name), engine);
    if (dryRun) {
      const freedIfDroppedBytes = await predictDropEnvironment(context, actor, environment.id);
      return json({ name: environment.name, dropped: false, freedIfDroppedBytes });
    }
    const { freedBytes } = await dropEnvironment(context, actor, environment.id);
    return json({ name: environment.name, dropped: true, freedBytes });
  });
}
