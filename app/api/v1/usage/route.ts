import { usageRoute } from '@/lib/api/handlers/usage';
import { getDomainContext } from '@/lib/runtime/context';

export function GET(request: Request): Promise<Response> {
  return usageRoute(getDomainContext(), request);
}
