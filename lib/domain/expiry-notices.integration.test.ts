import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '@/lib/generated/prisma/client';
import { dropEnvironment, extendEnvironment, protectEnvironment } from './environments/lifecycle';
import { sendExpiryWarnings } from './expiry-warnings';
import { countUnreadNotifications, listNotifications } from './notifications';
import { createDomainFixture, type DomainFixture } from './testing/fixture';

const HOUR = 3_600_000;
let fixture: DomainFixture;

beforeAll(async () => {
  fixture = await createDomainFixture();
});
afterAll(async () => {
  await fixture?.close();
});

/** A QA environment created `ageHours` ago that expires in `leftHours` (no engine database: drops find none). */
async function environment(name: string, ageHours: number, leftHours: number): Promise<Environment> {
  const qa = await fixture.prisma.user.findUniqueOrThrow({ where: { email: 'qa@clonedeck.local' } });
  return fixture.prisma.environment.create({
    data: {
      name,
      engineId: 'embedded',
      teamId: fixture.teams.qa.id,
      purpose: 'notice test',
      createdById: qa.id,
      status: 'ready',
      createdAt: new Date(Date.now() - ageHours * HOUR),
      expiresAt: new Date(Date.now() + leftHours * HOUR),
    },
  });
}

const warn = () => sendExpiryWarnings(fixture.context, { holder: 'test' });
const noticesAbout = async (name: string) =>
  (await listNotifications(fixture.context, fixture.actors.leadQa)).filter((note) => note.environment?.name === name);

describe('expiry notices stay current', () => {
  it('does not warn about a clone born with a short lifetime, and warns in its last 20 %', async () => {
    const young = await environment('qa_young', 0, 2);
    expect((await warn()).warned).not.toContain('qa_young');
    expect(await countUnreadNotifications(fixture.context, fixture.actors.leadQa)).toBe(0);
    // Ten hours in, two left: inside the last 20 % of a 12-hour lifetime.
    await fixture.prisma.environment.update({ where: { id: young.id }, data: { createdAt: new Date(Date.now() - 10 * HOUR) } });
    expect((await warn()).warned).toEqual(['qa_young']);
    expect(await countUnreadNotifications(fixture.context, fixture.actors.leadQa)).toBe(1);
  });

  it('resolves the warning when the environment is extended, and the bell stops counting it', async () => {
    const before = await countUnreadNotifications(fixture.context, fixture.actors.leadQa);
    const young = await fixture.prisma.environment.findFirstOrThrow({ where: { name: 'qa_young' } });
    await extendEnvironment(fixture.context, fixture.actors.leadQa, { environmentId: young.id, ttlHours: 48 });
    expect((await noticesAbout('qa_young')).map((note) => note.resolution)).toEqual(['extended']);
    expect(await countUnreadNotifications(fixture.context, fixture.actors.leadQa)).toBe(before - 1);
    // The new expiry is far off: nothing new to warn about.
    expect((await warn()).warned).not.toContain('qa_young');
  });

  it('resolves the warning when the environment is protected past its expiry, and does not warn again', async () => {
    const guarded = await environment('qa_guarded', 20, 1);
    expect((await warn()).warned).toEqual(['qa_guarded']);
    await protectEnvironment(fixture.context, fixture.actors.leadQa, { environmentId: guarded.id, hours: 24 });
    expect((await noticesAbout('qa_guarded')).map((note) => note.resolution)).toEqual(['protected']);
    await fixture.prisma.environment.update({ where: { id: guarded.id }, data: { expiresAt: new Date(Date.now() + 0.5 * HOUR) } });
    expect((await warn()).warned).not.toContain('qa_guarded');
  });

  it('keeps a warning open when protection ends before the expiry', async () => {
    const brief = await environment('qa_brief', 100, 10);
    expect((await warn()).warned).toEqual(['qa_brief']);
    await protectEnvironment(fixture.context, fixture.actors.leadQa, { environmentId: brief.id, hours: 2 });
    expect((await noticesAbout('qa_brief')).map((note) => note.resolution)).toEqual([null]);
  });

  it('resolves the warning when the environment is dropped', async () => {
    const doomed = await environment('qa_doomed', 30, 3);
    expect((await warn()).warned).toEqual(['qa_doomed']);
    const before = await countUnreadNotifications(fixture.context, fixture.actors.leadQa);
    await dropEnvironment(fixture.context, fixture.actors.leadQa, doomed.id);
    const [notice] = await noticesAbout('qa_doomed');
    expect(notice).toMatchObject({ resolution: 'dropped', read: false, environment: { live: false } });
    expect(await countUnreadNotifications(fixture.context, fixture.actors.leadQa)).toBe(before - 1);
  });
});
