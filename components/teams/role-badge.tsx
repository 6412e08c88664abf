import { Badge } from '@/components/ui/badge';
import type { TeamViewer } from '@/lib/domain/teams';

/** The viewer's position in a team: admin, lead or member. */
export function RoleBadge({ viewer }: { viewer: Pick<TeamViewer, 'isAdmin' | 'role'> }) {
  if (viewer.role === 'lead') return <Badge tone="info">you lead it</Badge>;
  if (viewer.role === 'member') return <Badge>member</Badge>;
  if (viewer.isAdmin) return <Badge tone="info">admin</Badge>;
  return null;
}
