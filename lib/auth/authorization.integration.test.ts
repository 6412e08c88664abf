import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '@/lib/db/test-support';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { canSeeTeam, isAdmin, requireAdmin, requireTeamRole, visibleTeamIds } from './authorization';

describe('authorization against the metadata store', () => {
  let testStore: TestStore;
  let prisma: PrismaClient;
  const ids = { qa: '', dev: '', admin: '', qaLead: '', qaMember: '' };

  beforeAll(async () => {
    testStore = await openTestStore('pglite');
    await testStore.store.migrate();
    prisma = testStore.store.prisma;
    ids.qa = (await prisma.team.create({ data: { name: 'qa', displayName: 'QA' } })).id;
    ids.dev = (await prisma.team.create({ data: { name: 'dev', displayName: 'Dev' } })).id;
    ids.admin = (await prisma.user.create({ data: { email: 'admin@t.test', name: 'Admin', isAdmin: true } })).id;
    ids.qaLead = (await prisma.user.create({ data: { email: 'lead.qa@t.test', name: 'QA lead' } })).id;
    ids.qaMember = (await prisma.user.create({ data: { email: 'qa@t.test', name: 'QA' } })).id;
    await prisma.membership.createMany({
      data: [
        { userId: ids.qaLead, teamId: ids.qa, role: 'lead' },
        { userId: ids.qaMember, teamId: ids.qa, role: 'member' },
      ],
    });
  });
  afterAll(() => testStore.cleanup());

  it('lets a lead and a member act on their own team by role', async () => {
    await expect(requireTeamRole({ id: ids.qaLead }, ids.qa, 'lead', prisma)).resolves.toBeUndefined();
    await expect(requireTeamRole({ id: ids.qaMember }, ids.qa, 'member', prisma)).resolves.toBeUndefined();
    await expect(requireTeamRole({ id: ids.qaMember }, ids.qa, 'lead', prisma)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('hides other teams from non-members, but not from admins', async () => {
    await expect(requireTeamRole({ id: ids.qaLead }, ids.dev, 'member', prisma)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await canSeeTeam({ id: ids.qaLead }, ids.dev, prisma)).toBe(false);
    expect(await canSeeTeam({ id: ids.admin }, ids.dev, prisma)).toBe(true);
    await expect(requireTeamRole({ id: ids.admin }, ids.dev, 'lead', prisma)).resolves.toBeUndefined();
    expect(await visibleTeamIds({ id: ids.qaMember }, prisma)).toEqual([ids.qa]);
    expect(await visibleTeamIds({ id: ids.admin }, prisma)).toBe('all');
  });

  it('applies a role change on the very next check', async () => {
    await prisma.membership.update({ where: { userId_teamId: { userId: ids.qaMember, teamId: ids.qa } }, data: { role: 'lead' } });
    await expect(requireTeamRole({ id: ids.qaMember }, ids.qa, 'lead', prisma)).resolves.toBeUndefined();
    await prisma.membership.delete({ where: { userId_teamId: { userId: ids.qaMember, teamId: ids.qa } } });
    await expect(requireTeamRole({ id: ids.qaMember }, ids.qa, 'member', prisma)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('treats admin rights and deleted users from the database, not from the caller', async () => {
    expect(await isAdmin({ id: ids.qaLead }, prisma)).toBe(false);
    await expect(requireAdmin({ id: ids.qaLead }, prisma)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const gone = await prisma.user.create({ data: { email: 'gone@t.test', name: 'Gone' } });
    await prisma.user.delete({ where: { id: gone.id } });
    await expect(requireTeamRole({ id: gone.id }, ids.qa, 'member', prisma)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
