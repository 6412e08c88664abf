import type { Metadata } from 'next';
import { MarkAllReadButton } from '@/components/notifications/mark-all-read-button';
import { NotificationList } from '@/components/notifications/notification-list';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/session';
import { userActor } from '@/lib/domain/actor';
import { listNotifications } from '@/lib/domain/notifications';
import { getDomainContext } from '@/lib/runtime/context';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Notifications · Clonedeck' };

export default async function NotificationsPage() {
  const user = await requireUser();
  const notifications = await listNotifications(getDomainContext(), userActor(user), { limit: 100 });
  const unread = notifications.filter((notification) => !notification.read).length;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Notifications"
        description={
          <>Warnings before your environments expire, and what the expiry reaper dropped. Extend an environment from its page to keep it.</>
        }
      />
      <Card>
        <CardHeader className="flex items-start justify-between gap-4">
          <div>
            <CardTitle>Latest</CardTitle>
            <CardDescription>{unread === 0 ? 'Nothing unread.' : `${unread} unread.`} The newest 100 are shown.</CardDescription>
          </div>
          <MarkAllReadButton disabled={unread === 0} />
        </CardHeader>
        <CardContent>
          <NotificationList notifications={notifications} />
        </CardContent>
      </Card>
    </div>
  );
}
