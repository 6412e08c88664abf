import type { HTMLAttributes } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { EnvironmentStatus } from '@/lib/domain/environments/status';

/** The words and colour of each status, on every page. */
const STATUS: Record<EnvironmentStatus, { label: string; tone: BadgeTone }> = {
  provisioning: { label: 'Provisioning', tone: 'info' },
  ready: { label: 'Ready', tone: 'success' },
  resetting: { label: 'Resetting', tone: 'info' },
  restoring: { label: 'Restoring', tone: 'info' },
  dropping: { label: 'Dropping', tone: 'warning' },
  dropped: { label: 'Dropped', tone: 'neutral' },
  failed: { label: 'Failed', tone: 'danger' },
  missing: { label: 'Missing on the engine', tone: 'danger' },
};

/** The word for a status, as its badge shows it (e.g. in a status filter's options). */
export function statusLabel(status: EnvironmentStatus): string {
  return STATUS[status].label;
}

/** Extra attributes name it where it is live, e.g. the environment page's header. */
export function StatusBadge({ status, ...props }: { status: EnvironmentStatus } & HTMLAttributes<HTMLSpanElement>) {
  const { label, tone } = STATUS[status];
  return (
    <Badge tone={tone} {...props}>
      {label}
    </Badge>
  );
}
