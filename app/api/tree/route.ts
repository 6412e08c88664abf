import { errorResponse } from '@/lib/api/errors';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { getOverviewData } from '@/lib/domain/tree';
import { getDomainContext } from '@/lib/runtime/context';

/** The overview tree for the signed-in user, polled by the overview page. */
export async function GET(): Promise<Response> {
  try {
    const user = await requireUser();
    const overview = await getOverviewData(getDomainContext(), userActor(user));
    return Response.json(overview, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, { 'Cache-Control': 'no-store' });
  }
}
