import { dropSnapshotRoute } from '@/lib/api/handlers/snapshots';
import { getDomainContext } from '@/lib/runtime/context';

export async function DELETE(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return dropSnapshotRoute(getDomainContext(), request, await params);
}
