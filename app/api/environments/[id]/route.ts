import { errorResponse } from '@/lib/api/errors';
import { pathName } from '@/lib/api/request';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { getEnvironmentDetail } from '@/lib/domain/environments/detail';
import { getDomainContext } from '@/lib/runtime/context';

interface Params {
  params: Promise<{ id: string }>;
}

/**
 * One environment with the signed-in viewer's permissions, for the page to poll while it is
 * busy. Session only (the proxy leaves /api alone): 401 JSON when signed out, 404 when gone
 * or not visible.
 */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  try {
    const user = await requireUser();
    const id = pathName((await params).id);
    const detail = await getEnvironmentDetail(getDomainContext(), userActor(user), id);
    return Response.json(detail, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
