import type { Prisma } from '@/lib/generated/prisma/client';
import { isHttpUrl } from '@/lib/validations/webhooks';
import { SYSTEM_ACTOR } from './actor';
import { recordAudit } from './audit';
import type { DomainContext } from './context';
import { getSettings } from './settings';
import { postToTarget } from './webhook-http';
import { type Resolver, resolveWebhookTarget } from './webhook-target';
import { openWebhookSecret, UNREADABLE_SECRET_MESSAGE } from './webhook-secrets';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  canonicalJson,
  eventNameOfKey,
  signWebhookBody,
  signatureHeaderValue,
} from './webhook-signature';

/**
 * Sends recorded webhook deliveries to public addresses only (webhook-target.ts), retrying failures with exponential backoff (30 s, 2 min,
 * 8 min, 32 min, ~2 h) until MAX_ATTEMPTS, then marks them failed. Each attempt is claimed
 * atomically (compare-and-set on the attempt count, pushing the next attempt past the
 * request's time limit), so replicas never send one attempt twice; a replica that dies
 * mid-request leaves the delivery to be retried once that claim runs out. Receivers should
 * still treat X-Clonedeck-Delivery as an idempotency key: a crash after the POST but before
 * the result is recorded means one more send.
 */

export const MAX_ATTEMPTS = 6;
const FIRST_RETRY_MS = 30_000;
const BACKOFF_FACTOR = 4;
const DEFAULT_TIMEOUT_MS = 10_000;
/** A claimed attempt is left alone this long: well past the request's time limit. */
const CLAIM_MS = 2 * 60_000;
const BATCH = 50;

export interface DeliveryOptions {
  timeoutMs?: number;
  maxAttempts?: number;
  /** How host names are resolved (tests stand in for DNS); the system resolver by default. */
  resolve?: Resolver;
}

export interface DeliveryReport {
  delivered: string[];
  retrying: string[];
  failed: string[];
}

/** How long after failed attempt number `attempt` (1-based) the next one is due. */
export function retryDelayMs(attempt: number): number {
  return FIRST_RETRY_MS * BACKOFF_FACTOR ** (attempt - 1);
}

const DELIVERY_INCLUDE = {
  team: { select: { id: true, name: true, webhookUrl: true, webhookSecret: true } },
  environment: { select: { name: true } },
} as const;
type DueDelivery = Prisma.WebhookDeliveryGetPayload<{ include: typeof DELIVERY_INCLUDE }>;

type AttemptOutcome = { ok: true; httpStatus: number } | { ok: false; error: string; httpStatus?: number; final?: boolean };

export async function deliverPendingWebhooks(context: DomainContext, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: [], retrying: [], failed: [] };
  const now = context.now();
  const { webhookAllowedHosts } = await getSettings(context);
  const due = await context.prisma.webhookDelivery.findMany({
    where: { status: 'pending', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
    include: DELIVERY_INCLUDE,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: BATCH,
  });
  for (const delivery of due) {
    if (!(await claimAttempt(context, delivery))) continue;
    const attempt = delivery.attempts + 1;
    const outcome = await attemptDelivery(context, delivery, { ...options, allowedHosts: webhookAllowedHosts });
    const status = await recordOutcome(context, delivery, attempt, outcome, options.maxAttempts ?? MAX_ATTEMPTS);
    report[status === 'delivered' ? 'delivered' : status === 'failed' ? 'failed' : 'retrying'].push(delivery.id);
  }
  return report;
}

async function claimAttempt(context: DomainContext, delivery: DueDelivery): Promise<boolean> {
  const now = context.now();
  const claimed = await context.prisma.webhookDelivery.updateMany({
    where: { id: delivery.id, status: 'pending', attempts: delivery.attempts },
    data: { attempts: delivery.attempts + 1, nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
  });
  return claimed.count === 1;
}

/** POSTs the canonical body, signed with the team's current secret (a rotated secret signs retries). */
interface AttemptOptions extends DeliveryOptions {
  allowedHosts: readonly string[];
}

async function attemptDelivery(
  context: DomainContext,
  delivery: DueDelivery,
  options: AttemptOptions,
): Promise<AttemptOutcome & { signature?: string }> {
  const { webhookUrl } = delivery.team;
  if (!webhookUrl || !isHttpUrl(webhookUrl))
    return { ok: false, final: true, error: 'The team has no valid http(s) webhook URL any more.' };
  const secret = openWebhookSecret(context, delivery.team);
  if (secret.kind === 'none') return { ok: false, final: true, error: 'The team has no webhook secret any more.' };
  if (secret.kind === 'unreadable') return { ok: false, final: true, error: UNREADABLE_SECRET_MESSAGE };
  const body = canonicalJson(delivery.payload);
  const signature = signWebhookBody(secret.secret, body);
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'Clonedeck-Webhooks/1',
    [SIGNATURE_HEADER]: signatureHeaderValue(signature),
    [EVENT_HEADER]: eventNameOfKey(delivery.event),
    [DELIVERY_HEADER]: delivery.id,
  };
  // Resolved and checked for this attempt; the POST goes to the checked address (no DNS rebinding).
  const decision = await resolveWebhookTarget(webhookUrl, options.allowedHosts, options.resolve);
  if (!decision.ok) return { ok: false, final: decision.final, error: decision.reason };
  return { ...(await postToTarget(decision.target, body, headers, options.timeoutMs ?? DEFAULT_TIMEOUT_MS)), signature };
}

async function recordOutcome(
  context: DomainContext,
  delivery: DueDelivery,
  attempt: number,
  outcome: AttemptOutcome & { signature?: string },
  maxAttempts: number,
): Promise<'delivered' | 'pending' | 'failed'> {
  const now = context.now();
  const giveUp = !outcome.ok && (outcome.final === true || attempt >= maxAttempts);
  const status = outcome.ok ? 'delivered' : giveUp ? 'failed' : 'pending';
  await context.prisma.webhookDelivery.update({
    where: { id: delivery.id },
    data: {
      status,
      signature: outcome.signature ?? delivery.signature,
      deliveredAt: outcome.ok ? now : null,
      lastError: outcome.ok ? null : outcome.error,
      nextAttemptAt: status === 'pending' ? new Date(now.getTime() + retryDelayMs(attempt)) : null,
    },
  });
  const target = {
    type: 'webhook' as const,
    name: `${delivery.environment.name} ${eventNameOfKey(delivery.event)}`,
    teamId: delivery.teamId,
  };
  const details = { deliveryId: delivery.id, attempt, status, ...(outcome.httpStatus ? { httpStatus: outcome.httpStatus } : {}) };
  await recordAudit(
    context,
    SYSTEM_ACTOR,
    'webhook.deliver',
    target,
    outcome.ok ? { ok: true } : { ok: false, error: new Error(outcome.error) },
    details,
  );
  return status;
}
