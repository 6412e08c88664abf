import { listSessionsRoute } from '@/lib/api/handlers/environment-actions';
import { getDomainContext } from '@/lib/runtime/context';

export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return listSessionsRoute(getDomainContext(), request, await params);
}
