import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UsageResolution } from '@/lib/generated/prisma/client';
import { provisionEnvironment } from './environments/provision';
import { getStorageHistory } from './storage-history';
import { createDomainFixture, type DomainFixture } from './testing/fixture';
import { downsampleUsage, holdLease, sampleUsage, usageSampleIntervalMs } from './usage-sampler';

let fixture: DomainFixture;
let clock = new Date('2026-03-01T12:00:00Z');
const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  fixture = await createDomainFixture();
  fixture.context.now = () => clock;
  const source = { kind: 'environment', environmentId: fixture.production.id };
  await provisionEnvironment(
    fixture.context,
    fixture.actors.leadDs,
    { teamId: fixture.teams['data-science'].id, name: 'ds_sampled', purpose: 'sampler test', source },
    { wait: true },
  );
  await fixture.engine.query('ds_sampled', 'UPDATE user_behavior SET price = 1 WHERE id <= 300');
  await fixture.engine.checkpoint('ds_sampled');
}, 120_000);
afterAll(async () => {
  await fixture?.close();
});
beforeEach(async () => {
  await fixture.prisma.usageSample.deleteMany();
});

/** An engine-wide row with a known value, written straight into the metadata store. */
function engineRow(
  sampledAt: string,
  logical: number,
  resolution: UsageResolution = 'raw',
  physical: number | null = Math.floor(logical / 2),
) {
  return {
    engineId: 'embedded',
    sampledAt: at(sampledAt),
    logicalBytes: BigInt(logical),
    physicalBytes: physical === null ? null : BigInt(physical),
    resolution,
  };
}

async function rows(resolution: UsageResolution) {
  const found = await fixture.prisma.usageSample.findMany({ where: { resolution }, orderBy: { sampledAt: 'asc' } });
  return found.map((row) => [
    row.sampledAt.toISOString(),
    Number(row.logicalBytes),
    row.physicalBytes === null ? null : Number(row.physicalBytes),
  ]);
}

describe('sampleUsage', () => {
  it('writes an engine row, a row per environment and a row per team, from one measurement', async () => {
    clock = at('2026-03-01T12:00:00Z');
    const { rows: written } = await sampleUsage(fixture.context);
    const usage = await fixture.engine.usage();
    const samples = await fixture.prisma.usageSample.findMany();
    expect(written).toBe(samples.length);
    expect(samples.every((sample) => sample.sampledAt.getTime() === clock.getTime() && sample.resolution === 'raw')).toBe(true);
    const engine = samples.filter((sample) => sample.environmentId === null && sample.teamId === null);
    expect(engine.map((sample) => [Number(sample.logicalBytes), Number(sample.physicalBytes)])).toEqual([
      [usage.logicalBytes, usage.physicalBytes],
    ]);
    const clone = usage.databases.find((database) => database.database === 'ds_sampled')!;
    const cloneRow = samples.find((sample) => sample.environmentId !== null && sample.teamId === fixture.teams['data-science'].id)!;
    expect([Number(cloneRow.logicalBytes), Number(cloneRow.ownBytes)]).toEqual([clone.logicalBytes, clone.ownBytes]);
    const teams = samples.filter((sample) => sample.environmentId === null && sample.teamId !== null);
    expect(teams.map((sample) => [sample.teamId, Number(sample.logicalBytes), Number(sample.ownBytes)])).toEqual([
      [fixture.teams['data-science'].id, clone.logicalBytes, clone.ownBytes],
    ]);
    expect(samples.filter((sample) => sample.environmentId === fixture.production.id)).toHaveLength(1);
  });

  it('reads its interval from CLONEDECK_USAGE_SAMPLE_SECONDS, 300 s by default, refusing less than 10 s', () => {
    expect(usageSampleIntervalMs({})).toBe(300_000);
    expect(usageSampleIntervalMs({ CLONEDECK_USAGE_SAMPLE_SECONDS: '20' })).toBe(20_000);
    expect(() => usageSampleIntervalMs({ CLONEDECK_USAGE_SAMPLE_SECONDS: '1' })).toThrow(
      /CLONEDECK_USAGE_SAMPLE_SECONDS must be a whole number at least 10/,
    );
    expect(() => usageSampleIntervalMs({ CLONEDECK_USAGE_SAMPLE_SECONDS: 'soon' })).toThrow(/CLONEDECK_USAGE_SAMPLE_SECONDS/);
  });
});

describe('downsampleUsage', () => {
  it('rolls whole hours of raw samples older than a day into hourly means, and keeps the rest', async () => {
    await fixture.prisma.usageSample.createMany({
      data: [
        engineRow('2026-03-01T08:00:00Z', 100),
        engineRow('2026-03-01T08:20:00Z', 200),
        engineRow('2026-03-01T08:40:00Z', 301),
        engineRow('2026-03-01T09:10:00Z', 1000),
        // The 10:00 hour straddles the 24-hour line: neither half is rolled up yet.
        engineRow('2026-03-01T10:05:00Z', 7),
        engineRow('2026-03-01T10:30:00Z', 9),
      ],
    });
    clock = at('2026-03-02T10:10:00Z');
    expect(await downsampleUsage(fixture.context)).toEqual({ hourRows: 2, dayRows: 0, expiredRows: 0 });
    expect(await rows('hour')).toEqual([
      ['2026-03-01T08:00:00.000Z', 200, 100],
      ['2026-03-01T09:00:00.000Z', 1000, 500],
    ]);
    expect(await rows('raw')).toEqual([
      ['2026-03-01T10:05:00.000Z', 7, 3],
      ['2026-03-01T10:30:00.000Z', 9, 4],
    ]);
    clock = at('2026-03-02T11:00:00Z');
    await downsampleUsage(fixture.context);
    expect(await rows('hour')).toContainEqual(['2026-03-01T10:00:00.000Z', 8, 4]);
    expect(await rows('raw')).toEqual([]);
  });

  it('keeps series apart and a figure nobody reported null', async () => {
    const team = fixture.teams.qa.id;
    await fixture.prisma.usageSample.createMany({
      data: [
        engineRow('2026-03-01T08:00:00Z', 100, 'raw', null),
        engineRow('2026-03-01T08:30:00Z', 300, 'raw', null),
        { engineId: 'embedded', teamId: team, sampledAt: at('2026-03-01T08:10:00Z'), logicalBytes: 40n, ownBytes: 4n },
        { engineId: 'embedded', teamId: team, sampledAt: at('2026-03-01T08:40:00Z'), logicalBytes: 60n, ownBytes: null },
      ],
    });
    clock = at('2026-03-03T00:00:00Z');
    await downsampleUsage(fixture.context);
    const hourly = await fixture.prisma.usageSample.findMany({ where: { resolution: 'hour' }, orderBy: { logicalBytes: 'asc' } });
    expect(hourly.map((row) => [row.teamId, Number(row.logicalBytes), row.ownBytes, row.physicalBytes])).toEqual([
      [team, 50, 4n, null],
      [null, 200, null, null],
    ]);
  });

  it('rolls hourly rows older than 30 days into days, and deletes days older than 400 days', async () => {
    await fixture.prisma.usageSample.createMany({
      data: [
        engineRow('2025-01-01T00:00:00Z', 5, 'day'),
        engineRow('2026-01-10T03:00:00Z', 10, 'hour'),
        engineRow('2026-01-10T15:00:00Z', 30, 'hour'),
        engineRow('2026-02-20T15:00:00Z', 70, 'hour'),
      ],
    });
    clock = at('2026-03-01T12:00:00Z');
    expect(await downsampleUsage(fixture.context)).toEqual({ hourRows: 0, dayRows: 1, expiredRows: 1 });
    expect(await rows('day')).toEqual([['2026-01-10T00:00:00.000Z', 20, 10]]);
    expect(await rows('hour')).toEqual([['2026-02-20T15:00:00.000Z', 70, 35]]);
  });

  it('catches up after a long pause: raw rows a month old end up as days', async () => {
    await fixture.prisma.usageSample.createMany({ data: [engineRow('2026-01-05T06:00:00Z', 10), engineRow('2026-01-05T18:00:00Z', 20)] });
    clock = at('2026-03-01T12:00:00Z');
    await downsampleUsage(fixture.context);
    expect([await rows('raw'), await rows('hour'), await rows('day')]).toEqual([[], [], [['2026-01-05T00:00:00.000Z', 15, 8]]]);
  });
});

describe('the sampler lease', () => {
  it('lets one replica sample at a time, and another take over once the lease runs out', async () => {
    clock = at('2026-03-01T12:00:00Z');
    expect(await holdLease(fixture.context, 'usage-sampler-test', 'replica-a', 10 * MINUTE)).toBe(true);
    expect(await holdLease(fixture.context, 'usage-sampler-test', 'replica-b', 10 * MINUTE)).toBe(false);
    expect(await holdLease(fixture.context, 'usage-sampler-test', 'replica-a', 10 * MINUTE)).toBe(true);
    clock = new Date(clock.getTime() + 11 * MINUTE);
    expect(await holdLease(fixture.context, 'usage-sampler-test', 'replica-b', 10 * MINUTE)).toBe(true);
    expect(await holdLease(fixture.context, 'usage-sampler-test', 'replica-a', 10 * MINUTE)).toBe(false);
  });
});

describe('getStorageHistory', () => {
  it('draws the samples: engine totals and every team for admins, only their team for a lead', async () => {
    for (const minutes of [0, 5, 10]) {
      clock = new Date(at('2026-03-01T12:00:00Z').getTime() + minutes * MINUTE);
      await sampleUsage(fixture.context);
    }
    const usage = await fixture.engine.usage();
    const admin = (await getStorageHistory(fixture.context, fixture.actors.admin, '24h')).engines[0]!;
    expect(admin.sampleCount).toBe(3);
    expect(admin.totals?.at(-1)?.values).toEqual({ logical: usage.logicalBytes, physical: usage.physicalBytes });
    expect(admin.teamSeries.map((series) => series.label)).toEqual(['Data science', 'Organisation (production)']);
    const clone = usage.databases.find((database) => database.database === 'ds_sampled')!;
    expect(admin.teams.at(-1)?.values[fixture.teams['data-science'].id]).toBe(clone.ownBytes);

    // QA holds nothing: its line is drawn at 0 rather than left out, and the engine's figures stay hidden.
    const lead = (await getStorageHistory(fixture.context, fixture.actors.leadQa, '24h')).engines[0]!;
    expect([lead.totals, lead.teamSeries, lead.sampleCount]).toEqual([null, [{ key: fixture.teams.qa.id, label: 'QA' }], 3]);
    expect(lead.teams.map((point) => point.values)).toEqual([0, 0, 0].map((value) => ({ [fixture.teams.qa.id]: value })));
    const ds = (await getStorageHistory(fixture.context, fixture.actors.leadDs, '7d')).engines[0]!;
    expect(ds.totals).toBeNull();
    expect(ds.teamSeries.map((series) => series.key)).toEqual([fixture.teams['data-science'].id]);
    // Three samples within one hour: the 7-day range averages them into one point.
    expect(ds.teams).toHaveLength(1);
    expect(ds.sampleCount).toBe(3);
  });

  it('leaves out what is older than the range', async () => {
    await fixture.prisma.usageSample.createMany({
      data: [engineRow('2026-02-01T00:00:00Z', 1, 'hour'), engineRow('2026-03-01T11:00:00Z', 2)],
    });
    clock = at('2026-03-01T12:00:00Z');
    const day = (await getStorageHistory(fixture.context, fixture.actors.admin, '24h')).engines[0]!;
    expect(day.totals?.map((point) => point.values.logical)).toEqual([2]);
    const month = (await getStorageHistory(fixture.context, fixture.actors.admin, '30d')).engines[0]!;
    expect(month.totals?.map((point) => point.values.logical)).toEqual([1, 2]);
  });
});
