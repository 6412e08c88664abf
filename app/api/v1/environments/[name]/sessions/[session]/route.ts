import { endSessionRoute } from '@/lib/api/handlers/environment-actions';
import { getDomainContext } from '@/lib/runtime/context';

export async function DELETE(request: Request, { params }: { params: Promise<{ name: string; session: string }> }): Promise<Response> {
  return endSessionRoute(getDomainContext(), request, await params);
}
