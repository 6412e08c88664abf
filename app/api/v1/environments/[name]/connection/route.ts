import { connectionRoute } from '@/lib/api/handlers/environment-actions';
import { getDomainContext } from '@/lib/runtime/context';

export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return connectionRoute(getDomainContext(), request, await params);
}
