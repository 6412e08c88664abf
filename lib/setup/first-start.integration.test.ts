import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticateWithPassword } from '@/lib/auth/users';
import { createMetadataStore } from '@/lib/db/store';
import { openTestStore, type TestStore } from '@/lib/db/test-support';
import { DEMO_USERS } from './demo-organisation';
import { runFirstStart } from './first-start';

function capture() {
  const printed: string[] = [];
  return { printed, print: (text: string) => printed.push(text) };
}

describe('first start', () => {
  let testStore: TestStore;
  beforeEach(async () => {
    testStore = await openTestStore('pglite');
    await testStore.store.migrate();
  });
  afterEach(() => testStore.cleanup());

  it('creates the demo organisation with one-time passwords that work and are stored nowhere', async () => {
    const prisma = testStore.store.prisma;
    const { printed, print } = capture();
    const result = await runFirstStart(prisma, {}, print);
    expect(result).toMatchObject({ created: true, mode: 'demo' });
    expect(printed).toHaveLength(1);
    const box = printed[0] ?? '';
    const teams = await prisma.team.findMany({ orderBy: { name: 'asc' } });
    expect(teams.map((team) => [team.name, team.defaultTtlHours])).toEqual([
      ['data-science', 168],
      ['dev', 168],
      ['qa', 168],
    ]);

    const qaPassword = box.match(/qa@clonedeck\.local\s+member of qa\s+(\S+)/)?.[1] ?? '';
    expect(await authenticateWithPassword({ email: 'qa@clonedeck.local', password: qaPassword }, prisma)).not.toBeNull();
    const users = await prisma.user.findMany({ include: { memberships: { include: { team: true } } } });
    expect(users.map((user) => user.email).sort()).toEqual(DEMO_USERS.map((user) => user.email).sort());
    expect(JSON.stringify(users)).not.toContain(qaPassword);
    const qaLead = users.find((user) => user.email === 'lead.qa@clonedeck.local');
    expect(qaLead?.memberships.map((membership) => [membership.team.name, membership.role])).toEqual([['qa', 'lead']]);
    expect(users.filter((user) => user.isAdmin).map((user) => user.email)).toEqual(['admin@clonedeck.local']);
  });

  it('does nothing once users exist, and prints nothing', async () => {
    await runFirstStart(testStore.store.prisma, {}, () => {});
    const { printed, print } = capture();
    expect(await runFirstStart(testStore.store.prisma, {}, print)).toEqual({ created: false });
    expect(printed).toEqual([]);
    expect(await testStore.store.prisma.user.count()).toBe(DEMO_USERS.length);
  });

  it('gives every demo user CLONEDECK_DEMO_PASSWORD without printing it', async () => {
    const { printed, print } = capture();
    await runFirstStart(testStore.store.prisma, { CLONEDECK_DEMO_PASSWORD: 'e2e-demo-password' }, print);
    expect(printed.join('\n')).not.toContain('e2e-demo-password');
    for (const user of DEMO_USERS) {
      expect(await authenticateWithPassword({ email: user.email, password: 'e2e-demo-password' }, testStore.store.prisma)).not.toBeNull();
    }
  });

  it('creates only the configured admin when ADMIN_EMAIL and ADMIN_PASSWORD are set', async () => {
    const prisma = testStore.store.prisma;
    const env = { ADMIN_EMAIL: 'Ops@Example.com', ADMIN_PASSWORD: 'a-long-admin-password' };
    const { printed, print } = capture();
    expect(await runFirstStart(prisma, env, print)).toEqual({ created: true, mode: 'admin', emails: ['ops@example.com'] });
    expect(printed.join('\n')).not.toContain('a-long-admin-password');
    expect(await prisma.team.count()).toBe(0);
    expect(await prisma.user.findMany({ select: { email: true, isAdmin: true } })).toEqual([{ email: 'ops@example.com', isAdmin: true }]);
    expect(await authenticateWithPassword({ email: 'ops@example.com', password: 'a-long-admin-password' }, prisma)).not.toBeNull();
  });

  it('refuses half or weak admin settings without creating anyone', async () => {
    const prisma = testStore.store.prisma;
    await expect(runFirstStart(prisma, { ADMIN_EMAIL: 'ops@example.com' }, () => {})).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(runFirstStart(prisma, { ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'short' }, () => {})).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(await prisma.user.count()).toBe(0);
  });
});

describe('first start on a shared PostgreSQL', () => {
  it('creates the demo organisation once when two replicas start together', async () => {
    const testStore = await openTestStore('postgres');
    const replica = createMetadataStore(testStore.store.config);
    try {
      await testStore.store.migrate();
      const env = { CLONEDECK_DEMO_PASSWORD: 'shared-demo-password' };
      const results = await Promise.all([
        runFirstStart(testStore.store.prisma, env, () => {}),
        runFirstStart(replica.prisma, env, () => {}),
      ]);
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(await testStore.store.prisma.user.count()).toBe(DEMO_USERS.length);
      expect(await testStore.store.prisma.team.count()).toBe(3);
    } finally {
      await replica.close();
      await testStore.cleanup();
    }
  });
});
