import type { StorageUsage } from '@/lib/engines/types';
import type { DomainContext } from './context';

const cache = ((
  globalThis as typeof globalThis & { __clonedeckUsage?: Map<string, { at: number; usage: Promise<StorageUsage> }> }
).__clonedeckUsage ??= new Map());

/**
 * An engine's storage usage, measured at most every `maxAgeMs`: pages that poll every few
 * seconds share one measurement instead of walking the store each time.
 */
export async function engineUsage(context: DomainContext, engineId: string, maxAgeMs = 5_000): Promise<StorageUsage> {
  const cached = cache.get(engineId);
  if (cached && Date.now() - cached.at < maxAgeMs) return cached.usage;
  const usage = context.engines.get(engineId).then((engine) => engine.usage());
  cache.set(engineId, { at: Date.now(), usage });
  usage.catch(() => cache.delete(engineId));
  return usage;
}

/** Forget measurements after an operation that changes sizes, so the next read is fresh. */
export function invalidateUsage(engineId?: string): void {
  if (engineId) cache.delete(engineId);
  else cache.clear();
}

/** Per-database sizes of one engine, keyed by database name. */
export async function databaseSizes(context: DomainContext, engineId: string) {
  const usage = await engineUsage(context, engineId).catch(() => null);
  return { usage, byName: new Map(usage?.databases.map((database) => [database.database, database]) ?? []) };
}

/**
 * What dropping a database (with its snapshots) or a snapshot alone would free now, from the
 * engine's one measurement: the figure the storage page, the tree, the API and the CLI show.
 */
export async function freedIfDropped(
  context: DomainContext,
  engineId: string,
  object: { database: string } | { snapshot: string },
): Promise<number | null> {
  const { usage, byName } = await databaseSizes(context, engineId);
  if ('database' in object) return byName.get(object.database)?.freedIfDroppedBytes ?? null;
  return usage?.snapshots.find((snapshot) => snapshot.snapshot === object.snapshot)?.freedIfDroppedBytes ?? null;
}
