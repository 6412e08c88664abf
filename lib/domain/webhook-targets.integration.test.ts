import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { updateAppSettings } from './admin-settings';
import { sendExpiryWarnings } from './expiry-warnings';
import { updateTeamSettings } from './teams';
import { createDomainFixture, type DomainFixture } from './testing/fixture';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver';
import type { Resolver } from './webhook-target';
import { deliverPendingWebhooks } from './webhooks';

/**
 * A lead points the team webhook at the server's own network. Addresses written out are
 * refused when saved; names are resolved at each delivery and refused when any address is
 * internal (also when DNS answers differently than before); only hosts an administrator
 * allow-lists get through, to the address that was checked. What leads read back is an
 * outcome, never a socket error that would tell open ports from closed ones.
 */

let fixture: DomainFixture;
let receiver: WebhookReceiver;
let port: number;
const SECRET = 'qa-webhook-secret-0123456789';

beforeAll(async () => {
  fixture = await createDomainFixture();
  receiver = await startWebhookReceiver((request) =>
    request.path === '/redirect' ? { status: 302, headers: { location: `${receiver.url}/followed` } } : 200,
  );
  port = Number(new URL(receiver.url).port);
});
afterAll(async () => {
  await receiver?.close();
  await fixture?.close();
});

const saveUrl = (webhookUrl: string) =>
  updateTeamSettings(fixture.context, fixture.actors.leadQa, { teamId: fixture.teams.qa.id, webhookUrl, webhookSecret: SECRET });

async function allowHosts(hosts: string[]) {
  await updateAppSettings(fixture.context, fixture.actors.admin, {
    maxTtlHours: 720,
    maxLeadProtectHours: 336,
    expiryWarningHours: 24,
    webhookAllowedHosts: hosts,
  });
}

/** Saves the URL as stored by an earlier version (no save-time check), warns, delivers with `resolve` as DNS. */
async function deliverTo(url: string, resolve: Resolver) {
  await fixture.prisma.team.update({ where: { id: fixture.teams.qa.id }, data: { webhookUrl: url } });
  await fixture.prisma.webhookDelivery.deleteMany();
  await fixture.prisma.lease.deleteMany();
  const environment = await fixture.prisma.environment.upsert({
    where: { id: 'webhook-target-env' },
    create: {
      id: 'webhook-target-env',
      name: 'qa_hooked',
      engineId: 'embedded',
      teamId: fixture.teams.qa.id,
      purpose: 'webhook target test',
      createdById: (await fixture.prisma.user.findFirstOrThrow()).id,
      status: 'ready',
      // Created a day ago: its last hour is inside the expiring-soon window.
      createdAt: new Date(Date.now() - 24 * 3_600_000),
      expiresAt: new Date(Date.now() + 3_600_000),
    },
    update: { expiresAt: new Date(Date.now() + 3_600_000 + Math.floor(Math.random() * 1000)) },
  });
  await sendExpiryWarnings(fixture.context, { holder: 'test' });
  await deliverPendingWebhooks(fixture.context, { resolve, timeoutMs: 2000 });
  return fixture.prisma.webhookDelivery.findFirstOrThrow({ where: { environmentId: environment.id } });
}

const resolvesTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: net.isIP(address) === 6 ? 6 : 4 }));

describe('webhook URLs naming internal addresses', () => {
  it('are refused when saved, in every spelling, and the team keeps its settings', async () => {
    const before = await fixture.prisma.team.findUniqueOrThrow({ where: { id: fixture.teams.qa.id } });
    const urls = [
      `http://127.0.0.1:${port}/hook`,
      'http://2130706433/',
      'http://0x7f000001/',
      'http://0177.0.0.1/',
      'http://127.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[0:0:0:0:0:ffff:7f00:1]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.5/',
      'http://192.168.1.1/',
      'http://[fe80::1]/',
      'http://224.0.0.1/',
      'http://0.0.0.0/',
      'http://localhost:9000/',
      'http://metadata.localhost/',
    ];
    for (const url of urls) {
      const error = await saveUrl(url).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect([url, isAppError(error) && error.code, isAppError(error) && Object.keys(error.fieldErrors ?? {})]).toEqual([
        url,
        'VALIDATION',
        ['webhookUrl'],
      ]);
    }
    expect(await fixture.prisma.team.findUniqueOrThrow({ where: { id: fixture.teams.qa.id } })).toEqual(before);
  });
});

describe('webhook deliveries', () => {
  it('refuse a name that resolves to an internal address at delivery time (DNS rebinding), sending nothing', async () => {
    await saveUrl(`http://hooks.rebind.test:${port}/rebound`);
    const delivery = await deliverTo(`http://hooks.rebind.test:${port}/rebound`, resolvesTo('127.0.0.1'));
    expect(delivery.status).toBe('failed');
    expect(delivery.lastError).toMatch(/^Refused: hooks\.rebind\.test is a loopback address/);
    expect(receiver.received.filter((request) => request.path === '/rebound')).toEqual([]);
  });

  it('refuse a name when any one of its addresses is internal', async () => {
    const delivery = await deliverTo(`http://mixed.example.test:${port}/mixed`, resolvesTo('93.184.215.14', '169.254.169.254'));
    expect([delivery.status, delivery.lastError]).toEqual(['failed', expect.stringMatching(/link-local/)]);
    expect(receiver.received.filter((request) => request.path === '/mixed')).toEqual([]);
  });

  it('reach an allow-listed host, connecting to the address that was checked (the name exists in no DNS)', async () => {
    await allowHosts(['hooks.internal.test']);
    await saveUrl(`http://hooks.internal.test:${port}/allowed`);
    const delivery = await deliverTo(`http://hooks.internal.test:${port}/allowed`, resolvesTo('127.0.0.1'));
    expect([delivery.status, delivery.lastError]).toEqual(['delivered', null]);
    const [request] = receiver.received.filter((entry) => entry.path === '/allowed');
    expect(request?.headers.host).toBe(`hooks.internal.test:${port}`);
  });

  it('do not follow redirects', async () => {
    await allowHosts(['127.0.0.1']);
    const delivery = await deliverTo(`${receiver.url}/redirect`, resolvesTo());
    expect(delivery.lastError).toBe('The receiver answered with a redirect (HTTP 302); redirects are not followed.');
    expect(receiver.received.filter((request) => request.path === '/followed')).toEqual([]);
  });

  it('record an outcome, not the socket error, for a closed port', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const delivery = await deliverTo(`http://127.0.0.1:${closedPort}/nothing`, resolvesTo());
    expect(delivery.lastError).toBe('Could not deliver to the receiver (no connection or an interrupted one).');
    const audit = await fixture.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'webhook.deliver', outcome: 'failure' },
      orderBy: { createdAt: 'desc' },
    });
    expect(audit.error).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:\d{2,5}/);
    expect(audit.error).toContain('Could not deliver to the receiver');
  });
});
