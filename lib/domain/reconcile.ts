import { isAppError } from '@/lib/errors';
import type { Environment } from '@/lib/generated/prisma/client';
import { SYSTEM_ACTOR } from './actor';
import { recordAudit } from './audit';
import type { DomainContext } from './context';
import { finishDrop } from './environments/lifecycle';
import { LIVE } from './environments/load';
import { baseSnapshotName } from './names';
import { isInternalDatabaseName } from './unmanaged';
import { isBusy } from './environments/status';
import { applyCredentialsValidity } from './operations/credentials-validity';

export interface ReconcileReport {
  /** Environments the engine no longer has (dropped by hand): marked "missing". */
  missing: string[];
  /** Environments that were "missing" and are back. */
  recovered: string[];
  /** Operations a restart interrupted, and what was done about them. */
  interrupted: string[];
  /** Databases on the engine that Clonedeck does not manage. */
  unmanaged: Array<{ engineId: string; database: string }>;
}

/**
 * Brings the metadata in line with the engines without guessing: records whose database is
 * gone are marked, databases nobody registered are listed, and operations a restart cut
 * short are finished (drops) or marked failed (everything else). `atStartup` says no
 * operation of this process can be running.
 */
export async function reconcile(context: DomainContext, options: { atStartup: boolean }): Promise<ReconcileReport> {
  const report: ReconcileReport = { missing: [], recovered: [], interrupted: [], unmanaged: [] };
  for (const engineId of context.engines.ids()) {
    const engine = await context.engines.get(engineId);
    const onEngine = new Set((await engine.listDatabases()).map((database) => database.name));
    const environments = await context.prisma.environment.findMany({ where: { engineId, ...LIVE } });
    const managed = new Set(environments.map((environment) => environment.name));
    for (const environment of environments) await reconcileOne(context, environment, onEngine.has(environment.name), options, report);
    for (const database of onEngine) {
      if (!managed.has(database) && !isInternalDatabaseName(database)) report.unmanaged.push({ engineId, database });
    }
  }
  return report;
}

async function reconcileOne(
  context: DomainContext,
  environment: Environment,
  exists: boolean,
  options: { atStartup: boolean },
  report: ReconcileReport,
): Promise<void> {
  if (isBusy(environment.status)) {
    if (options.atStartup) await finishInterrupted(context, environment, exists, report);
    return;
  }
  if (!exists && environment.status !== 'missing' && environment.status !== 'failed') {
    await mark(context, environment, 'missing', 'The engine no longer has this database (dropped outside Clonedeck?).');
    report.missing.push(environment.name);
  } else if (exists && environment.status === 'missing') {
    await mark(context, environment, 'ready', null);
    report.recovered.push(environment.name);
  }
  // The engine learns each change of expiry as it happens; at start-up it is told them all
  // again (environments made before it enforced expiry, a change whose record did not commit).
  if (exists && options.atStartup) {
    await applyCredentialsValidity(context, environment).catch((error: unknown) =>
      console.warn(`[clonedeck] reconcile: could not set how long ${environment.name}'s credentials are valid:`, error),
    );
  }
}

async function finishInterrupted(context: DomainContext, environment: Environment, exists: boolean, report: ReconcileReport) {
  const target = { type: 'environment' as const, name: environment.name, teamId: environment.teamId };
  try {
    if (environment.status === 'dropping') {
      await finishDrop(context, environment);
    } else {
      if (environment.status === 'provisioning' && exists) await undoHalfClone(context, environment);
      await mark(context, environment, 'failed', `Interrupted by a server restart while ${environment.status}; run it again.`);
    }
    await recordAudit(context, SYSTEM_ACTOR, 'environment.recover', target, { ok: true }, { was: environment.status });
  } catch (error) {
    await recordAudit(context, SYSTEM_ACTOR, 'environment.recover', target, { ok: false, error }, { was: environment.status });
  }
  report.interrupted.push(`${environment.name} (${environment.status})`);
}

/** A clone a restart cut short is removed, so no database exists that the record does not describe. */
async function undoHalfClone(context: DomainContext, environment: Environment): Promise<void> {
  const engine = await context.engines.get(environment.engineId);
  const ignoreMissing = (error: unknown) => {
    if (!isAppError(error) || error.code !== 'NOT_FOUND') throw error;
  };
  await engine.dropSnapshot(baseSnapshotName(environment.name)).catch(ignoreMissing);
  await engine.dropDatabase(environment.name).catch(ignoreMissing);
}

async function mark(context: DomainContext, environment: Environment, status: Environment['status'], message: string | null) {
  await context.prisma.environment.update({
    where: { id: environment.id },
    data: { status, statusMessage: message, ...(status === 'failed' ? { lastError: message } : {}) },
  });
}
