import type { NextAuthOptions } from 'next-auth';
import { decode, encode, type JWT } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor } from '@/lib/domain/actor';
import { changeOwnPassword, removeMember, setMemberRole } from '@/lib/domain/people';
import { createDomainFixture, type DomainFixture } from '@/lib/domain/testing/fixture';
import { buildAuthOptions } from './options';
import { SessionEndedError } from './session-version';
import { authenticateWithPassword } from './users';

/**
 * A session cookie copied before sign-out (or before a password change, a demotion, a
 * removal) is replayed: next-auth decodes it fine, and the jwt callback — which runs on every
 * use — refuses it, so next-auth clears it and answers "no session".
 */

const SECRET = 'session-test-secret-0123456789abcdef';
const PASSWORD = 'correct horse battery';
let fixture: DomainFixture;
let options: NextAuthOptions;

beforeAll(async () => {
  fixture = await createDomainFixture();
  options = buildAuthOptions({ prisma: fixture.prisma, secret: SECRET });
});
afterAll(async () => {
  await fixture?.close();
});

/** Signs in with the password as the credentials provider does, and returns the session cookie's value. */
async function signIn(email: string): Promise<string> {
  const user = await authenticateWithPassword({ email, password: PASSWORD }, fixture.prisma);
  if (!user) throw new Error(`could not sign in as ${email}`);
  const token = await options.callbacks!.jwt!({ token: { sub: user.id }, user, account: null });
  return encode({ token, secret: SECRET });
}

/** What every request does with the cookie: decode, then the jwt callback. */
async function replay(cookie: string): Promise<'valid' | 'ended'> {
  const token = (await decode({ token: cookie, secret: SECRET })) as JWT;
  try {
    await options.callbacks!.jwt!({ token, user: undefined as never, account: null });
    return 'valid';
  } catch (error) {
    if (error instanceof SessionEndedError) return 'ended';
    throw error;
  }
}

const idOf = (email: string) => fixture.prisma.user.findUniqueOrThrow({ where: { email } }).then((user) => user.id);

describe('ending sessions on the server', () => {
  it('signing out ends the copied cookie and the sessions on other devices', async () => {
    const laptop = await signIn('qa@clonedeck.local');
    const copied = laptop;
    const phone = await signIn('qa@clonedeck.local');
    expect([await replay(laptop), await replay(phone)]).toEqual(['valid', 'valid']);
    await options.events!.signOut!({ token: (await decode({ token: laptop, secret: SECRET }))!, session: undefined as never });
    expect([await replay(copied), await replay(phone)]).toEqual(['ended', 'ended']);
    expect(await replay(await signIn('qa@clonedeck.local'))).toBe('valid');
  });

  it('a password change ends every session; a wrong current password changes nothing', async () => {
    const cookie = await signIn('lead.ds@clonedeck.local');
    const actor = userActor({ id: await idOf('lead.ds@clonedeck.local'), email: 'lead.ds@clonedeck.local' });
    const before = await fixture.prisma.user.findUniqueOrThrow({ where: { email: 'lead.ds@clonedeck.local' } });
    await expect(
      changeOwnPassword(fixture.context, actor, { currentPassword: 'guess', newPassword: 'a new long passphrase' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await fixture.prisma.user.findUniqueOrThrow({ where: { id: before.id } })).toMatchObject({
      passwordHash: before.passwordHash,
      sessionVersion: before.sessionVersion,
    });
    expect(await replay(cookie)).toBe('valid');

    await changeOwnPassword(fixture.context, actor, { currentPassword: PASSWORD, newPassword: 'a new long passphrase' });
    expect(await replay(cookie)).toBe('ended');
    expect(await authenticateWithPassword({ email: 'lead.ds@clonedeck.local', password: PASSWORD }, fixture.prisma)).toBeNull();
  });

  it("a demotion and a removal end the person's sessions; only an admin can make them", async () => {
    const leadQa = await idOf('lead.qa@clonedeck.local');
    const cookie = await signIn('lead.qa@clonedeck.local');
    const teamId = fixture.teams.qa.id;
    await expect(setMemberRole(fixture.context, fixture.actors.leadDev, { teamId, userId: leadQa, role: 'member' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(removeMember(fixture.context, fixture.actors.qa, { teamId, userId: leadQa })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await fixture.prisma.membership.findFirstOrThrow({ where: { userId: leadQa, teamId } })).toMatchObject({ role: 'lead' });
    expect(await replay(cookie)).toBe('valid');

    await setMemberRole(fixture.context, fixture.actors.admin, { teamId, userId: leadQa, role: 'member' });
    expect(await replay(cookie)).toBe('ended');
    const second = await signIn('lead.qa@clonedeck.local');
    await setMemberRole(fixture.context, fixture.actors.admin, { teamId, userId: leadQa, role: 'lead' });
    expect(await replay(second)).toBe('valid'); // a promotion takes nothing away

    await removeMember(fixture.context, fixture.actors.admin, { teamId, userId: leadQa });
    expect(await replay(second)).toBe('ended');
    const audit = await fixture.prisma.auditEvent.findMany({
      where: { action: { startsWith: 'membership.' } },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((event) => [event.action, event.outcome])).toEqual([
      ['membership.update', 'failure'],
      ['membership.remove', 'failure'],
      ['membership.update', 'success'],
      ['membership.update', 'success'],
      ['membership.remove', 'success'],
    ]);
  });
});
