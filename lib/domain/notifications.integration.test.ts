import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '@/lib/generated/prisma/client';
import { SYSTEM_ACTOR } from './actor';
import { getSettingsForAdmin, updateAppSettings } from './admin-settings';
import { getSettings } from './settings';
import { sendExpiryWarnings } from './expiry-warnings';
import { countUnreadNotifications, getNotificationSummary, listNotifications, markNotificationsRead } from './notifications';
import { createDomainFixture, type DomainFixture } from './testing/fixture';
import { codeOf } from './testing/error-code';

let fixture: DomainFixture;
let soon: Environment;

beforeAll(async () => {
  fixture = await createDomainFixture();
  const qaUser = await fixture.prisma.user.findUniqueOrThrow({ where: { email: 'qa@clonedeck.local' } });
  // Created long ago, so the warning window (not 20 % of the lifetime) is the shorter one.
  const row = (name: string, hours: number) =>
    fixture.prisma.environment.create({
      data: {
        createdAt: new Date(Date.now() - 400 * 3_600_000),
        name,
        engineId: 'embedded',
        teamId: fixture.teams.qa.id,
        purpose: 'notify test',
        createdById: qaUser.id,
        status: 'ready',
        expiresAt: new Date(Date.now() + hours * 3_600_000),
      },
    });
  soon = await row('qa_soon', 2);
  await row('qa_later', 30);
});
afterAll(async () => {
  await fixture?.close();
});

describe('notifications', () => {
  it('lists a user their own notifications, newest first, with the environment to link to', async () => {
    await sendExpiryWarnings(fixture.context, { holder: 'test' });
    const forQa = await listNotifications(fixture.context, fixture.actors.qa);
    expect(forQa.map((note) => [note.kind, note.environment?.name, note.read])).toEqual([['expiry_warning', 'qa_soon', false]]);
    expect(forQa[0]?.environment).toEqual({ id: soon.id, name: 'qa_soon', live: true });
    expect(forQa[0]?.resolution).toBeNull();
    expect(await listNotifications(fixture.context, fixture.actors.leadDev)).toEqual([]);
    expect((await getNotificationSummary(fixture.context, fixture.actors.leadQa)).unreadCount).toBe(1);
  });

  it('follows the warning-time setting: a longer warning reaches the later environment', async () => {
    await updateAppSettings(fixture.context, fixture.actors.admin, { ...(await getSettings(fixture.context)), expiryWarningHours: 48 });
    await sendExpiryWarnings(fixture.context, { holder: 'test' });
    await sendExpiryWarnings(fixture.context, { holder: 'test' });
    expect((await listNotifications(fixture.context, fixture.actors.qa)).map((note) => note.environment?.name)).toEqual([
      'qa_later',
      'qa_soon',
    ]);
  });

  it('marks read only the caller’s notifications', async () => {
    const [latest] = await listNotifications(fixture.context, fixture.actors.qa);
    const leadsNotes = await listNotifications(fixture.context, fixture.actors.leadQa);
    expect(await markNotificationsRead(fixture.context, fixture.actors.qa, [latest!.id, ...leadsNotes.map((note) => note.id)])).toBe(1);
    expect(await countUnreadNotifications(fixture.context, fixture.actors.qa)).toBe(1);
    expect(await countUnreadNotifications(fixture.context, fixture.actors.leadQa)).toBe(2);
    expect(await markNotificationsRead(fixture.context, fixture.actors.qa)).toBe(1);
    expect(await countUnreadNotifications(fixture.context, fixture.actors.qa)).toBe(0);
  });

  it('has none for the system or a token', async () => {
    expect(await codeOf(listNotifications(fixture.context, SYSTEM_ACTOR))).toBe('FORBIDDEN');
  });
});

describe('organisation settings', () => {
  it('lets only an admin read and change them, auditing both outcomes', async () => {
    const next = { maxTtlHours: 500, maxLeadProtectHours: 100, expiryWarningHours: 6 };
    expect(await codeOf(updateAppSettings(fixture.context, fixture.actors.leadQa, next))).toBe('FORBIDDEN');
    expect(await codeOf(getSettingsForAdmin(fixture.context, fixture.actors.leadQa))).toBe('FORBIDDEN');
    expect(await codeOf(updateAppSettings(fixture.context, fixture.actors.admin, { ...next, maxTtlHours: 0 }))).toBe('VALIDATION');
    // A save that leaves the webhook allow-list out keeps it (empty here).
    expect(await updateAppSettings(fixture.context, fixture.actors.admin, next)).toEqual({ ...next, webhookAllowedHosts: [] });
    expect(await getSettingsForAdmin(fixture.context, fixture.actors.admin)).toEqual({ ...next, webhookAllowedHosts: [] });
    const audit = await fixture.prisma.auditEvent.findMany({ where: { action: 'settings.update' }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((event) => [event.actorLabel, event.outcome])).toEqual([
      ['admin@clonedeck.local', 'success'],
      ['lead.qa@clonedeck.local', 'failure'],
      ['admin@clonedeck.local', 'failure'],
      ['admin@clonedeck.local', 'success'],
    ]);
    expect(audit.at(-1)?.details).toMatchObject({ before: { expiryWarningHours: 48 }, after: { ...next, webhookAllowedHosts: [] } });
  });
});
