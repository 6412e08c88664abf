import { mergeRoute } from '@/lib/api/handlers/data-branches';
import { getDomainContext } from '@/lib/runtime/context';

export async function POST(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return mergeRoute(getDomainContext(), request, await params);
}
