import { errorResponse } from '@/lib/api/errors';
import { readQuery } from '@/lib/api/request';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { getStorageHistory, historyQuerySchema } from '@/lib/domain/storage-history';
import { getDomainContext } from '@/lib/runtime/context';

/**
 * Storage usage over time for the storage page's charts: `?range=24h|7d|30d|1y` (default
 * 24h). Session only (the proxy leaves /api alone): 401 JSON when signed out; what the
 * viewer sees is decided by the domain (engine totals for admins, their teams otherwise).
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = await requireUser();
    const { range } = readQuery(request, historyQuerySchema);
    const history = await getStorageHistory(getDomainContext(), userActor(user), range);
    return Response.json(history, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, { 'Cache-Control': 'no-store' });
  }
}
