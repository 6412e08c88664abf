import type { AuditEvent, Prisma } from '@/lib/generated/prisma/client';
import { isAdminActor } from '../access';
import type { Actor } from '../actor';
import type { DomainContext } from '../context';
import { loadEnvironment } from './load';

export const HISTORY_LIMIT = 100;

/** One audit event of an environment, as its page shows it. */
export interface HistoryEvent {
  id: string;
  at: string;
  actor: string;
  action: string;
  outcome: 'success' | 'failure';
  error: string | null;
  /** What the event was about beyond the environment, e.g. "snapshot pre_upgrade_v1". */
  detail: string | null;
}

const INTERNAL_PREFIX = 'INTERNAL:';
const HIDDEN_INTERNAL_ERROR = 'Unexpected server error (logged for the administrators).';

/**
 * The history of one live environment, newest first: its own events since it was created
 * (also refused attempts, which the audit names by the environment's id), and the events
 * of its snapshots. Readers see what the audit holds, except unexpected errors' raw text,
 * which only admins see.
 */
export async function listEnvironmentHistory(context: DomainContext, actor: Actor, environmentId: string): Promise<HistoryEvent[]> {
  const environment = await loadEnvironment(context, actor, environmentId, 'read');
  const since = { gte: environment.createdAt };
  const snapshots = await context.prisma.snapshot.findMany({
    where: { engineId: environment.engineId, database: environment.name, createdAt: since },
    select: { id: true, name: true },
  });
  const where: Prisma.AuditEventWhereInput = {
    createdAt: since,
    OR: [
      { targetType: 'environment', targetName: { in: [environment.name, environment.id] } },
      { targetType: 'snapshot', targetName: { in: snapshots.flatMap((snapshot) => [snapshot.name, snapshot.id]) } },
    ],
  };
  const events = await context.prisma.auditEvent.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: HISTORY_LIMIT });
  const snapshotNames = new Map(snapshots.map((snapshot) => [snapshot.id, snapshot.name]));
  const admin = await isAdminActor(context, actor);
  return events.map((event) => toHistoryEvent(event, snapshotNames, admin));
}

function toHistoryEvent(event: AuditEvent, snapshotNames: Map<string, string>, admin: boolean): HistoryEvent {
  const hideError = !admin && event.error?.startsWith(INTERNAL_PREFIX);
  return {
    id: event.id,
    at: event.createdAt.toISOString(),
    actor: event.actorLabel,
    action: event.action,
    outcome: event.outcome,
    error: hideError ? HIDDEN_INTERNAL_ERROR : event.error,
    detail: describeDetails(event, snapshotNames),
  };
}

/** The few detail keys the services record, in words; snapshot ids become names. */
function describeDetails(event: AuditEvent, snapshotNames: Map<string, string>): string | null {
  const details = isRecord(event.details) ? event.details : {};
  const parts: string[] = [];
  if (event.targetType === 'snapshot') parts.push(`snapshot ${snapshotNames.get(event.targetName) ?? event.targetName}`);
  if (typeof details.snapshot === 'string') parts.push(`snapshot ${snapshotNames.get(details.snapshot) ?? details.snapshot}`);
  if (typeof details.source === 'string') parts.push(`from ${details.source}`);
  if (typeof details.ttlHours === 'string') parts.push(details.ttlHours === 'null' ? 'never expires' : `${details.ttlHours} h`);
  if (typeof details.hours === 'string') parts.push(protectionText(details.hours));
  if (typeof details.sql === 'string') parts.push(`${details.readOnly === 'false' ? 'read-write' : 'read-only'}: ${details.sql}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function protectionText(hours: string): string {
  if (hours === 'null') return 'until unprotected';
  return hours === '0' ? 'protection removed' : `for ${hours} h`;
}

function isRecord(value: Prisma.JsonValue | null): value is Prisma.JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
