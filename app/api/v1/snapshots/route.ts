import { createSnapshotRoute, listSnapshotsRoute } from '@/lib/api/handlers/snapshots';
import { getDomainContext } from '@/lib/runtime/context';

export function GET(request: Request): Promise<Response> {
  return listSnapshotsRoute(getDomainContext(), request);
}

export function POST(request: Request): Promise<Response> {
  return createSnapshotRoute(getDomainContext(), request);
}
