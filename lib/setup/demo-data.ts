import { z } from 'zod';
import type { Engine } from '@/lib/engines/types';
import { conflict, engineUnavailable } from '@/lib/errors';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { matrixOneDemoProductionSql } from './demo-data-matrixone';
import { DEMO_PRODUCTION_DATABASE, demoProductionSql } from './demo-data-sql';
import { SETUP_SETTING_KEY } from './first-start';

/**
 * Loads the demo organisation's production database onto an engine and registers it as a
 * protected production environment. Safe to call again: an existing database is kept, an
 * existing registration is not duplicated.
 */
export interface DemoProductionResult {
  createdDatabase: boolean;
  registered: boolean;
  userBehaviorRows: number;
  productRows: number;
}

const DEMO_PURPOSE = 'Demo production data from the seed tutorials: user_behavior log and products v1 catalogue';
const setupSettingSchema = z.object({ mode: z.enum(['demo', 'admin']) });

/** True when the store was set up as the demo organisation and production is not registered yet. */
export async function demoProductionPending(prisma: PrismaClient, engineId: string): Promise<boolean> {
  const setting = await prisma.appSetting.findUnique({ where: { key: SETUP_SETTING_KEY } });
  const parsed = setupSettingSchema.safeParse(setting?.value);
  if (!parsed.success || parsed.data.mode !== 'demo') return false;
  const live = await prisma.environment.count({ where: { engineId, name: DEMO_PRODUCTION_DATABASE, droppedAt: null } });
  return live === 0;
}

export async function loadDemoProduction(
  engine: Engine,
  options: { engineId: string; prisma: PrismaClient },
): Promise<DemoProductionResult> {
  const existing = await engine.getDatabase(DEMO_PRODUCTION_DATABASE);
  if (!existing) await engine.createDatabase(DEMO_PRODUCTION_DATABASE, { initialSql: demoScriptFor(engine.kind) });
  const userBehaviorRows = await countRows(engine, 'user_behavior');
  const productRows = await countRows(engine, 'products');
  const registered = await registerProduction(engine, options, { userBehaviorRows, productRows });
  return { createdDatabase: !existing, registered, userBehaviorRows, productRows };
}

/** PostgreSQL with pgvector (embedded), with real[] (the PostgreSQL engine's binaries), or MatrixOne's own SQL. */
function demoScriptFor(kind: Engine['kind']): string {
  if (kind === 'matrixone') return matrixOneDemoProductionSql();
  return demoProductionSql(kind === 'postgres' ? 'real[]' : 'vector(128)');
}

async function countRows(engine: Engine, table: 'user_behavior' | 'products'): Promise<number> {
  const result = await engine.query(DEMO_PRODUCTION_DATABASE, `SELECT count(*) FROM ${table}`, { readOnly: true });
  const value = result.rows[0]?.[0];
  const count = typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isFinite(count)) throw engineUnavailable(`Could not count the rows of ${table} in ${DEMO_PRODUCTION_DATABASE}.`);
  return count;
}

async function registerProduction(
  engine: Engine,
  { engineId, prisma }: { engineId: string; prisma: PrismaClient },
  rows: { userBehaviorRows: number; productRows: number },
): Promise<boolean> {
  return prisma.$transaction(async (transaction) => {
    await transaction.engine.upsert({
      where: { id: engineId },
      create: { id: engineId, kind: engine.kind, label: engine.label },
      update: {},
    });
    const live = await transaction.environment.findFirst({ where: { engineId, name: DEMO_PRODUCTION_DATABASE, droppedAt: null } });
    if (live) return false;
    const admin = await transaction.user.findFirst({ where: { isAdmin: true }, orderBy: { createdAt: 'asc' } });
    if (!admin) throw conflict('There is no administrator to own the production database yet.');
    await transaction.environment.create({
      data: {
        name: DEMO_PRODUCTION_DATABASE,
        engineId,
        teamId: null,
        purpose: DEMO_PURPOSE,
        createdById: admin.id,
        isProduction: true,
        isProtected: true,
        expiresAt: null,
        status: 'ready',
      },
    });
    await transaction.auditEvent.create({
      data: {
        actorType: 'system',
        actorLabel: 'system',
        action: 'environment.register',
        targetType: 'environment',
        targetName: DEMO_PRODUCTION_DATABASE,
        outcome: 'success',
        details: { engineId, isProduction: true, ...rows },
      },
    });
    return true;
  });
}
