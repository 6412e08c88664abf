import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { provisionEnvironment } from './environments/provision';
import { getTeamDetail, listTeamSummaries, updateTeamSettings } from './teams';
import { createDomainFixture, type DomainFixture } from './testing/fixture';
import { openWebhookSecret } from './webhook-secrets';

let fixture: DomainFixture;

beforeAll(async () => {
  fixture = await createDomainFixture();
});
afterAll(async () => {
  await fixture?.close();
});

async function failure(work: Promise<unknown>): Promise<{ code: string; fieldErrors: Record<string, string[]> }> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, fieldErrors: error.fieldErrors ?? {} };
    throw error;
  }
  return { code: 'no error', fieldErrors: {} };
}

const update = (actor: keyof DomainFixture['actors'], team: keyof DomainFixture['teams'], change: object) =>
  updateTeamSettings(fixture.context, fixture.actors[actor], { teamId: fixture.teams[team].id, ...change });

const stored = (team: keyof DomainFixture['teams']) => fixture.prisma.team.findUniqueOrThrow({ where: { id: fixture.teams[team].id } });

describe('changing team settings', () => {
  it("lets a lead change their team's default expiry and webhook, keeping the secret write-only", async () => {
    const view = await update('leadQa', 'qa', {
      defaultTtlHours: 48,
      webhookUrl: 'https://hooks.example.com/qa',
      webhookSecret: 'qa-webhook-secret-1',
    });
    expect(view).toMatchObject({ defaultTtlHours: 48, webhookUrl: 'https://hooks.example.com/qa', webhookSecretSet: true });
    expect(JSON.stringify(view)).not.toContain('qa-webhook-secret-1');
    const row = await stored('qa');
    expect(row.defaultTtlHours).toBe(48);
    // Sealed with the server's secret: the database alone does not give it away.
    expect(row.webhookSecret).toMatch(/^sealed:v1:/);
    expect(row.webhookSecret).not.toContain('qa-webhook-secret-1');
    expect(openWebhookSecret(fixture.context, row)).toEqual({ kind: 'open', secret: 'qa-webhook-secret-1' });
    await update('leadQa', 'qa', { webhookUrl: '' });
    expect(await stored('qa')).toMatchObject({ webhookUrl: null, webhookSecret: row.webhookSecret });
    await update('leadQa', 'qa', { webhookSecret: null });
    expect((await stored('qa')).webhookSecret).toBeNull();
  });

  it('refuses quotas to a lead, members, and other teams', async () => {
    expect((await failure(update('leadQa', 'qa', { maxEnvironments: 50 }))).code).toBe('FORBIDDEN');
    expect((await failure(update('leadQa', 'qa', { defaultTtlHours: 24, maxOwnBytes: null }))).code).toBe('FORBIDDEN');
    expect((await failure(update('qa', 'qa', { defaultTtlHours: 24 }))).code).toBe('FORBIDDEN');
    expect((await failure(update('leadQa', 'dev', { defaultTtlHours: 24 }))).code).toBe('NOT_FOUND');
    expect((await failure(update('leadQa', 'qa', { teamId: 'no-such-team' }))).code).toBe('NOT_FOUND');
    expect(await stored('qa')).toMatchObject({ maxEnvironments: 10, maxOwnBytes: null, defaultTtlHours: 48 });
    expect((await stored('dev')).defaultTtlHours).toBe(168);
  });

  it('lets an admin set quotas and everything else', async () => {
    const view = await update('admin', 'dev', { maxEnvironments: 2, maxOwnBytes: 64 * 1024 * 1024, defaultTtlHours: 72 });
    expect(view).toMatchObject({ maxEnvironments: 2, maxOwnBytes: 64 * 1024 * 1024, defaultTtlHours: 72 });
    expect((await stored('dev')).maxOwnBytes).toBe(64n * 1024n * 1024n);
    await update('admin', 'dev', { maxOwnBytes: null });
    expect((await stored('dev')).maxOwnBytes).toBeNull();
  });

  it('refuses invalid values with field errors', async () => {
    const invalid = await failure(
      update('admin', 'dev', { defaultTtlHours: 0, maxEnvironments: -1, webhookUrl: 'ftp://x', webhookSecret: 'short' }),
    );
    expect(invalid.code).toBe('VALIDATION');
    expect(Object.keys(invalid.fieldErrors).sort()).toEqual(['defaultTtlHours', 'maxEnvironments', 'webhookSecret', 'webhookUrl']);
    const overMaximum = await failure(update('leadDev', 'dev', { defaultTtlHours: 24 * 365 }));
    expect(overMaximum.code).toBe('VALIDATION');
    expect(overMaximum.fieldErrors.defaultTtlHours?.[0]).toMatch(/at most 720 hours/);
  });

  it('audits successes and refusals without the secret', async () => {
    const events = await fixture.prisma.auditEvent.findMany({ where: { action: 'team.update' }, orderBy: { createdAt: 'asc' } });
    expect(events.filter((event) => event.outcome === 'success').map((event) => `${event.actorLabel}:${event.targetName}`)).toEqual([
      'lead.qa@clonedeck.local:qa',
      'lead.qa@clonedeck.local:qa',
      'lead.qa@clonedeck.local:qa',
      'admin@clonedeck.local:dev',
      'admin@clonedeck.local:dev',
    ]);
    expect(events.filter((event) => event.outcome === 'failure')).toHaveLength(7);
    expect(events[0]!.details).toEqual({ defaultTtlHours: '168 → 48', webhookUrl: 'set', webhookSecret: 'set' });
    expect(JSON.stringify(events)).not.toContain('qa-webhook-secret-1');
  });
});

describe('reading teams', () => {
  it("shows a team's environments, delta and members; hides it from outsiders", async () => {
    await provisionEnvironment(
      fixture.context,
      fixture.actors.leadQa,
      {
        teamId: fixture.teams.qa.id,
        name: 'qa_run',
        purpose: 'regression run',
        source: { kind: 'environment', environmentId: fixture.production.id },
      },
      { wait: true },
    );
    const detail = await getTeamDetail(fixture.context, fixture.actors.qa, fixture.teams.qa.id);
    expect(detail.environments.map((environment) => environment.name)).toEqual(['qa_run']);
    expect(detail.usage).toMatchObject({ environmentCount: 1, maxEnvironments: 10, unreportedCount: 0 });
    expect(detail.usage.ownBytes).toBe(detail.environments[0]!.ownBytes);
    expect(detail.members.map((member) => [member.email, member.role])).toEqual([
      ['lead.qa@clonedeck.local', 'lead'],
      ['qa@clonedeck.local', 'member'],
    ]);
    expect(detail.viewer).toMatchObject({ canEditDefaults: false, canEditQuotas: false });
    expect(detail.settings.webhookUrl).toBeNull();
    expect((await failure(getTeamDetail(fixture.context, fixture.actors.leadDev, fixture.teams.qa.id))).code).toBe('NOT_FOUND');
  });

  it('lists the teams a user belongs to, and all of them for an admin', async () => {
    const names = async (actor: keyof DomainFixture['actors']) =>
      (await listTeamSummaries(fixture.context, fixture.actors[actor])).map((team) => team.name);
    expect(await names('leadQa')).toEqual(['qa']);
    expect(await names('admin')).toEqual(['data-science', 'dev', 'qa']);
    const qa = (await listTeamSummaries(fixture.context, fixture.actors.admin)).find((team) => team.name === 'qa')!;
    expect(qa).toMatchObject({ memberCount: 2, usage: { environmentCount: 1 }, viewer: { canEditQuotas: true } });
  });
});
