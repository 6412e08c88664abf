import { createEnvironmentRoute, listEnvironmentsRoute } from '@/lib/api/handlers/environments';
import { getDomainContext } from '@/lib/runtime/context';

export function GET(request: Request): Promise<Response> {
  return listEnvironmentsRoute(getDomainContext(), request);
}

export function POST(request: Request): Promise<Response> {
  return createEnvironmentRoute(getDomainContext(), request);
}
