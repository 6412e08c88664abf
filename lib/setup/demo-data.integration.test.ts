import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, createTempDir, type TempDir, type TestStore } from '@/lib/db/test-support';
import { openEngine } from '@/lib/engines/registry';
import type { Engine } from '@/lib/engines/types';
import { DEMO_PRODUCTS_V1, DEMO_USER_BEHAVIOR_ROWS } from './demo-data-sql';
import { demoProductionPending, loadDemoProduction } from './demo-data';
import { runFirstStart } from './first-start';

/** A migrated metadata store after the demo first start, and an engine of `kind` on a temporary store. */
function openDemoSetup(kind: 'embedded' | 'postgres', use: (opened: { testStore: TestStore; engine: Engine }) => void): void {
  let testStore: TestStore | undefined;
  let engineDir: TempDir | undefined;
  let engine: Engine | undefined;
  beforeAll(async () => {
    testStore = await openTestStore('pglite');
    await testStore.store.migrate();
    await runFirstStart(testStore.store.prisma, { CLONEDECK_DEMO_PASSWORD: 'demo-password-for-tests' }, () => {});
    engineDir = await createTempDir('clonedeck-engine-');
    engine = await openEngine({ id: kind, kind, dataDir: path.join(engineDir.path, 'store') });
    use({ testStore, engine });
  }, 300_000);
  afterAll(async () => {
    await engine?.close();
    await testStore?.cleanup();
    await engineDir?.remove();
  });
}

// Runs once the embedded engine (lib/engines/embedded) exists; until then it is skipped.
const embeddedEngineExists = fs.existsSync(path.join(process.cwd(), 'lib', 'engines', 'embedded'));

describe.skipIf(!embeddedEngineExists)('demo production data on the embedded engine', () => {
  let testStore: TestStore;
  let engine: Engine;

  openDemoSetup('embedded', (opened) => ({ testStore, engine } = opened));

  it('creates production with the seed tables and registers it as protected production', async () => {
    const prisma = testStore.store.prisma;
    expect(await demoProductionPending(prisma, 'embedded')).toBe(true);
    const result = await loadDemoProduction(engine, { engineId: 'embedded', prisma });
    expect(result).toEqual({ createdDatabase: true, registered: true, userBehaviorRows: DEMO_USER_BEHAVIOR_ROWS, productRows: 5 });

    const products = await engine.query('production', 'SELECT name, price, stock FROM products ORDER BY id');
    expect(products.rows).toEqual(DEMO_PRODUCTS_V1.map((product) => [product.name, product.price, product.stock]));
    const dims = await engine.query('production', 'SELECT vector_dims(embedding) FROM user_behavior WHERE id = 1');
    expect(dims.rows).toEqual([[128]]);

    const environment = await prisma.environment.findFirstOrThrow({ where: { name: 'production' }, include: { createdBy: true } });
    expect(environment).toMatchObject({ isProduction: true, isProtected: true, status: 'ready', teamId: null, expiresAt: null });
    expect(environment.createdBy.email).toBe('admin@clonedeck.local');
    expect(await demoProductionPending(prisma, 'embedded')).toBe(false);
  }, 300_000);

  it('keeps the database and the registration when run again', async () => {
    const prisma = testStore.store.prisma;
    const again = await loadDemoProduction(engine, { engineId: 'embedded', prisma });
    expect(again).toMatchObject({ createdDatabase: false, registered: false, userBehaviorRows: DEMO_USER_BEHAVIOR_ROWS });
    expect(await prisma.environment.count({ where: { name: 'production' } })).toBe(1);
  });
});

describe('demo production data on the PostgreSQL engine (no pgvector)', () => {
  let testStore: TestStore;
  let engine: Engine;

  openDemoSetup('postgres', (opened) => ({ testStore, engine } = opened));

  it('loads production with real[] embeddings of 128 numbers and registers it', async () => {
    const prisma = testStore.store.prisma;
    const result = await loadDemoProduction(engine, { engineId: 'postgres', prisma });
    expect(result).toEqual({ createdDatabase: true, registered: true, userBehaviorRows: DEMO_USER_BEHAVIOR_ROWS, productRows: 5 });
    const shape = await engine.query(
      'production',
      'SELECT array_ndims(embedding), array_length(embedding, 1) FROM user_behavior WHERE id = 1',
    );
    expect(shape.rows).toEqual([[1, 128]]);
    const owner = await engine.query('production', "SELECT tableowner FROM pg_tables WHERE tablename = 'user_behavior'");
    expect(owner.rows).toEqual([['app']]);
  }, 300_000);
});
