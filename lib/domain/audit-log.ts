import { AppError, forbidden } from '@/lib/errors';
import type { ActorType, AuditEvent, AuditOutcome, Prisma } from '@/lib/generated/prisma/client';
import type { AuditFilter } from '@/lib/validations/audit';
import type { Actor } from './actor';
import type { DomainContext } from './context';

/**
 * Reading the audit log. Admins see everything (also production and settings, which have
 * no team); a lead sees the events of the teams they lead; anyone else, and any API
 * token, is refused.
 */

export const AUDIT_PAGE_SIZE = 50;
const EXPORT_BATCH = 500;

/** 'all', or the ids of the teams whose events the actor may read. */
export type AuditScope = 'all' | string[];

export interface AuditEventView {
  id: string;
  createdAt: string;
  actorType: ActorType;
  actorLabel: string;
  action: string;
  targetType: string;
  targetName: string;
  /** Null for organisation-wide events; the name is null for a team deleted since. */
  team: { id: string; name: string | null } | null;
  outcome: AuditOutcome;
  error: string | null;
}

export interface AuditPage {
  events: AuditEventView[];
  total: number;
  page: number;
  pageCount: number;
}

export async function auditScopeOrThrow(context: DomainContext, actor: Actor): Promise<AuditScope> {
  if (actor.kind === 'system') return 'all';
  if (actor.kind === 'token') throw forbidden('The audit log is read by signed-in users, not API tokens.');
  const user = await context.prisma.user.findUnique({
    where: { id: actor.userId },
    select: { isAdmin: true, memberships: { where: { role: 'lead' }, select: { teamId: true } } },
  });
  if (!user) throw new AppError('UNAUTHENTICATED', 'Your account no longer exists. Sign in again.');
  if (user.isAdmin) return 'all';
  if (user.memberships.length === 0) throw forbidden('Only team leads and administrators can read the audit log.');
  return user.memberships.map((membership) => membership.teamId);
}

function auditWhere(scope: AuditScope, filter: AuditFilter): Prisma.AuditEventWhereInput {
  const conditions: Prisma.AuditEventWhereInput[] = [];
  if (scope !== 'all') conditions.push({ teamId: { in: scope } });
  if (filter.team) conditions.push({ teamId: filter.team });
  if (filter.actorType) conditions.push({ actorType: filter.actorType });
  if (filter.actor) {
    conditions.push({ OR: [{ actorLabel: { contains: filter.actor, mode: 'insensitive' } }, { actorUserId: filter.actor }] });
  }
  if (filter.action) conditions.push({ action: { startsWith: filter.action } });
  if (filter.from) conditions.push({ createdAt: { gte: filter.from } });
  if (filter.to) conditions.push({ createdAt: { lt: filter.to } });
  return { AND: conditions };
}

const NEWEST_FIRST: Prisma.AuditEventOrderByWithRelationInput[] = [{ createdAt: 'desc' }, { id: 'desc' }];

export async function listAuditEvents(context: DomainContext, actor: Actor, filter: AuditFilter): Promise<AuditPage> {
  const where = auditWhere(await auditScopeOrThrow(context, actor), filter);
  const total = await context.prisma.auditEvent.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(filter.page ?? 1, pageCount);
  const rows = await context.prisma.auditEvent.findMany({
    where,
    orderBy: NEWEST_FIRST,
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });
  return { events: await toViews(context, rows), total, page, pageCount };
}

/** Every matching event, newest first, in batches (the CSV export streams them). */
export async function* auditEventBatches(context: DomainContext, actor: Actor, filter: AuditFilter): AsyncGenerator<AuditEventView[]> {
  const where = auditWhere(await auditScopeOrThrow(context, actor), filter);
  let cursor: string | undefined;
  for (;;) {
    const rows = await context.prisma.auditEvent.findMany({
      where,
      orderBy: NEWEST_FIRST,
      take: EXPORT_BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length === 0) return;
    yield await toViews(context, rows);
    if (rows.length < EXPORT_BATCH) return;
    cursor = rows[rows.length - 1]!.id;
  }
}

/** The choices of the filter form: the teams in scope and the actions seen in scope. */
export async function listAuditFilterChoices(
  context: DomainContext,
  actor: Actor,
): Promise<{ teams: Array<{ id: string; displayName: string }>; actions: string[] }> {
  const scope = await auditScopeOrThrow(context, actor);
  const [teams, actions] = await Promise.all([
    context.prisma.team.findMany({
      where: scope === 'all' ? {} : { id: { in: scope } },
      select: { id: true, displayName: true },
      orderBy: { displayName: 'asc' },
    }),
    context.prisma.auditEvent.findMany({
      where: scope === 'all' ? {} : { teamId: { in: scope } },
      distinct: ['action'],
      select: { action: true },
      orderBy: { action: 'asc' },
    }),
  ]);
  return { teams, actions: actions.map((row) => row.action) };
}

async function toViews(context: DomainContext, rows: AuditEvent[]): Promise<AuditEventView[]> {
  const teamIds = [...new Set(rows.flatMap((row) => (row.teamId ? [row.teamId] : [])))];
  const teams = await context.prisma.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, displayName: true } });
  const teamNames = new Map(teams.map((team) => [team.id, team.displayName]));
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    actorType: row.actorType,
    actorLabel: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetName: row.targetName,
    team: row.teamId ? { id: row.teamId, name: teamNames.get(row.teamId) ?? null } : null,
    outcome: row.outcome,
    error: row.error,
  }));
}
