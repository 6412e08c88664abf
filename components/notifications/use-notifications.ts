'use client';

import { useQuery } from '@tanstack/react-query';
import { markNotificationsReadAction } from '@/lib/actions/notifications';
import { useActionMutation } from '@/lib/client/action-mutation';
import type { NotificationSummary } from '@/lib/domain/notifications';

/** Query keys of the notifications feature. */
export const notificationKeys = {
  all: ['notifications'] as const,
  summary: () => [...notificationKeys.all, 'summary'] as const,
};

const POLL_MS = 30_000;

async function fetchSummary(): Promise<NotificationSummary> {
  const response = await fetch('/api/notifications', { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`GET /api/notifications answered ${response.status}`);
  return (await response.json()) as NotificationSummary;
}

/** The unread count and newest notifications, polled while the page is open. */
export function useNotificationSummaryQuery() {
  return useQuery({ queryKey: notificationKeys.summary(), queryFn: fetchSummary, refetchInterval: POLL_MS });
}

/** Marks notifications read (all when no ids are given) and refreshes the bell. */
export function useMarkNotificationsReadMutation() {
  return useActionMutation({
    action: (ids?: string[]) => markNotificationsReadAction(ids ? { ids } : {}),
    invalidates: () => [notificationKeys.all],
    refresh: true,
  });
}
