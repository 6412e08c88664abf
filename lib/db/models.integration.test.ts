import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { openTestStore, type TestStore, type TestStoreKind } from './test-support';

const KINDS: TestStoreKind[] = ['pglite', 'postgres'];
// Larger than Number.MAX_SAFE_INTEGER: byte counts must survive as BigInt.
const FOUR_PETABYTES = 4n * 1024n ** 5n + 1n;

/** Prisma reports a unique-constraint violation as P2002, whichever adapter is underneath. */
async function expectUniqueViolation(operation: Promise<unknown>): Promise<void> {
  await expect(operation).rejects.toMatchObject({ code: 'P2002' });
}

async function seedOwnership(prisma: PrismaClient) {
  const team = await prisma.team.create({ data: { name: 'data-science', displayName: 'Data science', maxOwnBytes: FOUR_PETABYTES } });
  const user = await prisma.user.create({ data: { email: 'lead.ds@example.test', name: 'DS lead' } });
  await prisma.membership.create({ data: { userId: user.id, teamId: team.id, role: 'lead' } });
  const engine = await prisma.engine.create({ data: { id: 'embedded', kind: 'embedded', label: 'Embedded', lastHealth: { ok: true } } });
  return { team, user, engine };
}

describe.each(KINDS)('metadata models on %s', (kind) => {
  let testStore: TestStore;
  let prisma: PrismaClient;
  let ids: Awaited<ReturnType<typeof seedOwnership>>;

  beforeAll(async () => {
    testStore = await openTestStore(kind);
    await testStore.store.migrate();
    prisma = testStore.store.prisma;
    ids = await seedOwnership(prisma);
  });
  afterAll(async () => {
    await testStore.cleanup();
  });

  it('reads back teams, users, memberships and engines', async () => {
    const team = await prisma.team.findUniqueOrThrow({ where: { name: 'data-science' } });
    expect(team.defaultTtlHours).toBe(168);
    expect(team.maxOwnBytes).toBe(FOUR_PETABYTES);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'lead.ds@example.test' }, include: { memberships: true } });
    expect(user.passwordHash).toBeNull();
    expect(user.memberships.map((membership) => membership.role)).toEqual(['lead']);
    await expectUniqueViolation(prisma.membership.create({ data: { userId: user.id, teamId: team.id, role: 'member' } }));
    const engine = await prisma.engine.findUniqueOrThrow({ where: { id: 'embedded' } });
    expect(engine.lastHealth).toEqual({ ok: true });
  });

  it('keeps environment and snapshot names unique among live rows only', async () => {
    const snapshot = await prisma.snapshot.create({
      data: { name: 'pre_upgrade_v1', engineId: 'embedded', level: 'database', database: 'production', purpose: 'before upgrade' },
    });
    const first = await prisma.environment.create({
      data: {
        name: 'ds_experiment',
        engineId: 'embedded',
        teamId: ids.team.id,
        purpose: 'ML training',
        createdById: ids.user.id,
        sourceDatabase: 'production',
        sourceSnapshotId: snapshot.id,
        baseSnapshotId: snapshot.id,
      },
    });
    expect(first.status).toBe('provisioning');
    expect(first.expiresAt).toBeNull();
    const duplicate = { name: 'ds_experiment', engineId: 'embedded', purpose: 'again', createdById: ids.user.id };
    await expectUniqueViolation(prisma.environment.create({ data: duplicate }));
    await prisma.environment.update({ where: { id: first.id }, data: { status: 'dropped', droppedAt: new Date() } });
    const second = await prisma.environment.create({ data: duplicate });
    const withSource = await prisma.environment.findUniqueOrThrow({ where: { id: first.id }, include: { sourceSnapshot: true } });
    expect(withSource.sourceSnapshot?.name).toBe('pre_upgrade_v1');
    expect(second.id).not.toBe(first.id);
    await expectUniqueViolation(
      prisma.snapshot.create({ data: { name: 'pre_upgrade_v1', engineId: 'embedded', level: 'database', purpose: 'x' } }),
    );
  });

  it('records audit events, tokens, notifications, leases and settings', async () => {
    await prisma.auditEvent.create({
      data: {
        actorType: 'user',
        actorUserId: ids.user.id,
        actorLabel: 'lead.ds@example.test',
        action: 'environment.provision',
        targetType: 'environment',
        targetName: 'ds_experiment',
        teamId: ids.team.id,
        outcome: 'success',
        details: { ttlHours: 24 },
      },
    });
    const [event] = await prisma.auditEvent.findMany({ where: { teamId: ids.team.id, action: 'environment.provision' } });
    expect(event?.details).toEqual({ ttlHours: 24 });
    const token = await prisma.apiToken.create({
      data: {
        teamId: ids.team.id,
        name: 'ci',
        permissions: ['environments:write'],
        tokenHash: 'h1',
        prefix: 'cd_1234',
        createdById: ids.user.id,
      },
    });
    expect(token.permissions).toEqual(['environments:write']);
    await prisma.notification.create({ data: { userId: ids.user.id, kind: 'expiry_warning', message: 'expires tomorrow' } });
    expect(await prisma.notification.count({ where: { userId: ids.user.id, readAt: null } })).toBe(1);
    await prisma.lease.create({ data: { name: 'reaper', holder: 'replica-a', expiresAt: new Date(Date.now() + 60_000) } });
    await prisma.appSetting.create({ data: { key: 'maxTtlHours', value: 720 } });
    expect((await prisma.appSetting.findUniqueOrThrow({ where: { key: 'maxTtlHours' } })).value).toBe(720);
  });

  it('sends each webhook event once per environment and stores usage as BigInt', async () => {
    const environment = await prisma.environment.create({
      data: { name: 'qa_run', engineId: 'embedded', teamId: ids.team.id, purpose: 'tests', createdById: ids.user.id },
    });
    const delivery = {
      teamId: ids.team.id,
      environmentId: environment.id,
      event: 'environment.expiring',
      payload: { name: 'qa_run' },
      signature: 'sig',
    };
    await prisma.webhookDelivery.create({ data: delivery });
    await expectUniqueViolation(prisma.webhookDelivery.create({ data: delivery }));
    await prisma.usageSample.create({
      data: {
        engineId: 'embedded',
        environmentId: environment.id,
        teamId: ids.team.id,
        logicalBytes: FOUR_PETABYTES,
        ownBytes: 8192n,
        sampledAt: new Date(),
      },
    });
    const [sample] = await prisma.usageSample.findMany({ where: { environmentId: environment.id } });
    expect(sample?.logicalBytes).toBe(FOUR_PETABYTES);
    expect(sample?.resolution).toBe('raw');
    expect(typeof sample?.id).toBe('bigint');
  });
});
