import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError, readMigrations } from './migrate';
import { createTempDir, openTestStore, type TempDir, type TestStore, type TestStoreKind } from './test-support';

const KINDS: TestStoreKind[] = ['pglite', 'postgres'];

interface NameRow {
  name: string;
}

async function tableNames(testStore: TestStore): Promise<string[]> {
  const rows = await testStore.store.prisma.$queryRawUnsafe<NameRow[]>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((row) => row.name);
}

async function recordedMigrations(testStore: TestStore): Promise<string[]> {
  const rows = await testStore.store.prisma.$queryRawUnsafe<NameRow[]>(
    `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`,
  );
  return rows.map((row) => row.name);
}

/** The real migrations plus extra ones, in a temporary directory. */
async function migrationsWith(extra: Record<string, string>): Promise<TempDir> {
  const dir = await createTempDir('clonedeck-migrations-');
  await fs.cp(path.join(process.cwd(), 'prisma', 'migrations'), dir.path, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await fs.mkdir(path.join(dir.path, name));
    await fs.writeFile(path.join(dir.path, name, 'migration.sql'), sql);
  }
  return dir;
}

describe.each(KINDS)('migration runner on %s', (kind) => {
  let testStore: TestStore;
  beforeEach(async () => {
    testStore = await openTestStore(kind);
  });
  afterEach(async () => {
    await testStore.cleanup();
  });

  it('creates every table of the schema on an empty database', async () => {
    const all = (await readMigrations()).map((migration) => migration.name);
    const report = await testStore.store.migrate();
    expect(report.applied).toEqual(all);
    expect(await recordedMigrations(testStore)).toEqual(all);
    expect(await tableNames(testStore)).toEqual(
      expect.arrayContaining([
        'Team',
        'User',
        'Membership',
        'Engine',
        'Environment',
        'Snapshot',
        'AuditEvent',
        'ApiToken',
        'Notification',
        'WebhookDelivery',
        'UsageSample',
        'Lease',
        'AppSetting',
      ]),
    );
  });

  it('does nothing when applied again', async () => {
    await testStore.store.migrate();
    const tablesBefore = await tableNames(testStore);
    const second = await testStore.store.migrate();
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual((await readMigrations()).map((migration) => migration.name));
    expect(await tableNames(testStore)).toEqual(tablesBefore);
  });

  it('stops at a failing migration and leaves no trace of it', async () => {
    const dir = await migrationsWith({
      '29990101000000_broken': 'CREATE TABLE "HalfDone" (id int);\nSELECT 1 / 0;',
      '29990101000001_after': 'CREATE TABLE "AfterBroken" (id int);',
    });
    try {
      const failure = await testStore.store.migrate(dir.path).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MigrationError);
      expect((failure as MigrationError).migration).toBe('29990101000000_broken');
      const tables = await tableNames(testStore);
      expect(tables).toContain('Team');
      expect(tables).not.toContain('HalfDone');
      expect(tables).not.toContain('AfterBroken');
      expect(await recordedMigrations(testStore)).not.toContain('29990101000000_broken');
    } finally {
      await dir.remove();
    }
  });

  it('refuses to continue past a migration the CLI recorded as failed', async () => {
    await testStore.store.migrate();
    await testStore.store.prisma.$executeRawUnsafe(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ('x', 'y', '29990101000000_cli_failed', now())`,
    );
    const dir = await migrationsWith({ '29990101000001_next': 'CREATE TABLE "NextOne" (id int);' });
    try {
      await expect(testStore.store.migrate(dir.path)).rejects.toThrow(/29990101000000_cli_failed/);
      expect(await tableNames(testStore)).not.toContain('NextOne');
    } finally {
      await dir.remove();
    }
  });
});
