import { configFrom, type EnvVars } from '@/lib/config';
import os from 'node:os';
import { isUniqueViolation } from '@/lib/db/errors';
import type { StorageUsage } from '@/lib/engines/types';
import type { Prisma, UsageResolution } from '@/lib/generated/prisma/client';
import type { DomainContext } from './context';
import { LIVE } from './environments/load';
import { engineUsage } from './usage';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Raw samples are kept this long, hourly rows this long, daily rows this long. */
export const RETENTION = { rawMs: DAY_MS, hourMs: 30 * DAY_MS, dayMs: 400 * DAY_MS } as const;
/** Buckets rolled up per transaction, and windows per pass: bounded work even after a long pause. */
const WINDOW_BUCKETS: Record<'hour' | 'day', number> = { hour: 24, day: 7 };
const MAX_WINDOWS_PER_PASS = 60;

type SampleRow = Prisma.UsageSampleCreateManyInput;
type EnvironmentRef = { id: string; name: string; engineId: string; teamId: string | null };

/** CLONEDECK_USAGE_SAMPLE_SECONDS (default 300, at least 10) as milliseconds. */
export function usageSampleIntervalMs(env: EnvVars = process.env): number {
  return configFrom(env).CLONEDECK_USAGE_SAMPLE_SECONDS * 1000;
}

/**
 * Writes one raw sample per engine, all at the same instant: an engine-wide row (no
 * environment, no team: physical bytes and the sum of logical sizes), one row per live
 * environment the engine reports (logical, own), and one row per team that has such an
 * environment (sums over them). An engine that cannot be measured is skipped and logged.
 */
export async function sampleUsage(context: DomainContext): Promise<{ rows: number }> {
  const sampledAt = context.now();
  const environments = await context.prisma.environment.findMany({
    where: LIVE,
    select: { id: true, name: true, engineId: true, teamId: true },
  });
  let rows = 0;
  for (const engineId of context.engines.ids()) {
    try {
      const usage = await engineUsage(context, engineId, 0);
      const data = usageRows(
        engineId,
        usage,
        environments.filter((environment) => environment.engineId === engineId),
        sampledAt,
      );
      rows += (await context.prisma.usageSample.createMany({ data })).count;
    } catch (error) {
      console.error(`[clonedeck] sampling the storage of engine ${engineId} failed:`, error);
    }
  }
  return { rows };
}

export function usageRows(engineId: string, usage: StorageUsage, environments: readonly EnvironmentRef[], sampledAt: Date): SampleRow[] {
  const delta = usage.deltaAccounting;
  const databases = new Map(usage.databases.map((database) => [database.database, database]));
  const rows: SampleRow[] = [
    {
      engineId,
      sampledAt,
      logicalBytes: BigInt(usage.logicalBytes),
      physicalBytes: delta && usage.physicalBytes !== null ? BigInt(usage.physicalBytes) : null,
    },
  ];
  const teams = new Map<string, { logical: bigint; own: bigint }>();
  for (const environment of environments) {
    const database = databases.get(environment.name);
    if (!database) continue;
    const own = delta && database.ownBytes !== null ? BigInt(database.ownBytes) : null;
    rows.push({
      engineId,
      environmentId: environment.id,
      teamId: environment.teamId,
      sampledAt,
      logicalBytes: BigInt(database.logicalBytes),
      ownBytes: own,
    });
    if (environment.teamId === null) continue;
    const team = teams.get(environment.teamId) ?? { logical: 0n, own: 0n };
    teams.set(environment.teamId, { logical: team.logical + BigInt(database.logicalBytes), own: team.own + (own ?? 0n) });
  }
  for (const [teamId, team] of teams) {
    rows.push({ engineId, teamId, sampledAt, logicalBytes: team.logical, ownBytes: delta ? team.own : null });
  }
  return rows;
}

/**
 * Keeps the history bounded: raw samples older than a day become hourly averages, hourly
 * rows older than 30 days become daily averages (what is rolled up is deleted), and daily
 * rows older than 400 days are deleted. Only whole buckets are rolled up, so a bucket is
 * never split into two rows.
 */
export async function downsampleUsage(context: DomainContext): Promise<{ hourRows: number; dayRows: number; expiredRows: number }> {
  const now = context.now().getTime();
  const hourRows = await rollUp(context, 'raw', 'hour', HOUR_MS, floorTo(now - RETENTION.rawMs, HOUR_MS));
  const dayRows = await rollUp(context, 'hour', 'day', DAY_MS, floorTo(now - RETENTION.hourMs, DAY_MS));
  const expired = await context.prisma.usageSample.deleteMany({
    where: { resolution: 'day', sampledAt: { lt: new Date(now - RETENTION.dayMs) } },
  });
  return { hourRows, dayRows, expiredRows: expired.count };
}

async function rollUp(
  context: DomainContext,
  from: UsageResolution,
  to: 'hour' | 'day',
  bucketMs: number,
  before: number,
): Promise<number> {
  let written = 0;
  for (let window = 0; window < MAX_WINDOWS_PER_PASS; window++) {
    const first = await context.prisma.usageSample.findFirst({
      where: { resolution: from, sampledAt: { lt: new Date(before) } },
      orderBy: { sampledAt: 'asc' },
      select: { sampledAt: true },
    });
    if (!first) break;
    const start = floorTo(first.sampledAt.getTime(), bucketMs);
    const range = { gte: new Date(start), lt: new Date(Math.min(before, start + WINDOW_BUCKETS[to] * bucketMs)) };
    const rows = await context.prisma.usageSample.findMany({ where: { resolution: from, sampledAt: range } });
    const averaged = averageByBucket(rows, bucketMs, to);
    await context.prisma.$transaction([
      context.prisma.usageSample.createMany({ data: averaged }),
      context.prisma.usageSample.deleteMany({ where: { resolution: from, sampledAt: range } }),
    ]);
    written += averaged.length;
  }
  return written;
}

type StoredSample = Pick<SampleRow, 'engineId' | 'environmentId' | 'teamId' | 'sampledAt'> & {
  logicalBytes: bigint;
  ownBytes: bigint | null;
  physicalBytes: bigint | null;
};

/** One row per series (engine, environment, team) and bucket, with the mean of each figure. */
export function averageByBucket(rows: readonly StoredSample[], bucketMs: number, resolution: 'hour' | 'day'): SampleRow[] {
  const groups = new Map<string, StoredSample[]>();
  for (const row of rows) {
    const bucket = floorTo(new Date(row.sampledAt).getTime(), bucketMs);
    const key = [row.engineId, row.environmentId ?? '', row.teamId ?? '', bucket].join('|');
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    return {
      engineId: first.engineId,
      environmentId: first.environmentId ?? null,
      teamId: first.teamId ?? null,
      sampledAt: new Date(floorTo(new Date(first.sampledAt).getTime(), bucketMs)),
      resolution,
      logicalBytes: mean(group.map((row) => row.logicalBytes))!,
      ownBytes: mean(group.map((row) => row.ownBytes)),
      physicalBytes: mean(group.map((row) => row.physicalBytes)),
    };
  });
}

/** The rounded mean of the known values; null when none is known. */
function mean(values: ReadonlyArray<bigint | null>): bigint | null {
  const known = values.filter((value): value is bigint => value !== null);
  if (known.length === 0) return null;
  const count = BigInt(known.length);
  return (known.reduce((sum, value) => sum + value, 0n) * 2n + count) / (2n * count);
}

function floorTo(time: number, stepMs: number): number {
  return Math.floor(time / stepMs) * stepMs;
}

/**
 * Named by host, not by process: a server restarted on the same machine takes its lease back
 * at once (its start-up sample is not held up by the lease of the process it replaces).
 */
const HOLDER = `usage-sampler@${os.hostname()}`;

/**
 * One pass of the sampler loop: sample, then downsample. With several replicas sharing the
 * metadata store, only the holder of the "usage-sampler" lease samples, so a point is not
 * written once per replica.
 */
export async function runUsageSamplerPass(context: DomainContext, intervalMs = usageSampleIntervalMs(), holder = HOLDER): Promise<boolean> {
  if (!(await holdLease(context, 'usage-sampler', holder, 2 * intervalMs))) return false;
  await sampleUsage(context);
  await downsampleUsage(context);
  return true;
}

/** Takes or renews the named lease for `holder`; false while another holder's lease runs. */
export async function holdLease(context: DomainContext, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const now = context.now();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const renewed = await context.prisma.lease.updateMany({
    where: { name, OR: [{ holder }, { expiresAt: { lt: now } }] },
    data: { holder, expiresAt },
  });
  if (renewed.count > 0) return true;
  try {
    await context.prisma.lease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
