import { z } from 'zod';
import { getTeamUsage } from '@/lib/domain/team-usage';
import { type ApiContext, json, withToken } from '../handler';
import { readQuery } from '../request';

/** GET /api/v1/usage: the token's team against its quotas, with its sums per engine. */
export function usageRoute(context: ApiContext, request: Request): Promise<Response> {
  return withToken(context, request, async (actor) => {
    readQuery(request, z.strictObject({}));
    const usage = await getTeamUsage(context, actor, actor.teamId);
    return json({
      ...usage,
      engines: usage.engines.map(({ engineId, ...sums }) => ({ engine: engineId, ...sums })),
      environments: usage.environments.map(({ engineId, ...environment }) => ({ ...environment, engine: engineId })),
    });
  });
}
