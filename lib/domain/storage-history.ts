import { z } from 'zod';
import type { Prisma } from '@/lib/generated/prisma/client';
import { isAdminActor, visibleTeams } from './access';
import type { Actor } from './actor';
import type { DomainContext } from './context';
import { engineCapabilities } from './engines';
import { ORGANISATION } from './storage-engine';
import { HISTORY_RANGES, type EngineHistory, type HistoryPoint, type HistoryRange, type StorageHistory } from './storage-history-types';
import { usageSampleIntervalMs } from './usage-sampler';

export * from './storage-history-types';

export const historyQuerySchema = z.strictObject({ range: z.enum(HISTORY_RANGES).default('24h') });

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** How far back each range reaches, and the bucket its points are averaged into (none: every sample). */
const RANGES: Record<HistoryRange, { spanMs: number; bucketMs: number | null }> = {
  '24h': { spanMs: DAY_MS, bucketMs: null },
  '7d': { spanMs: 7 * DAY_MS, bucketMs: HOUR_MS },
  '30d': { spanMs: 30 * DAY_MS, bucketMs: 6 * HOUR_MS },
  '1y': { spanMs: 365 * DAY_MS, bucketMs: DAY_MS },
};

type Row = {
  engineId: string;
  environmentId: string | null;
  teamId: string | null;
  sampledAt: Date;
  logicalBytes: bigint;
  ownBytes: bigint | null;
  physicalBytes: bigint | null;
};

/**
 * Usage over time for the storage charts, from the sampler's rows (raw, hourly and daily
 * alike, averaged into the range's buckets). Admins get the engine's logical and physical
 * bytes and every team that held something plus the organisation; others only their teams'
 * series. Team series are drawn at every sampling instant of the engine: a team without a
 * row at an instant had no environment the engine reported, so it held 0 bytes there.
 */
export async function getStorageHistory(context: DomainContext, actor: Actor, range: HistoryRange): Promise<StorageHistory> {
  const admin = await isAdminActor(context, actor);
  const teamIds = admin ? 'all' : await visibleTeams(context, actor);
  const to = context.now();
  const from = new Date(to.getTime() - RANGES[range].spanMs);
  const scope: Prisma.UsageSampleWhereInput[] =
    teamIds === 'all'
      ? [{ environmentId: null }, { environmentId: { not: null }, teamId: null }]
      : // The engine rows only give a lead the sampling instants: their values stay on the server.
        [
          { environmentId: null, teamId: { in: teamIds } },
          { environmentId: null, teamId: null },
        ];
  const [rows, teams] = await Promise.all([
    context.prisma.usageSample.findMany({ where: { sampledAt: { gte: from, lte: to }, OR: scope }, orderBy: { sampledAt: 'asc' } }),
    context.prisma.team.findMany({
      where: teamIds === 'all' ? {} : { id: { in: teamIds } },
      select: { id: true, displayName: true },
      orderBy: { name: 'asc' },
    }),
  ]);
  const engines = await Promise.all(
    context.engines.ids().map(async (engineId) => {
      const delta = (await engineCapabilities(context, engineId))?.deltaAccounting ?? false;
      return engineHistory(
        engineId,
        delta,
        admin,
        rows.filter((row) => row.engineId === engineId),
        teams,
        RANGES[range].bucketMs,
      );
    }),
  );
  return { range, from: from.toISOString(), to: to.toISOString(), sampleIntervalSeconds: usageSampleIntervalMs() / 1000, engines };
}

function engineHistory(
  engineId: string,
  delta: boolean,
  admin: boolean,
  rows: Row[],
  teams: Array<{ id: string; displayName: string }>,
  bucketMs: number | null,
): EngineHistory {
  const engineRows = rows.filter((row) => row.environmentId === null && row.teamId === null);
  const teamRows = rows.filter((row) => row.environmentId === null && row.teamId !== null);
  const measure = (row: Row) => toNumber(delta ? row.ownBytes : row.logicalBytes);
  const instants = [...new Set(engineRows.map((row) => row.sampledAt.getTime()))];
  const byTeam = new Map(teamRows.map((row) => [`${row.teamId}|${row.sampledAt.getTime()}`, measure(row)]));
  const organisation = admin
    ? organisationValues(
        rows.filter((row) => row.environmentId !== null),
        measure,
      )
    : new Map<number, number | null>();
  const held = new Set(teamRows.map((row) => row.teamId));
  const teamSeries = teams.filter((team) => !admin || held.has(team.id)).map((team) => ({ key: team.id, label: team.displayName }));
  if (organisation.size > 0) teamSeries.push({ key: ORGANISATION.name, label: ORGANISATION.displayName });
  const teamValues: Sample[] = instants.flatMap((at) =>
    teamSeries.map(({ key }) => ({ at, key, value: (key === ORGANISATION.name ? organisation.get(at) : byTeam.get(`${key}|${at}`)) ?? 0 })),
  );
  const totals = engineRows.flatMap((row) => [
    { at: row.sampledAt.getTime(), key: 'logical', value: toNumber(row.logicalBytes) },
    { at: row.sampledAt.getTime(), key: 'physical', value: toNumber(row.physicalBytes) },
  ]);
  return {
    engineId,
    deltaAccounting: delta,
    totals: admin ? bucketed(totals, bucketMs) : null,
    teamMeasure: delta ? 'own' : 'logical',
    teamSeries,
    teams: bucketed(teamValues, bucketMs),
    sampleCount: instants.length,
  };
}

type Sample = { at: number; key: string; value: number | null };

/** Production and other organisation-owned environments, summed per sampling instant. */
function organisationValues(environmentRows: Row[], measure: (row: Row) => number | null): Map<number, number | null> {
  const byInstant = new Map<number, number | null>();
  for (const row of environmentRows) {
    const at = row.sampledAt.getTime();
    const value = measure(row);
    const sum = byInstant.get(at);
    byInstant.set(at, value === null ? (sum ?? null) : (sum ?? 0) + value);
  }
  return byInstant;
}

/** Points in time order, each series averaged within its bucket (or kept per sample). */
function bucketed(samples: Sample[], bucketMs: number | null): HistoryPoint[] {
  const sums = new Map<number, Map<string, { sum: number; count: number }>>();
  for (const sample of samples) {
    const at = bucketMs === null ? sample.at : Math.floor(sample.at / bucketMs) * bucketMs;
    const series = sums.get(at) ?? new Map<string, { sum: number; count: number }>();
    sums.set(at, series);
    if (sample.value === null) continue;
    const entry = series.get(sample.key) ?? { sum: 0, count: 0 };
    series.set(sample.key, { sum: entry.sum + sample.value, count: entry.count + 1 });
  }
  const keys = [...new Set(samples.map((sample) => sample.key))];
  return [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([at, series]) => ({
      at,
      values: Object.fromEntries(
        keys.map((key) => {
          const entry = series.get(key);
          return [key, entry ? Math.round(entry.sum / entry.count) : null];
        }),
      ),
    }));
}

function toNumber(value: bigint | null): number | null {
  return value === null ? null : Number(value);
}
