import { reconcile } from '@/lib/domain/reconcile';
import { runUsageSamplerPass, usageSampleIntervalMs } from '@/lib/domain/usage-sampler';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { getDomainContext } from '@/lib/runtime/context';
import { getEngines } from '@/lib/runtime/engines';
import { startLoop } from '@/lib/runtime/loops';
import { demoProductionPending, loadDemoProduction } from './demo-data';
import { startGovernanceLoops } from './governance-loops';

const HEALTH_INTERVAL_MS = 60_000;
const RECONCILE_INTERVAL_MS = 60_000;

/**
 * Once per server process, after migrations and first start: register the configured
 * engines (with their health), load the demo production data if first start asked for it,
 * reconcile metadata with the engines, and start the background loops.
 */
export async function startEngineRuntime(prisma: PrismaClient): Promise<void> {
  const engines = getEngines();
  await refreshEngineHealth(prisma);
  if (await demoProductionPending(prisma, engines.defaultId)) {
    console.info('[clonedeck] loading the demo production database (first start)…');
    const loaded = await loadDemoProduction(await engines.get(engines.defaultId), { engineId: engines.defaultId, prisma });
    console.info(`[clonedeck] production ready: ${loaded.userBehaviorRows} user_behavior rows, ${loaded.productRows} products.`);
  }
  const context = getDomainContext();
  const report = await reconcile(context, { atStartup: true });
  logReconcile(report);
  startLoop('engine-health', HEALTH_INTERVAL_MS, () => refreshEngineHealth(prisma));
  startLoop('reconcile', RECONCILE_INTERVAL_MS, async () => logReconcile(await reconcile(getDomainContext(), { atStartup: false })));
  startGovernanceLoops();
  // The loop's first pass runs within two seconds of start-up, so the storage charts get a first point at once.
  startLoop('usage-sampler', usageSampleIntervalMs(), () => runUsageSamplerPass(getDomainContext()).then(() => undefined));
}

/** Records each engine's health (the dashboard shows it per engine); an unreachable engine is recorded, not fatal. */
export async function refreshEngineHealth(prisma: PrismaClient): Promise<void> {
  const engines = getEngines();
  for (const config of engines.configs) {
    let health: Prisma.InputJsonValue;
    let label: string = config.kind;
    try {
      const engine = await engines.get(config.id);
      label = engine.label;
      health = { ...(await engine.health()) };
    } catch (error) {
      health = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    const maskedUrl = config.url ? maskUrl(config.url) : null;
    await prisma.engine.upsert({
      where: { id: config.id },
      create: { id: config.id, kind: config.kind, label, maskedUrl, lastHealth: health, lastHealthAt: new Date() },
      update: { label, maskedUrl, lastHealth: health, lastHealthAt: new Date() },
    });
  }
}

function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function logReconcile(report: Awaited<ReturnType<typeof reconcile>>): void {
  for (const name of report.missing) console.warn(`[clonedeck] ${name}: the engine no longer has this database; marked missing.`);
  for (const name of report.interrupted) console.warn(`[clonedeck] ${name}: interrupted by a restart; recovered.`);
  if (report.unmanaged.length) {
    console.info(
      `[clonedeck] unmanaged databases on the engines: ${report.unmanaged.map((entry) => `${entry.engineId}/${entry.database}`).join(', ')}`,
    );
  }
}
