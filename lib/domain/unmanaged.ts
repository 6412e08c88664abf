import { isAppError } from '@/lib/errors';
import type { DomainContext } from './context';
import { LIVE } from './environments/load';

/** A database on an engine that no live environment record describes. */
export interface UnmanagedDatabase {
  engineId: string;
  database: string;
}

/** Clonedeck's own short-lived databases (restore verification, the copy kept before a swap). */
const INTERNAL_DATABASE = /_verify_|_before_restore_/;

export function isInternalDatabaseName(name: string): boolean {
  return INTERNAL_DATABASE.test(name);
}

/**
 * Databases the engines hold that Clonedeck does not manage (made by hand, or left over).
 * Read-only: unlike the reconciler it changes nothing. An engine that cannot be reached is
 * skipped (its health check says why); callers decide who may see the list.
 */
export async function listUnmanagedDatabases(context: DomainContext): Promise<UnmanagedDatabase[]> {
  const perEngine = await Promise.all(context.engines.ids().map((engineId) => unmanagedOn(context, engineId)));
  return perEngine.flat();
}

async function unmanagedOn(context: DomainContext, engineId: string): Promise<UnmanagedDatabase[]> {
  let names: string[];
  try {
    const engine = await context.engines.get(engineId);
    names = (await engine.listDatabases()).map((database) => database.name);
  } catch (error) {
    if (!isAppError(error)) console.error(`[clonedeck] listing databases on ${engineId} failed:`, error);
    return [];
  }
  const environments = await context.prisma.environment.findMany({ where: { engineId, ...LIVE }, select: { name: true } });
  const managed = new Set(environments.map((environment) => environment.name));
  return names
    .filter((name) => !managed.has(name) && !isInternalDatabaseName(name))
    .sort()
    .map((database) => ({ engineId, database }));
}
