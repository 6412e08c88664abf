import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageUsage } from '@/lib/engines/types';
import { provisionEnvironment } from './environments/provision';
import { resetEnvironment } from './environments/lifecycle';
import { createSnapshot } from './snapshots';
import { getStorageReport } from './storage';
import { storageReportCsv } from './storage-csv';
import type { EngineStorageReport } from './storage-types';
import { createDomainFixture, type DomainFixture } from './testing/fixture';
import { invalidateUsage } from './usage';

/**
 * A known workload on the real embedded engine: clones of production (1 000 user_behavior
 * rows) that change 0 %, 10 % and 50 % of the rows, and one snapshot that only snapshots
 * keep. The report's figures must be the engine's own measurement, not estimates.
 */
let fixture: DomainFixture;

beforeAll(async () => {
  fixture = await createDomainFixture();
  await clone('leadDs', 'data-science', 'ds_untouched', 0);
  await clone('leadDs', 'data-science', 'ds_tenth', 100);
  await clone('leadQa', 'qa', 'qa_half', 500);
  await clone('leadDev', 'dev', 'dev_pinned', 500);
  const devPinned = await environmentId('dev_pinned');
  await createSnapshot(fixture.context, fixture.actors.leadDev, {
    environmentId: devPinned,
    name: 'dev_pinned_experiment',
    purpose: 'keep the experiment',
  });
  // The reset leaves the experiment's pages to the snapshot alone: pinned bytes.
  await resetEnvironment(fixture.context, fixture.actors.leadDev, devPinned);
}, 240_000);
afterAll(async () => {
  await fixture?.close();
});

/** Provisions a clone of production, then rewrites the first `rows` rows and checkpoints them into the store. */
async function clone(actor: keyof DomainFixture['actors'], team: keyof DomainFixture['teams'], name: string, rows: number): Promise<void> {
  const source = { kind: 'environment', environmentId: fixture.production.id };
  await provisionEnvironment(
    fixture.context,
    fixture.actors[actor],
    { teamId: fixture.teams[team].id, name, purpose: 'storage test', source },
    { wait: true },
  );
  if (rows > 0) await fixture.engine.query(name, `UPDATE user_behavior SET price = price + 1, action = 'changed' WHERE id <= ${rows}`);
  await fixture.engine.checkpoint(name);
}

async function environmentId(name: string): Promise<string> {
  return (await fixture.prisma.environment.findFirstOrThrow({ where: { name, droppedAt: null } })).id;
}

/** The report and the engine's own measurement, taken with nothing running in between. */
async function reportAndUsage(actor: keyof DomainFixture['actors']): Promise<{ engine: EngineStorageReport; usage: StorageUsage }> {
  invalidateUsage();
  const report = await getStorageReport(fixture.context, fixture.actors[actor]);
  const usage = await fixture.engine.usage();
  expect(report.engines).toHaveLength(1);
  return { engine: report.engines[0]!, usage };
}

const sum = (values: Array<number | null>) => values.reduce<number>((total, value) => total + (value ?? 0), 0);

describe('storage report against the embedded engine', () => {
  it("gives every environment exactly the engine's measured sizes", async () => {
    const { engine, usage } = await reportAndUsage('admin');
    expect(engine.deltaAccounting).toBe(true);
    expect(engine.environments.map((environment) => environment.name).sort()).toEqual([
      'dev_pinned',
      'ds_tenth',
      'ds_untouched',
      'production',
      'qa_half',
    ]);
    for (const environment of engine.environments) {
      const measured = usage.databases.find((database) => database.database === environment.name);
      expect(measured, environment.name).toBeDefined();
      expect([environment.logicalBytes, environment.ownBytes, environment.sharedBytes]).toEqual([
        measured!.logicalBytes,
        measured!.ownBytes,
        measured!.sharedBytes,
      ]);
    }
  });

  it('reports physical bytes as measured and savings as logical minus physical, exactly', async () => {
    const { engine, usage } = await reportAndUsage('admin');
    const totals = engine.totals!;
    expect(totals.physicalBytes).toBe(usage.physicalBytes);
    expect(totals.logicalBytes).toBe(usage.logicalBytes);
    expect(totals.logicalBytes).toBe(sum(usage.databases.map((database) => database.logicalBytes)));
    expect(totals.fullCopyBytes).toBe(totals.logicalBytes);
    expect(totals.savedBytes).toBe(usage.logicalBytes - usage.physicalBytes!);
    expect(totals.savedPercent).toBeCloseTo((totals.savedBytes! / totals.logicalBytes) * 100, 10);
    expect(totals.ratio).toBeCloseTo(usage.logicalBytes / usage.physicalBytes!, 10);
    // Five databases that mostly share production's pages: the store holds far less than five copies.
    expect(totals.savedBytes).toBeGreaterThan(0);
    expect(totals.ratio).toBeGreaterThan(2);
    expect(totals.unmanaged.count).toBe(0);
  });

  it('sums each team over its own environments and snapshots', async () => {
    const { engine, usage } = await reportAndUsage('admin');
    expect(engine.teams.map((team) => team.name)).toEqual(['data-science', 'dev', 'qa', 'organisation']);
    for (const team of engine.teams) {
      const held = engine.environments.filter((environment) => environment.teamId === team.teamId);
      expect(team.environmentCount).toBe(held.length);
      expect(team.logicalBytes).toBe(sum(held.map((environment) => environment.logicalBytes)));
      expect(team.ownBytes).toBe(sum(held.map((environment) => environment.ownBytes)));
      expect(team.pinnedBytes).toBe(sum(held.map((environment) => environment.pinnedBytes)));
    }
    const experiment = usage.snapshots.find((snapshot) => snapshot.snapshot === 'dev_pinned_experiment');
    expect(experiment?.pinnedBytes).toBeGreaterThan(0);
    const dev = engine.teams.find((team) => team.name === 'dev')!;
    const devSnapshots = ['dev_pinned_experiment', 'dev_pinned_base'].map(
      (name) => usage.snapshots.find((snapshot) => snapshot.snapshot === name)?.pinnedBytes ?? 0,
    );
    expect(dev.pinnedBytes).toBe(sum(devSnapshots));
  });

  it('gives the clone that changed more rows more own bytes', async () => {
    const { engine } = await reportAndUsage('admin');
    const own = (name: string) => engine.environments.find((environment) => environment.name === name)!.ownBytes!;
    expect(own('ds_tenth')).toBeGreaterThan(own('ds_untouched'));
    expect(own('qa_half')).toBeGreaterThan(own('ds_tenth'));
    expect(engine.topByDelta[0]?.name).toBe('qa_half');
    expect(engine.topByDelta.map((environment) => environment.ownBytes)).toEqual(
      [...engine.topByDelta.map((environment) => environment.ownBytes)].sort((a, b) => b! - a!),
    );
  });

  it("shows a lead only their team's slice, without engine totals", async () => {
    const { engine, usage } = await reportAndUsage('leadDs');
    expect(engine.totals).toBeNull();
    expect(engine.environments.map((environment) => environment.name).sort()).toEqual(['ds_tenth', 'ds_untouched']);
    expect(engine.teams.map((team) => team.name)).toEqual(['data-science']);
    const tenth = usage.databases.find((database) => database.database === 'ds_tenth')!;
    expect(engine.environments.find((environment) => environment.name === 'ds_tenth')?.ownBytes).toBe(tenth.ownBytes);
    const csv = storageReportCsv({ scope: 'teams', generatedAt: '', idleAfterDays: 7, engines: [engine] });
    expect(csv).not.toMatch(/qa_half|dev_pinned|production/);
  });

  it('lists environments past expiry or idle, holding the most first, never production', async () => {
    const later = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
    const report = await getStorageReport({ ...fixture.context, now: () => later }, fixture.actors.admin);
    const engine = report.engines[0]!;
    expect(engine.expiredOrIdle.map((environment) => environment.name)).toEqual(
      engine.environments.filter((environment) => !environment.isProduction).map((environment) => environment.name),
    );
    expect(engine.expiredOrIdle.every((environment) => environment.expired && environment.idle)).toBe(true);
    const now = (await getStorageReport(fixture.context, fixture.actors.admin)).engines[0]!;
    expect(now.expiredOrIdle).toEqual([]);
  });

  it('measures afresh when the shared measurement predates the latest environment change', async () => {
    invalidateUsage();
    await getStorageReport(fixture.context, fixture.actors.admin);
    // Made straight on the engine and in the store: well within the measurement's few seconds of reuse.
    await fixture.engine.cloneDatabase({ source: 'production', target: 'dev_fresh', from: { kind: 'now' } });
    const users = await fixture.prisma.user.findMany({ where: { email: 'lead.dev@clonedeck.local' } });
    await fixture.prisma.environment.create({
      data: {
        name: 'dev_fresh',
        engineId: 'embedded',
        teamId: fixture.teams.dev.id,
        purpose: 'storage test',
        createdById: users[0]!.id,
        status: 'ready',
      },
    });
    const engine = (await getStorageReport(fixture.context, fixture.actors.admin)).engines[0]!;
    const fresh = engine.environments.find((environment) => environment.name === 'dev_fresh');
    const measured = (await fixture.engine.usage()).databases.find((database) => database.database === 'dev_fresh');
    expect(fresh?.logicalBytes).toBe(measured?.logicalBytes);
    expect(fresh?.logicalBytes).toBeGreaterThan(0);
  });
});
