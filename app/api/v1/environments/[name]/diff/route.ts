import { diffRoute } from '@/lib/api/handlers/data-branches';
import { getDomainContext } from '@/lib/runtime/context';

export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return diffRoute(getDomainContext(), request, await params);
}
