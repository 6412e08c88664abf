import { z } from 'zod';
import { findEnvironmentByName, findSnapshotByName } from '@/lib/domain/environments/by-name';
import { listSnapshots } from '@/lib/domain/environments/queries';
import { createSnapshot, dropSnapshot, predictDropSnapshot } from '@/lib/domain/snapshots';
import { type ApiContext, json, requireTokenPermission, withToken } from '../handler';
import { pathName, readJsonBody, readQuery } from '../request';
import { createSnapshotRequest } from '../schemas';
import { toApiSnapshot } from '../serialize';
import { dropQuery, engineQuery, type NameParams } from './environments';

const listQuery = engineQuery.extend({ environment: z.string().min(1).max(128).optional() });

/** GET /api/v1/snapshots[?environment=NAME]: the team's snapshots, and production's. */
export function listSnapshotsRoute(context: ApiContext, request: Request): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const query = readQuery(request, listQuery);
    const scope = query.environment ? await findEnvironmentByName(context, actor, query.environment, query.engine) : null;
    await requireTokenPermission(context, actor, 'read');
    const snapshots = await listSnapshots(context, actor, scope ? { environmentId: scope.id } : {});
    const engine = scope?.engineId ?? query.engine;
    return json({ snapshots: snapshots.filter((snapshot) => !engine || snapshot.engineId === engine).map(toApiSnapshot) });
  });
}

/** POST /api/v1/snapshots `{ environment, name, purpose, table? }` */
export function createSnapshotRoute(context: ApiContext, request: Request): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const { engine } = readQuery(request, engineQuery);
    const body = await readJsonBody(request, createSnapshotRequest);
    const environment = await findEnvironmentByName(context, actor, body.environment, engine);
    const snapshot = await createSnapshot(context, actor, {
      environmentId: environment.id,
      name: body.name,
      purpose: body.purpose,
      table: body.table,
    });
    return json(toApiSnapshot(snapshot), 201);
  });
}

/**
 * DELETE /api/v1/snapshots/{name}: clones standing on it keep its data (see pinnedBy);
 * `?dryRun=true` answers with what it would free now, refused where the drop would be.
 */
export function dropSnapshotRoute(context: ApiContext, request: Request, params: NameParams): Promise<Response> {
  return withToken(context, request, async (actor) => {
    const { engine, dryRun } = readQuery(request, dropQuery);
    const snapshot = await findSnapshotByName(context, actor, pathName(params.name), engine);
    if (dryRun) {
      const freedIfDroppedBytes = await predictDropSnapshot(context, actor, snapshot.id);
      return json({ name: snapshot.name, dropped: false, freedIfDroppedBytes });
    }
    const result = await dropSnapshot(context, actor, snapshot.id);
    return json({ name: snapshot.name, dropped: true, freedBytes: result.freedBytes, pinnedBy: result.pinnedBy });
  });
}
