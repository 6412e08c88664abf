import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { DashboardNav } from '@/components/layout/dashboard-nav';
import { Sidebar } from '@/components/layout/sidebar';
import { UserMenu } from '@/components/layout/user-menu';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { getCurrentUser } from '@/lib/auth/session';

// The proxy redirects signed-out visitors too, but pages must not rely on it.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');

  return (
    <div className="flex min-h-screen flex-col bg-slate-50 md:flex-row">
      <a
        href="#content"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <Sidebar>
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
      </Sidebar>
      <main id="content" className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">
        {children}
      </main>
    </div>
  );
}
