import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendExpiryWarnings } from './expiry-warnings';
import { createDomainFixture, type DomainFixture } from './testing/fixture';
import { allowLocalWebhooks, startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver';
import { sealPlainWebhookSecrets, UNREADABLE_SECRET_MESSAGE } from './webhook-secrets';
import { verifyWebhookSignature } from './webhook-signature';
import { deliverPendingWebhooks } from './webhooks';

/**
 * Webhook secrets at rest: an earlier version's plain value is sealed at start and still
 * signs; a copy of the database under another server secret signs nothing.
 */

const PLAIN = 'legacy-plain-webhook-secret';
let fixture: DomainFixture;
let receiver: WebhookReceiver;

beforeAll(async () => {
  fixture = await createDomainFixture();
  receiver = await startWebhookReceiver(() => 200);
  await allowLocalWebhooks(fixture.prisma);
});
afterAll(async () => {
  await receiver?.close();
  await fixture?.close();
});

async function expiringEnvironment(name: string, teamId: string) {
  const team = await fixture.prisma.team.findUniqueOrThrow({ where: { id: teamId } });
  return fixture.prisma.environment.create({
    data: {
      name,
      engineId: 'embedded',
      teamId: team.id,
      purpose: 'sealed secret test',
      createdById: (await fixture.prisma.user.findFirstOrThrow()).id,
      status: 'ready',
      // Created a day ago: its last hour is inside the expiring-soon window.
      createdAt: new Date(Date.now() - 24 * 3_600_000),
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
}

describe('webhook secrets stored by an earlier version', () => {
  it('are sealed once at start, and deliveries still sign with the same secret', async () => {
    const qa = fixture.teams.qa;
    await fixture.prisma.team.update({ where: { id: qa.id }, data: { webhookUrl: `${receiver.url}/qa`, webhookSecret: PLAIN } });

    expect(await sealPlainWebhookSecrets(fixture.context)).toBe(1);
    expect(await sealPlainWebhookSecrets(fixture.context)).toBe(0);
    const stored = (await fixture.prisma.team.findUniqueOrThrow({ where: { id: qa.id } })).webhookSecret!;
    expect(stored).toMatch(/^sealed:v1:/);
    expect(stored).not.toContain(PLAIN);

    await expiringEnvironment('qa_sealed', qa.id);
    await sendExpiryWarnings(fixture.context, { holder: 'test' });
    await deliverPendingWebhooks(fixture.context);
    const [request] = receiver.received.filter((entry) => entry.path === '/qa');
    expect(request).toBeDefined();
    expect(verifyWebhookSignature(PLAIN, request!.body, String(request!.headers['x-clonedeck-signature']))).toBe(true);
  });

  it('sign nothing for a server with another secret (a copied database): the delivery fails, saying why', async () => {
    const dev = fixture.teams.dev;
    await fixture.prisma.team.update({ where: { id: dev.id }, data: { webhookUrl: `${receiver.url}/dev`, webhookSecret: PLAIN } });
    await sealPlainWebhookSecrets(fixture.context);
    const otherServer = { ...fixture.context, serverSecret: () => 'a-different-server-secret-0123456789' };
    await expiringEnvironment('dev_sealed', dev.id);
    await sendExpiryWarnings(otherServer, { holder: 'other' });
    await deliverPendingWebhooks(otherServer);
    expect(receiver.received.filter((entry) => entry.path === '/dev')).toEqual([]);
    const delivery = await fixture.prisma.webhookDelivery.findFirstOrThrow({ where: { teamId: dev.id } });
    expect([delivery.status, delivery.lastError]).toEqual(['failed', UNREADABLE_SECRET_MESSAGE]);
  });
});
