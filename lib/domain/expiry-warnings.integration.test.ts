import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment, Prisma } from '@/lib/generated/prisma/client';
import { userActor } from './actor';
import { extendEnvironment } from './environments/lifecycle';
import { sendExpiryWarnings } from './expiry-warnings';
import { createReplicaPair, type ReplicaPair } from './testing/replicas';
import { allowLocalWebhooks, startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './testing/webhook-receiver';
import { sealWebhookSecret } from './webhook-secrets';
import { deliverPendingWebhooks, retryDelayMs } from './webhooks';

const SECRET = 'qa-team-webhook-secret-0123456789';
const DEV_SECRET = 'dev-team-webhook-secret-9876543210';
const HOUR = 3_600_000;

let pair: ReplicaPair;
let receiver: WebhookReceiver;

beforeAll(async () => {
  pair = await createReplicaPair();
  receiver = await startWebhookReceiver((request, before) => {
    if (request.path === '/flaky') return before < 2 ? 500 : 204;
    if (request.path === '/down') return 503;
    if (request.path === '/hang') return null;
    return 200;
  });
  await allowLocalWebhooks(pair.prisma);
  await pair.prisma.team.update({
    where: { id: pair.teams.qa.id },
    data: { webhookUrl: `${receiver.url}/hooks`, webhookSecret: sealWebhookSecret(pair.replicas[0], pair.teams.qa.id, SECRET) },
  });
});
afterAll(async () => {
  await receiver?.close();
  await pair?.close();
});

async function environment(name: string, data: Partial<Prisma.EnvironmentUncheckedCreateInput>): Promise<Environment> {
  return pair.prisma.environment.create({
    data: {
      name,
      engineId: 'embedded',
      teamId: pair.teams.qa.id,
      purpose: `warning test ${name}`,
      createdById: pair.users.qa.id,
      status: 'ready',
      // Created long ago: the warning window, not 20 % of the lifetime, decides.
      createdAt: inHours(-400),
      ...data,
    },
  });
}

const inHours = (hours: number) => new Date(pair.clock.now().getTime() + hours * HOUR);

/** Both replicas at once: warnings, then deliveries. */
async function racePasses(rounds = 3) {
  const [first, second] = pair.replicas;
  for (let round = 0; round < rounds; round++) {
    await Promise.all([
      sendExpiryWarnings(first, { holder: 'replica-a', dashboardUrl: 'https://clonedeck.example' }),
      sendExpiryWarnings(second, { holder: 'replica-b', dashboardUrl: 'https://clonedeck.example' }),
    ]);
    await Promise.all([deliverPendingWebhooks(first), deliverPendingWebhooks(second)]);
  }
}

/** Verified here with node:crypto directly, as a receiver would. */
function signatureValid(secret: string, request: ReceivedWebhook): boolean {
  const expected = `sha256=${crypto.createHmac('sha256', secret).update(request.body).digest('hex')}`;
  const given = String(request.headers['x-clonedeck-signature'] ?? '');
  return given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

const posts = (path: string) => receiver.received.filter((request) => request.path === path);
const payloadOf = (request: ReceivedWebhook) =>
  JSON.parse(request.body) as { event: string; environment: Record<string, string>; sentAt: string };

describe('expiry warnings with two replicas racing', () => {
  let warnA: Environment;

  beforeAll(async () => {
    warnA = await environment('warn_a', { expiresAt: inHours(2) });
    await environment('warn_b', { expiresAt: inHours(20) });
    await environment('later_c', { expiresAt: inHours(48) });
    await environment('expired_e', { expiresAt: inHours(-1) });
    await environment('dev_d', { expiresAt: inHours(3), teamId: pair.teams.dev.id, createdById: pair.users.leadDev.id });
  });

  it('delivers one signed POST per environment, whatever the number of passes and replicas', async () => {
    await racePasses();
    const hooks = posts('/hooks');
    expect(hooks.map((request) => payloadOf(request).environment.name).sort()).toEqual(['warn_a', 'warn_b']);
    const deliveries = await pair.prisma.webhookDelivery.findMany({ include: { environment: true } });
    expect(deliveries).toHaveLength(2);
    for (const request of hooks) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-clonedeck-event']).toBe('environment.expiring');
      expect(signatureValid(SECRET, request)).toBe(true);
      expect(signatureValid('another secret', request)).toBe(false);
      expect(signatureValid(SECRET, { ...request, body: request.body.replace('warn_', 'warm_') })).toBe(false);
      const payload = payloadOf(request);
      const delivery = deliveries.find((row) => row.environment.name === payload.environment.name)!;
      expect(request.headers['x-clonedeck-delivery']).toBe(delivery.id);
      expect(payload).toEqual({
        event: 'environment.expiring',
        environment: {
          name: delivery.environment.name,
          team: 'qa',
          purpose: delivery.environment.purpose,
          expiresAt: delivery.environment.expiresAt!.toISOString(),
          url: `https://clonedeck.example/environments/${delivery.environmentId}`,
        },
        sentAt: expect.any(String),
      });
      expect([delivery.status, delivery.attempts, delivery.deliveredAt !== null, delivery.lastError]).toEqual(['delivered', 1, true, null]);
    }
  });

  it('notifies the creator and the team leads once, also without a webhook', async () => {
    const notes = await pair.prisma.notification.findMany({ where: { kind: 'expiry_warning' }, include: { environment: true } });
    const recipients = (name: string) =>
      notes
        .filter((note) => note.environment?.name === name)
        .map((note) => note.userId)
        .sort();
    expect(recipients('warn_a')).toEqual([pair.users.qa.id, pair.users.leadQa.id].sort());
    expect(recipients('warn_b')).toEqual([pair.users.qa.id, pair.users.leadQa.id].sort());
    expect(recipients('dev_d')).toEqual([pair.users.leadDev.id]);
    expect(notes).toHaveLength(5);
  });

  it('audits the warnings and the deliveries as the system', async () => {
    const events = await pair.prisma.auditEvent.findMany({ where: { action: { in: ['environment.expiry_warning', 'webhook.deliver'] } } });
    expect(
      events
        .filter((event) => event.action === 'environment.expiry_warning')
        .map((event) => event.targetName)
        .sort(),
    ).toEqual(['dev_d', 'warn_a', 'warn_b']);
    expect(events.filter((event) => event.action === 'webhook.deliver')).toHaveLength(2);
    expect(events.every((event) => event.actorType === 'system' && event.outcome === 'success')).toBe(true);
  });

  it('warns again when an extension moves the expiry, once for the new expiry', async () => {
    const newExpiry = await extendEnvironment(pair.replicas[0], userActor(pair.users.leadQa), { environmentId: warnA.id, ttlHours: 5 });
    await racePasses();
    const forA = posts('/hooks').filter((request) => payloadOf(request).environment.name === 'warn_a');
    expect(forA.map((request) => payloadOf(request).environment.expiresAt)).toEqual([
      warnA.expiresAt!.toISOString(),
      newExpiry!.toISOString(),
    ]);
    expect(forA.every((request) => signatureValid(SECRET, request))).toBe(true);
    const deliveries = await pair.prisma.webhookDelivery.findMany({ where: { environmentId: warnA.id }, orderBy: { createdAt: 'asc' } });
    expect(deliveries.map((row) => row.event)).toEqual([
      `environment.expiring@${warnA.expiresAt!.toISOString()}`,
      `environment.expiring@${newExpiry!.toISOString()}`,
    ]);
    expect(await pair.prisma.notification.count({ where: { kind: 'expiry_warning', environmentId: warnA.id } })).toBe(4);
  });
});

describe('webhook retries', () => {
  it('retries a failing receiver with backoff and records every attempt', async () => {
    await pair.prisma.team.update({
      where: { id: pair.teams.dev.id },
      data: { webhookUrl: `${receiver.url}/flaky`, webhookSecret: sealWebhookSecret(pair.replicas[0], pair.teams.dev.id, DEV_SECRET) },
    });
    const flaky = await environment('flaky_f', { expiresAt: inHours(2), teamId: pair.teams.dev.id, createdById: pair.users.leadDev.id });
    const [first, second] = pair.replicas;
    await sendExpiryWarnings(first, { holder: 'replica-a' });
    const row = () => pair.prisma.webhookDelivery.findFirstOrThrow({ where: { environmentId: flaky.id } });

    expect((await deliverPendingWebhooks(first)).retrying).toHaveLength(1);
    const afterFirst = await row();
    expect([afterFirst.status, afterFirst.attempts, afterFirst.lastError]).toEqual(['pending', 1, 'The receiver answered HTTP 500.']);
    expect(afterFirst.nextAttemptAt!.getTime() - pair.clock.now().getTime()).toBeGreaterThan(retryDelayMs(1) - 5_000);

    await Promise.all([deliverPendingWebhooks(first), deliverPendingWebhooks(second)]);
    expect(posts('/flaky')).toHaveLength(1);

    pair.clock.advance(retryDelayMs(1) + 1_000);
    await Promise.all([deliverPendingWebhooks(first), deliverPendingWebhooks(second)]);
    const afterSecond = await row();
    expect([afterSecond.status, afterSecond.attempts, posts('/flaky').length]).toEqual(['pending', 2, 2]);
    expect(afterSecond.nextAttemptAt!.getTime() - pair.clock.now().getTime()).toBeGreaterThan(retryDelayMs(2) - 5_000);

    pair.clock.advance(retryDelayMs(2) + 1_000);
    await Promise.all([deliverPendingWebhooks(first), deliverPendingWebhooks(second)]);
    const delivered = await row();
    expect([delivered.status, delivered.attempts, delivered.deliveredAt !== null, delivered.lastError]).toEqual([
      'delivered',
      3,
      true,
      null,
    ]);
    const sent = posts('/flaky');
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((request) => request.headers['x-clonedeck-delivery']))).toEqual(new Set([delivered.id]));
    expect(new Set(sent.map((request) => request.body)).size).toBe(1);
    expect(sent.every((request) => signatureValid(DEV_SECRET, request))).toBe(true);

    const audit = await pair.prisma.auditEvent.findMany({
      where: { action: 'webhook.deliver', targetName: 'flaky_f environment.expiring' },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((event) => [event.actorType, event.outcome])).toEqual([
      ['system', 'failure'],
      ['system', 'failure'],
      ['system', 'success'],
    ]);
    expect(audit[0]?.error).toContain('HTTP 500');
  });

  it('gives up after the last attempt, and records why', async () => {
    const team = pair.teams['data-science'];
    await pair.prisma.team.update({
      where: { id: team.id },
      data: { webhookUrl: `${receiver.url}/down`, webhookSecret: sealWebhookSecret(pair.replicas[0], team.id, SECRET) },
    });
    const down = await environment('down_g', { expiresAt: inHours(2), teamId: team.id });
    const [first] = pair.replicas;
    await sendExpiryWarnings(first, { holder: 'replica-a' });
    await deliverPendingWebhooks(first, { maxAttempts: 2 });
    pair.clock.advance(retryDelayMs(1) + 1_000);
    expect((await deliverPendingWebhooks(first, { maxAttempts: 2 })).failed).toHaveLength(1);
    pair.clock.advance(HOUR);
    await deliverPendingWebhooks(first, { maxAttempts: 2 });
    const delivery = await pair.prisma.webhookDelivery.findFirstOrThrow({ where: { environmentId: down.id } });
    expect([delivery.status, delivery.attempts, delivery.nextAttemptAt, delivery.lastError]).toEqual([
      'failed',
      2,
      null,
      'The receiver answered HTTP 503.',
    ]);
    expect(posts('/down')).toHaveLength(2);
  });

  it('counts a receiver that does not answer in time as a failed attempt', async () => {
    const team = pair.teams['data-science'];
    await pair.prisma.team.update({ where: { id: team.id }, data: { webhookUrl: `${receiver.url}/hang` } });
    const hang = await environment('hang_h', { expiresAt: inHours(2), teamId: team.id });
    const [first] = pair.replicas;
    await sendExpiryWarnings(first, { holder: 'replica-a' });
    expect((await deliverPendingWebhooks(first, { timeoutMs: 300 })).retrying).toHaveLength(1);
    const delivery = await pair.prisma.webhookDelivery.findFirstOrThrow({ where: { environmentId: hang.id } });
    expect([delivery.status, delivery.attempts, delivery.lastError]).toEqual(['pending', 1, 'The receiver did not answer within 0.3 s.']);
  });
});
