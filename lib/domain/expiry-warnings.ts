import type { Environment, Prisma, Team } from '@/lib/generated/prisma/client';
import { SYSTEM_ACTOR } from './actor';
import { recordAudit } from './audit';
import type { DomainContext } from './context';
import { LIVE } from './environments/load';
import { expiringSoonFrom } from './expiry-window';
import { claimOnce, pruneMarkers } from './leases';
import { notifyEnvironmentPeople } from './notifications';
import { getSettings } from './settings';
import { openWebhookSecret, UNREADABLE_SECRET_MESSAGE } from './webhook-secrets';
import { canonicalJson, deliveryEventKey, signWebhookBody } from './webhook-signature';
import { formatTimestamp } from '@/lib/format/time';

/**
 * Warnings before expiry: a notification for the environment's creator and its team's
 * leads, and a signed webhook delivery when the team has a webhook URL.
 *
 * Once per environment *per expiry*, across replicas: the warning is claimed with a
 * once-only marker row named after the environment and its expiry
 * (`expiry-warning:<id>:<expiresAt>`) in the same transaction as the notifications and the
 * delivery, so they are written together exactly once. An extension moves expiresAt, the
 * marker name changes, and the new expiry is warned about in its turn. Markers are kept
 * a week past the expiry they name, then pruned.
 *
 * An environment is due once it enters its expiring-soon window (`expiry-window.ts`: the
 * last 20 % of its lifetime or the warning hours, whichever is shorter). A warning is
 * resolved (`resolveExpiryNotices`) when the environment is extended, protected or dropped.
 */

export const WARNING_EVENT = 'environment.expiring';
const MARKER_PREFIX = 'expiry-warning:';
const MARKER_KEPT_MS = 7 * 86_400_000;
const BATCH = 200;

export interface ExpiryWarningOptions {
  /** Identifies this replica in the marker rows. */
  holder: string;
  /** The dashboard's public base URL (e.g. https://clonedeck.example.com); adds a link to webhook payloads. */
  dashboardUrl?: string;
}

/** The JSON body receivers get (signed as canonical JSON). */
export interface ExpiringPayload {
  event: typeof WARNING_EVENT;
  environment: { name: string; team: string; purpose: string; expiresAt: string; url?: string };
  sentAt: string;
}

type DueEnvironment = Environment & { team: Team | null; expiresAt: Date };

export async function sendExpiryWarnings(context: DomainContext, options: ExpiryWarningOptions): Promise<{ warned: string[] }> {
  const now = context.now();
  const { expiryWarningHours } = await getSettings(context);
  const horizon = new Date(now.getTime() + expiryWarningHours * 3_600_000);
  const candidates = await context.prisma.environment.findMany({
    where: { ...LIVE, isProduction: false, isProtected: false, status: { not: 'dropping' }, expiresAt: { gt: now, lte: horizon } },
    include: { team: true },
    orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
    take: BATCH,
  });
  const warned: string[] = [];
  for (const environment of candidates) {
    const { expiresAt } = environment;
    if (!expiresAt || !dueForWarning(environment, expiresAt, now, expiryWarningHours)) continue;
    if (await warnOnce(context, { ...environment, expiresAt }, options)) warned.push(environment.name);
  }
  await pruneMarkers(context, MARKER_PREFIX);
  return { warned };
}

/**
 * In its expiring-soon window (relative to its lifetime), and not protected past its expiry:
 * the reaper would leave a protected environment alone, so there is nothing to warn about.
 */
function dueForWarning(environment: Environment, expiresAt: Date, now: Date, warningHours: number): boolean {
  if (environment.protectedUntil && environment.protectedUntil >= expiresAt) return false;
  return expiringSoonFrom(environment.createdAt, expiresAt, warningHours) <= now;
}

async function warnOnce(context: DomainContext, environment: DueEnvironment, options: ExpiryWarningOptions): Promise<boolean> {
  const now = context.now();
  const marker = `${MARKER_PREFIX}${environment.id}:${environment.expiresAt.toISOString()}`;
  const keepUntil = new Date(environment.expiresAt.getTime() + MARKER_KEPT_MS);
  const result = await context.prisma.$transaction(async (transaction) => {
    if (!(await claimOnce(transaction, marker, options.holder, keepUntil))) return null;
    const recipients = await notifyEnvironmentPeople(transaction, environment, {
      kind: 'expiry_warning',
      message: `${environment.name} expires at ${formatTimestamp(environment.expiresAt)} and will then be dropped. Extend it to keep it.`,
      at: now,
    });
    const webhook = environment.team?.webhookUrl
      ? await enqueueWebhook(context, transaction, environment, environment.team, now, options)
      : false;
    return { recipients, webhook };
  });
  if (!result) return false;
  await recordAudit(
    context,
    SYSTEM_ACTOR,
    'environment.expiry_warning',
    { type: 'environment', name: environment.name, teamId: environment.teamId },
    { ok: true },
    { expiresAt: environment.expiresAt.toISOString(), recipients: result.recipients, webhook: result.webhook },
  );
  return true;
}

/**
 * Records the delivery; `deliverPendingWebhooks` sends it. Without a secret nothing can be
 * signed, so the delivery is recorded as failed with the reason instead of sent unsigned.
 */
async function enqueueWebhook(
  context: DomainContext,
  transaction: Prisma.TransactionClient,
  environment: DueEnvironment,
  team: Team,
  now: Date,
  options: ExpiryWarningOptions,
): Promise<boolean> {
  const payload: ExpiringPayload = {
    event: WARNING_EVENT,
    environment: {
      name: environment.name,
      team: team.name,
      purpose: environment.purpose,
      expiresAt: environment.expiresAt.toISOString(),
      url: options.dashboardUrl ? new URL(`/environments/${environment.id}`, options.dashboardUrl).toString() : undefined,
    },
    sentAt: now.toISOString(),
  };
  const body = canonicalJson(payload);
  const opened = openWebhookSecret(context, team);
  const secret = opened.kind === 'open' ? opened.secret : null;
  await transaction.webhookDelivery.createMany({
    data: [
      {
        teamId: team.id,
        environmentId: environment.id,
        event: deliveryEventKey(WARNING_EVENT, environment.expiresAt),
        payload: JSON.parse(body) as Prisma.InputJsonValue,
        signature: secret ? signWebhookBody(secret, body) : '',
        status: secret ? 'pending' : 'failed',
        nextAttemptAt: secret ? now : null,
        lastError: secret
          ? null
          : opened.kind === 'unreadable'
            ? UNREADABLE_SECRET_MESSAGE
            : 'The team has a webhook URL but no secret to sign with; set one in the team settings.',
        createdAt: now,
      },
    ],
    // The unique (environment, event key) is a second guard behind the marker.
    skipDuplicates: true,
  });
  return true;
}
