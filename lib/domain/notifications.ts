import { forbidden } from '@/lib/errors';
import type { Environment, Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from './actor';
import type { DomainContext } from './context';

/** What the reaper and the expiry warnings tell people. */
export type NotificationKind = 'expiry_warning' | 'expired';

/** A notification as the bell and the notifications page show it. */
export interface NotificationView {
  id: string;
  kind: string;
  message: string;
  createdAt: string;
  read: boolean;
  /** Why it no longer needs attention ("extended", "protected", "dropped"); null while it does. */
  resolution: string | null;
  /** Null when the notification is not about an environment. */
  environment: { id: string; name: string; live: boolean } | null;
}

export interface NotificationSummary {
  unreadCount: number;
  latest: NotificationView[];
}

/**
 * Notifies the people responsible for an environment: whoever created it and the leads of
 * its team (each once). Takes a transaction client so a caller can make the notifications
 * part of a larger all-or-nothing write.
 */
export async function notifyEnvironmentPeople(
  prisma: Prisma.TransactionClient,
  environment: Pick<Environment, 'id' | 'teamId' | 'createdById'>,
  notification: { kind: NotificationKind; message: string; at: Date },
): Promise<number> {
  const leads = environment.teamId
    ? await prisma.membership.findMany({ where: { teamId: environment.teamId, role: 'lead' }, select: { userId: true } })
    : [];
  const userIds = [...new Set([environment.createdById, ...leads.map((lead) => lead.userId)])];
  const created = await prisma.notification.createMany({
    data: userIds.map((userId) => ({
      userId,
      environmentId: environment.id,
      kind: notification.kind,
      message: notification.message,
      createdAt: notification.at,
    })),
  });
  return created.count;
}

/** Notifications belong to people: tokens and the system have none. */
function userIdOrThrow(actor: Actor): string {
  if (actor.kind !== 'user') throw forbidden('Notifications are for signed-in users.');
  return actor.userId;
}

const NOTIFICATION_SELECT = {
  id: true,
  kind: true,
  message: true,
  createdAt: true,
  readAt: true,
  resolvedAt: true,
  resolution: true,
  environment: { select: { id: true, name: true, droppedAt: true } },
} as const;

type NotificationRow = Prisma.NotificationGetPayload<{ select: typeof NOTIFICATION_SELECT }>;

function toView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
    read: row.readAt !== null,
    resolution: row.resolvedAt ? (row.resolution ?? 'resolved') : null,
    environment: row.environment ? { id: row.environment.id, name: row.environment.name, live: row.environment.droppedAt === null } : null,
  };
}

/** The actor's notifications, newest first. */
export async function listNotifications(
  context: DomainContext,
  actor: Actor,
  options: { limit?: number } = {},
): Promise<NotificationView[]> {
  const rows = await context.prisma.notification.findMany({
    where: { userId: userIdOrThrow(actor) },
    select: NOTIFICATION_SELECT,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(options.limit ?? 50, 1), 200),
  });
  return rows.map(toView);
}

/** What still needs attention: unread and not resolved. */
export async function countUnreadNotifications(context: DomainContext, actor: Actor): Promise<number> {
  return context.prisma.notification.count({ where: { userId: userIdOrThrow(actor), readAt: null, resolvedAt: null } });
}

export type ExpiryResolution = 'extended' | 'protected' | 'dropped';

/**
 * Expiry warnings about an environment stop asking for attention once it was extended,
 * protected or dropped: they are marked resolved (kept, with why, for the record).
 */
export async function resolveExpiryNotices(
  prisma: Prisma.TransactionClient,
  environmentId: string,
  resolution: ExpiryResolution,
  at: Date,
): Promise<number> {
  const resolved = await prisma.notification.updateMany({
    where: { environmentId, kind: 'expiry_warning', resolvedAt: null },
    data: { resolvedAt: at, resolution },
  });
  return resolved.count;
}

/** What the bell polls: the unread count and the few newest notifications. */
export async function getNotificationSummary(context: DomainContext, actor: Actor): Promise<NotificationSummary> {
  const [unreadCount, latest] = await Promise.all([
    countUnreadNotifications(context, actor),
    listNotifications(context, actor, { limit: 5 }),
  ]);
  return { unreadCount, latest };
}

/**
 * Marks the actor's notifications read: the given ones, or all of them. Ids of other
 * people's notifications are ignored (the filter is on the owner), never an error.
 */
export async function markNotificationsRead(context: DomainContext, actor: Actor, ids?: readonly string[]): Promise<number> {
  const updated = await context.prisma.notification.updateMany({
    where: { userId: userIdOrThrow(actor), readAt: null, ...(ids ? { id: { in: [...ids] } } : {}) },
    data: { readAt: context.now() },
  });
  return updated.count;
}
