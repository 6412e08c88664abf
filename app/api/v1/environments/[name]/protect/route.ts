import { protectEnvironmentRoute } from '@/lib/api/handlers/environment-actions';
import { getDomainContext } from '@/lib/runtime/context';

export async function POST(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return protectEnvironmentRoute(getDomainContext(), request, await params);
}
