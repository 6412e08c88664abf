import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '@/lib/api/rate-limit';
import { callApi } from '@/lib/api/testing/call-api';
import { type AuditFilter, auditFilterInput, auditFilterSchema } from '@/lib/validations/audit';
import { TOKEN_PERMISSIONS } from './actor';
import { updateAppSettings } from './admin-settings';
import { recordAudit } from './audit';
import { AUDIT_PAGE_SIZE, auditEventBatches, listAuditEvents, listAuditFilterChoices } from './audit-log';
import { auditCsvLines } from './audit-log-csv';
import { extendEnvironment } from './environments/lifecycle';
import { provisionEnvironment } from './environments/provision';
import { sendExpiryWarnings } from './expiry-warnings';
import { reapExpired } from './reaper';
import { createDomainFixture, type DomainFixture } from './testing/fixture';
import { sealWebhookSecret } from './webhook-secrets';
import { allowLocalWebhooks, startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver';
import { createToken } from './tokens';
import { deliverPendingWebhooks } from './webhooks';
import { codeOf } from './testing/error-code';

let fixture: DomainFixture;
let receiver: WebhookReceiver;
let tokenId: string;

const HOUR = 3_600_000;
const filter = (input: Record<string, string> = {}): AuditFilter => auditFilterSchema.parse(input);

/** One of each kind of actor: the UI (a user), the REST API (a token), the reaper and the webhook deliverer (the system). */
beforeAll(async () => {
  fixture = await createDomainFixture();
  receiver = await startWebhookReceiver(() => 200);
  await allowLocalWebhooks(fixture.prisma);
  const { context, actors, teams } = fixture;
  await fixture.prisma.team.update({
    where: { id: teams.qa.id },
    data: { webhookUrl: `${receiver.url}/qa`, webhookSecret: sealWebhookSecret(context, teams.qa.id, 'a-long-enough-secret') },
  });

  const clone = await provisionEnvironment(
    context,
    actors.leadQa,
    {
      teamId: teams.qa.id,
      name: 'qa_audit',
      purpose: 'audit test',
      source: { kind: 'environment', environmentId: fixture.production.id },
      ttlHours: 2,
    },
    { wait: true },
  );
  await extendEnvironment(context, actors.leadQa, { environmentId: clone.id, ttlHours: 3 });

  const created = await createToken(context, actors.leadQa, {
    teamId: teams.qa.id,
    name: 'qa-ci',
    permissions: [...TOKEN_PERMISSIONS],
    expiresInDays: 30,
  });
  tokenId = created.token.id;
  const api = await callApi(
    { ...context, rateLimiter: new RateLimiter({ burst: 100, perMinute: 100 }) },
    {
      route: 'POST /api/v1/environments/{name}/extend',
      name: 'qa_audit',
      token: created.plaintext,
      body: { ttl: '4h' },
    },
  );
  expect(api.status).toBe(200);

  await fixture.engine.createDatabase('dev_expired');
  await fixture.prisma.environment.create({
    data: {
      name: 'dev_expired',
      engineId: 'embedded',
      teamId: teams.dev.id,
      purpose: 'expired',
      createdById: fixture.production.createdById,
      status: 'ready',
      expiresAt: new Date(Date.now() - HOUR),
    },
  });
  expect((await reapExpired(context, { holder: 'test' })).dropped).toEqual(['dev_expired']);

  // Twenty hours into its life, qa_audit's last four hours are inside its expiring-soon window.
  await fixture.prisma.environment.updateMany({ where: { name: 'qa_audit' }, data: { createdAt: new Date(Date.now() - 20 * HOUR) } });
  await sendExpiryWarnings(context, { holder: 'test' });
  expect((await deliverPendingWebhooks(context)).delivered).toHaveLength(1);

  await updateAppSettings(context, actors.admin, { maxTtlHours: 720, maxLeadProtectHours: 336, expiryWarningHours: 12 });
  await recordAudit(
    context,
    actors.leadQa,
    'environment.drop',
    { type: 'environment', name: '=HYPERLINK("http://evil.example","x")', teamId: teams.qa.id },
    { ok: false, error: new Error('boom, with "quotes"\nand a new line') },
  );
});
afterAll(async () => {
  await receiver?.close();
  await fixture?.close();
});

describe('what the audit log records', () => {
  it('has UI, API, reaper and webhook actions, each with its kind of actor', async () => {
    const { events } = await listAuditEvents(fixture.context, fixture.actors.admin, filter());
    const seen = (action: string, actorType: string, target: string) =>
      events.some(
        (event) => event.action === action && event.actorType === actorType && event.targetName === target && event.outcome === 'success',
      );
    expect(seen('environment.provision', 'user', 'qa_audit')).toBe(true);
    expect(seen('environment.extend', 'user', 'qa_audit')).toBe(true);
    expect(seen('environment.extend', 'token', 'qa_audit')).toBe(true);
    expect(seen('environment.expire', 'system', 'dev_expired')).toBe(true);
    expect(seen('environment.expiry_warning', 'system', 'qa_audit')).toBe(true);
    expect(seen('webhook.deliver', 'system', 'qa_audit environment.expiring')).toBe(true);
    expect(seen('settings.update', 'user', 'organisation')).toBe(true);
    const viaToken = events.find((event) => event.actorType === 'token')!;
    expect([viaToken.actorLabel, viaToken.team?.name]).toEqual([expect.stringContaining('qa-ci'), 'QA']);
  });
});

describe('who may read it', () => {
  it('shows an admin everything, organisation-wide events included', async () => {
    const page = await listAuditEvents(fixture.context, fixture.actors.admin, filter());
    expect(page.events.some((event) => event.team === null)).toBe(true);
    expect(new Set(page.events.map((event) => event.team?.name ?? null))).toEqual(new Set([null, 'QA', 'Dev']));
  });

  it('shows a lead only the teams they lead', async () => {
    const qa = await listAuditEvents(fixture.context, fixture.actors.leadQa, filter());
    expect(qa.total).toBeGreaterThan(0);
    expect(qa.events.every((event) => event.team?.id === fixture.teams.qa.id)).toBe(true);
    const dev = await listAuditEvents(fixture.context, fixture.actors.leadDev, filter());
    expect(dev.events.map((event) => event.targetName)).toEqual(['dev_expired']);
    // Asking for another team's events gives nothing, not that team's events.
    expect((await listAuditEvents(fixture.context, fixture.actors.leadDev, filter({ team: fixture.teams.qa.id }))).total).toBe(0);
    expect((await listAuditFilterChoices(fixture.context, fixture.actors.leadDev)).teams.map((team) => team.displayName)).toEqual(['Dev']);
  });

  it('refuses members and API tokens', async () => {
    expect(await codeOf(listAuditEvents(fixture.context, fixture.actors.qa, filter()))).toBe('FORBIDDEN');
    const token = {
      kind: 'token' as const,
      tokenId,
      teamId: fixture.teams.qa.id,
      permissions: TOKEN_PERMISSIONS,
      label: 'qa-ci',
      createdById: 'x',
      creator: { email: 'lead.qa@clonedeck.local', isAdmin: false, role: 'lead' as const },
    };
    expect(await codeOf(listAuditEvents(fixture.context, token, filter()))).toBe('FORBIDDEN');
  });
});

describe('filters and pages', () => {
  it('filters by team, actor, actor type, action prefix and time', async () => {
    const list = async (input: Record<string, string>) =>
      (await listAuditEvents(fixture.context, fixture.actors.admin, filter(input))).events;
    expect((await list({ team: fixture.teams.dev.id })).map((event) => event.action)).toEqual(['environment.expire']);
    expect((await list({ actorType: 'token' })).map((event) => event.action)).toEqual(['environment.extend']);
    expect((await list({ actor: 'LEAD.QA' })).every((event) => event.actorLabel === 'lead.qa@clonedeck.local')).toBe(true);
    expect(
      (await list({ actor: fixture.actors.admin.kind === 'user' ? fixture.actors.admin.userId : '' })).map((event) => event.action),
    ).toEqual(['settings.update']);
    expect((await list({ action: 'webhook.' })).map((event) => event.action)).toEqual(['webhook.deliver']);
    const settingsDay = (await list({ action: 'settings.' }))[0]!.createdAt.slice(0, 10);
    expect((await list({ from: settingsDay, to: settingsDay })).length).toBeGreaterThan(5);
    expect(await list({ from: '2000-01-01', to: '2000-01-01T23:59' })).toEqual([]);
  });

  it('rejects malformed filters', () => {
    expect(auditFilterSchema.safeParse({ from: 'yesterday' }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: '2026-02-30' }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: '2026-05-02', to: '2026-05-01' }).success).toBe(false);
    expect(auditFilterSchema.parse(auditFilterInput(new URLSearchParams('page=abc&actorType=')))).toMatchObject({
      page: 1,
      actorType: undefined,
    });
  });

  it('pages newest first and exports every row through the batches', async () => {
    const base = Date.now() - 2 * HOUR;
    await fixture.prisma.auditEvent.createMany({
      data: Array.from({ length: 620 }, (_, index) => ({
        actorType: 'system' as const,
        actorLabel: 'system',
        action: 'bulk.test',
        targetType: 'environment',
        targetName: `bulk_${index}`,
        teamId: fixture.teams.qa.id,
        outcome: 'success' as const,
        createdAt: new Date(base + index * 1000),
      })),
    });
    const first = await listAuditEvents(fixture.context, fixture.actors.leadQa, filter({ action: 'bulk.' }));
    expect([first.total, first.pageCount, first.events.length, first.events[0]?.targetName]).toEqual([
      620,
      13,
      AUDIT_PAGE_SIZE,
      'bulk_619',
    ]);
    const last = await listAuditEvents(fixture.context, fixture.actors.leadQa, filter({ action: 'bulk.', page: '99' }));
    expect([last.page, last.events.length, last.events.at(-1)?.targetName]).toEqual([13, 20, 'bulk_0']);
    const exported: string[] = [];
    for await (const batch of auditEventBatches(fixture.context, fixture.actors.leadQa, filter({ action: 'bulk.' }))) {
      exported.push(...batch.map((event) => event.targetName));
    }
    expect(exported).toHaveLength(620);
    expect(new Set(exported).size).toBe(620);
  });
});

describe('CSV export', () => {
  it('escapes fields and neutralises formulas', async () => {
    let csv = '';
    for await (const line of auditCsvLines(
      auditEventBatches(fixture.context, fixture.actors.leadQa, filter({ action: 'environment.drop' })),
    ))
      csv += line;
    const [header, row, end] = csv.split('\r\n');
    expect(header).toBe('time_utc,actor_type,actor,action,target_type,target,team,outcome,error');
    expect(row).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z,user,lead\.qa@clonedeck\.local,environment\.drop,environment,/);
    expect(row).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",QA,failure,"INTERNAL: boom, with ""quotes""\nand a new line"`);
    expect(end).toBe('');
  });
});
