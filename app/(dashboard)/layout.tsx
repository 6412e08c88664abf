import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { DashboardNav } from '@/components/layout/dashboard-nav';
import { UserMenu } from '@/components/layout/user-menu';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { getCurrentUser } from '@/lib/auth/session';

// The proxy redirects signed-out visitors too, but pages must not rely on it.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');

  return (
    <div className="flex min-h-screen bg-slate-50">
      <a
        href="#content"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="flex w-60 shrink-0 flex-col justify-between bg-slate-900 px-4 py-6">
        <div>
          <div className="mb-8 flex items-center justify-between px-3">
            <Link href="/" className="text-lg font-bold tracking-tight text-white">
              Clonedeck
            </Link>
            <NotificationBell />
          </div>
          <DashboardNav isAdmin={user.isAdmin} />
        </div>
        <UserMenu name={user.name} email={user.email} isAdmin={user.isAdmin} />
      </aside>
      <main id="content" className="min-w-0 flex-1 px-8 py-8">
        {children}
      </main>
    </div>
  );
}
