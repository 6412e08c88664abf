'use client';

import Link from 'next/link';
import { useNotificationSummaryQuery } from './use-notifications';

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
      <path d="M10 2a5 5 0 0 0-5 5v2.59l-1.7 2.55A1.2 1.2 0 0 0 4.3 14h11.4a1.2 1.2 0 0 0 1-1.86L15 9.59V7a5 5 0 0 0-5-5Zm-2.45 13.5a2.5 2.5 0 0 0 4.9 0h-4.9Z" />
    </svg>
  );
}

/** The bell in the side bar: links to the notifications page, with the unread count. */
export function NotificationBell() {
  const { data } = useNotificationSummaryQuery();
  const unread = data?.unreadCount ?? 0;
  const label = unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`;
  return (
    <Link
      href="/notifications"
      aria-label={label}
      title={label}
      className="relative inline-flex rounded-md p-1.5 text-slate-300 hover:bg-slate-800 hover:text-white focus-visible:outline-2 focus-visible:outline-indigo-400"
    >
      <BellIcon />
      {unread > 0 && (
        <span
          aria-hidden="true"
          className="absolute -right-1 -top-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-amber-400 px-1 text-[10px] font-bold text-slate-900"
        >
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
