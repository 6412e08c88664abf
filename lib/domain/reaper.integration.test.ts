import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment, Prisma } from '@/lib/generated/prisma/client';
import { acquireLease } from './leases';
import { REAPER_LEASE, reapClaimable, reapExpired, type ReapReport, STALE_DROP_MS } from './reaper';
import { createReplicaPair, type ReplicaPair } from './testing/replicas';

let pair: ReplicaPair;

beforeAll(async () => {
  pair = await createReplicaPair();
});
afterAll(async () => {
  await pair?.close();
});

const HOUR = 3_600_000;

/** An environment row, and its database on the engine unless `onEngine` is false. */
async function environment(
  name: string,
  data: Partial<Prisma.EnvironmentUncheckedCreateInput> = {},
  onEngine = true,
): Promise<Environment> {
  if (onEngine) await pair.engine.createDatabase(name);
  const row = await pair.prisma.environment.create({
    data: {
      name,
      engineId: 'embedded',
      teamId: pair.teams.qa.id,
      purpose: 'reaper test',
      createdById: pair.users.qa.id,
      status: 'ready',
      expiresAt: new Date(pair.clock.now().getTime() - HOUR),
      ...data,
    },
  });
  if (data.updatedAt) expect(row.updatedAt).toEqual(data.updatedAt);
  return row;
}

async function onEngine(): Promise<Set<string>> {
  return new Set((await pair.engine.listDatabases()).map((database) => database.name));
}

async function expireEvents(name: string) {
  return pair.prisma.auditEvent.findMany({ where: { action: 'environment.expire', targetName: name } });
}

describe('two reaper replicas racing on one PostgreSQL metadata database', () => {
  const reaped = ['exp_ready_1', 'exp_ready_2', 'exp_ready_3', 'exp_failed', 'exp_missing', 'exp_lapsed', 'crash_kept', 'crash_gone'];
  const untouched = ['prot_flag', 'prot_until', 'prod_expired', 'fresh', 'never', 'busy', 'inflight_drop'];

  beforeAll(async () => {
    const now = pair.clock.now().getTime();
    const longAgo = new Date(now - STALE_DROP_MS - HOUR);
    for (const name of ['exp_ready_1', 'exp_ready_2', 'exp_ready_3']) await environment(name);
    await environment('exp_failed', { status: 'failed', lastError: 'an earlier reset failed' });
    await environment('exp_missing', { status: 'missing' }, false);
    await environment('exp_lapsed', { protectedUntil: new Date(now - 60_000) });
    // Left by a replica that died mid-drop: once with the database still there, once already gone.
    await environment('crash_kept', { status: 'dropping', updatedAt: longAgo });
    await environment('crash_gone', { status: 'dropping', updatedAt: longAgo }, false);
    await environment('prot_flag', { isProtected: true });
    await environment('prot_until', { protectedUntil: new Date(now + HOUR) });
    await environment('prod_expired', { isProduction: true, isProtected: false, teamId: null, createdById: pair.users.admin.id });
    await environment('fresh', { expiresAt: new Date(now + HOUR) });
    await environment('never', { expiresAt: null });
    await environment('busy', { status: 'resetting' });
    // A drop another replica is doing right now: not abandoned, so not the reaper's.
    await environment('inflight_drop', { status: 'dropping' });
  });

  it('drops exactly the expired, unprotected environments, each once, however often both run', async () => {
    const [first, second] = pair.replicas;
    const reports: ReapReport[] = [];
    for (let round = 0; round < 4; round++) {
      reports.push(...(await Promise.all([reapExpired(first, { holder: 'replica-a' }), reapExpired(second, { holder: 'replica-b' })])));
    }
    const dropped = reports.flatMap((report) => report.dropped);
    expect(reports.flatMap((report) => report.failed)).toEqual([]);
    expect([...dropped].sort()).toEqual([...reaped].sort());

    const databases = await onEngine();
    for (const name of reaped) expect(databases.has(name), `${name} on the engine`).toBe(false);
    for (const name of untouched) expect(databases.has(name), `${name} on the engine`).toBe(true);

    const rows = await pair.prisma.environment.findMany({ where: { name: { in: [...reaped, ...untouched] } } });
    const byName = new Map(rows.map((row) => [row.name, row]));
    for (const name of reaped) expect([byName.get(name)?.status, byName.get(name)?.droppedAt !== null]).toEqual(['dropped', true]);
    expect(untouched.map((name) => byName.get(name)?.status)).toEqual([
      'ready',
      'ready',
      'ready',
      'ready',
      'ready',
      'resetting',
      'dropping',
    ]);
    expect(untouched.every((name) => byName.get(name)?.droppedAt === null)).toBe(true);

    for (const name of reaped) {
      const events = await expireEvents(name);
      expect(
        events.map((event) => [event.outcome, event.actorType, event.actorLabel]),
        name,
      ).toEqual([['success', 'system', 'system']]);
    }
    expect(await pair.prisma.auditEvent.count({ where: { action: 'environment.expire', targetName: { in: untouched } } })).toBe(0);
    expect(await pair.prisma.lease.count({ where: { name: REAPER_LEASE } })).toBe(0);
  });

  it('tells the creator and the team leads, once each', async () => {
    const notes = await pair.prisma.notification.findMany({ where: { kind: 'expired' }, include: { environment: true } });
    expect(notes).toHaveLength(reaped.length * 2);
    for (const name of reaped) {
      const recipients = notes
        .filter((note) => note.environment?.name === name)
        .map((note) => note.userId)
        .sort();
      expect(recipients).toEqual([pair.users.qa.id, pair.users.leadQa.id].sort());
    }
  });
});

describe('claims and the lease', () => {
  it('claims each environment atomically: overlapping passes without the lease still drop each once', async () => {
    const names = Array.from({ length: 8 }, (_, index) => `claim_${index}`);
    for (const name of names) await environment(name);
    const [first, second] = pair.replicas;
    const reports = await Promise.all([reapClaimable(first), reapClaimable(second), reapClaimable(first), reapClaimable(second)]);
    const dropped = reports.flatMap((report) => report.dropped);
    expect([...dropped].sort()).toEqual(names);
    for (const name of names) expect((await expireEvents(name)).length, name).toBe(1);
    const databases = await onEngine();
    expect(names.filter((name) => databases.has(name))).toEqual([]);
  });

  it('does nothing while another replica holds the lease, and takes over once it runs out', async () => {
    await environment('after_lease');
    const [first, second] = pair.replicas;
    expect(await acquireLease(first, REAPER_LEASE, 'replica-that-died', 60_000)).toBe(true);
    expect(await reapExpired(second, { holder: 'replica-b' })).toEqual({ leased: false, dropped: [], failed: [] });
    expect((await onEngine()).has('after_lease')).toBe(true);

    await pair.prisma.lease.update({ where: { name: REAPER_LEASE }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const report = await reapExpired(second, { holder: 'replica-b' });
    expect(report).toEqual({ leased: true, dropped: ['after_lease'], failed: [] });
    expect((await onEngine()).has('after_lease')).toBe(false);
  });

  it('finishes a drop a crash left half done on the next pass, once it is clearly abandoned', async () => {
    await environment('crash_later', { status: 'dropping' });
    const [first] = pair.replicas;
    expect((await reapExpired(first, { holder: 'replica-a' })).dropped).toEqual([]);
    pair.clock.advance(STALE_DROP_MS + 60_000);
    try {
      // The drop that was in flight during the race has not moved either: abandoned too, by now.
      expect((await reapExpired(first, { holder: 'replica-a' })).dropped.sort()).toEqual(['crash_later', 'inflight_drop']);
    } finally {
      pair.clock.advance(-(STALE_DROP_MS + 60_000));
    }
    expect((await onEngine()).has('crash_later')).toBe(false);
    const events = await expireEvents('crash_later');
    expect(events.map((event) => [event.outcome, event.actorType])).toEqual([['success', 'system']]);
    expect(events[0]?.details).toMatchObject({ resumed: true });
  });
});
