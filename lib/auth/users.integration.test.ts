import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '@/lib/db/test-support';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { hashPassword } from './password';
import { authenticateWithPassword, findOrCreateOidcUser } from './users';

describe('signing in against the metadata store', () => {
  let testStore: TestStore;
  let prisma: PrismaClient;

  beforeAll(async () => {
    testStore = await openTestStore('pglite');
    await testStore.store.migrate();
    prisma = testStore.store.prisma;
    await prisma.user.create({
      data: { email: 'lead.ds@clonedeck.local', name: 'DS lead', passwordHash: await hashPassword('s3cret-passphrase') },
    });
    await prisma.user.create({ data: { email: 'sso@clonedeck.local', name: 'SSO only' } });
  });
  afterAll(() => testStore.cleanup());

  it('accepts the right password, whatever the case of the email, and records the sign-in', async () => {
    const user = await authenticateWithPassword({ email: '  Lead.DS@clonedeck.local', password: 's3cret-passphrase' }, prisma);
    expect(user).toMatchObject({ email: 'lead.ds@clonedeck.local', name: 'DS lead' });
    const row = await prisma.user.findUniqueOrThrow({ where: { email: 'lead.ds@clonedeck.local' } });
    expect(row.lastSignInAt).not.toBeNull();
  });

  it('rejects wrong passwords, unknown emails, password-less users and malformed input alike', async () => {
    expect(await authenticateWithPassword({ email: 'lead.ds@clonedeck.local', password: 'wrong' }, prisma)).toBeNull();
    expect(await authenticateWithPassword({ email: 'nobody@clonedeck.local', password: 'x' }, prisma)).toBeNull();
    expect(await authenticateWithPassword({ email: 'sso@clonedeck.local', password: '' }, prisma)).toBeNull();
    expect(await authenticateWithPassword({ email: 'sso@clonedeck.local', password: 'anything' }, prisma)).toBeNull();
    expect(await authenticateWithPassword(undefined, prisma)).toBeNull();
  });

  it('matches OIDC users by email and creates new ones without a password or team', async () => {
    const existing = await findOrCreateOidcUser({ email: 'SSO@clonedeck.local', name: 'Someone' }, prisma);
    expect(existing?.name).toBe('SSO only');
    const created = await findOrCreateOidcUser({ email: 'new.person@clonedeck.local', emailVerified: true }, prisma);
    const row = await prisma.user.findUniqueOrThrow({ where: { email: 'new.person@clonedeck.local' }, include: { memberships: true } });
    expect(created?.id).toBe(row.id);
    expect(row).toMatchObject({ name: 'new.person', passwordHash: null, isAdmin: false, memberships: [] });
  });

  it('refuses OIDC profiles without a usable, verified email', async () => {
    expect(await findOrCreateOidcUser({ email: undefined }, prisma)).toBeNull();
    expect(await findOrCreateOidcUser({ email: 'not-an-email' }, prisma)).toBeNull();
    expect(await findOrCreateOidcUser({ email: 'x@clonedeck.local', emailVerified: false }, prisma)).toBeNull();
    expect(await prisma.user.count({ where: { email: 'x@clonedeck.local' } })).toBe(0);
  });
});
