import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { NotificationView } from '@/lib/domain/notifications';
import { formatTimestamp } from '@/lib/format/time';
import { cn } from '@/lib/class-names';

const KIND: Record<string, { label: string; tone: BadgeTone }> = {
  expiry_warning: { label: 'Expires soon', tone: 'warning' },
  expired: { label: 'Expired', tone: 'neutral' },
  provision_failed: { label: 'Provisioning failed', tone: 'danger' },
};

function kindOf(kind: string) {
  return KIND[kind] ?? { label: kind.replaceAll('_', ' '), tone: 'info' as const };
}

export function NotificationList({ notifications }: { notifications: NotificationView[] }) {
  if (notifications.length === 0)
    return <p className="text-sm text-slate-600">No notifications. Warnings before an environment expires appear here.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {notifications.map((notification) => {
        const kind = kindOf(notification.kind);
        const needsAttention = !notification.read && notification.resolution === null;
        return (
          <li key={notification.id} className={cn('flex items-start gap-4 py-3', needsAttention && 'bg-amber-50/40')}>
            <span className="w-36 shrink-0">
              <Badge tone={kind.tone}>{kind.label}</Badge>
            </span>
            <div className="min-w-0 flex-1 text-sm">
              <p
                className={cn(
                  'text-slate-800',
                  needsAttention && 'font-medium text-slate-900',
                  notification.resolution && 'text-slate-500',
                )}
              >
                {needsAttention && <span className="sr-only">Unread: </span>}
                {notification.message}
              </p>
              {notification.resolution && <p className="text-xs text-slate-600">Resolved: {notification.resolution}.</p>}
              {notification.environment?.live && (
                <Link href={`/environments/${notification.environment.id}`} className="text-indigo-700 underline hover:text-indigo-900">
                  Open {notification.environment.name}
                </Link>
              )}
            </div>
            <time dateTime={notification.createdAt} className="shrink-0 text-xs text-slate-500">
              {formatTimestamp(notification.createdAt)}
            </time>
          </li>
        );
      })}
    </ul>
  );
}
