import { dropEnvironmentRoute, getEnvironmentRoute } from '@/lib/api/handlers/environments';
import { getDomainContext } from '@/lib/runtime/context';

interface Params {
  params: Promise<{ name: string }>;
}

export async function GET(request: Request, { params }: Params): Promise<Response> {
  return getEnvironmentRoute(getDomainContext(), request, await params);
}

export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  return dropEnvironmentRoute(getDomainContext(), request, await params);
}
