import { z } from 'zod';
import { findEnvironmentByName, findSnapshotByName } from '@/lib/domain/environments/by-name';
import { diffEnvironment } from '@/lib/domain/environments/data-diff';
import { mergeEnvironment } from '@/lib/domain/environments/data-merge';
import type { TokenActor } from '@/lib/domain/tokens-auth';
import { isAppError } from '@/lib/errors';
import { DIFF_SAMPLE_MAX } from '@/lib/validations/data-branches';
import { BadRequestError } from '../errors';
import { type ApiContext, json, requireTokenPermission, withToken } from '../handler';
import { pathName, readJsonBody, readQuery } from '../request';
import { mergeRequest } from '../schemas-branches';
import { engineQuery, type NameParams } from './environments';

const diffQuery = engineQuery.extend({
  against: z.string().min(1).max(140).optional(),
  table: z.string().min(1).max(64).optional(),
  limit: z
    .string()
    .regex(/^[0-9]{1,3}$/, { message: 'Rows, as a whole number.' })
    .optional(),
});

/**
 * GET /api/v1/environments/{name}/diff[?against=…&table=…&limit=…]: what changed, per table,
 * since its base snapshot (or against a snapshot or environment), with a sample of `table`.
 */
export function diffRoute(context: ApiContext, request: Request, params: NameParams): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const query = readQuery(request, diffQuery);
    const environment = await findEnvironmentByName(context, actor, pathName(params.name), query.engine);
    await requireTokenPermission(context, actor, 'read');
    const limit = query.limit === undefined ? 20 : Number(query.limit);
    if (limit < 1 || limit > DIFF_SAMPLE_MAX)
      throw new BadRequestError(`limit must be 1–${DIFF_SAMPLE_MAX}.`, { limit: ['Out of range.'] });
    const against = query.against ? await resolveAgainst(context, actor, query.against, environment.engineId) : undefined;
    const diff = await diffEnvironment(context, actor, {
      environmentId: environment.id,
      against,
      sampleTable: query.table,
      sampleLimit: limit,
    });
    return json(diff);
  });
}

/**
 * `snapshot:NAME`, `env:NAME`, or a bare NAME: a snapshot of that name if there is one the
 * token can see, else an environment.
 */
async function resolveAgainst(context: ApiContext, actor: TokenActor, text: string, engineId: string) {
  const [kind, name] = text.includes(':') ? (text.split(':', 2) as [string, string]) : ['any', text];
  if (kind === 'snapshot' || kind === 'any') {
    try {
      return { kind: 'snapshot' as const, snapshotId: (await findSnapshotByName(context, actor, name, engineId)).id };
    } catch (error) {
      if (kind === 'snapshot' || !isAppError(error) || error.code !== 'NOT_FOUND') throw error;
    }
  } else if (kind !== 'env') {
    throw new BadRequestError('against is NAME, snapshot:NAME or env:NAME.', { against: ['Use snapshot:NAME or env:NAME.'] });
  }
  return { kind: 'environment' as const, environmentId: (await findEnvironmentByName(context, actor, name, engineId)).id };
}

/** POST /api/v1/environments/{name}/merge `{ into, onConflict, tables?, confirmation? }` */
export function mergeRoute(context: ApiContext, request: Request, params: NameParams): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const { engine } = readQuery(request, engineQuery);
    const body = await readJsonBody(request, mergeRequest);
    const source = await findEnvironmentByName(context, actor, pathName(params.name), engine);
    const target = await findEnvironmentByName(context, actor, body.into, source.engineId);
    const { tables } = await mergeEnvironment(context, actor, {
      environmentId: source.id,
      targetEnvironmentId: target.id,
      onConflict: body.onConflict,
      tables: body.tables,
      confirmation: body.confirmation,
    });
    return json({ name: source.name, into: target.name, tables });
  });
}
