import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Applies the checked-in Prisma migrations (`prisma/migrations/<name>/migration.sql`) at
 * start-up, so running Clonedeck never needs the Prisma CLI or its native engine. It keeps
 * Prisma's own bookkeeping (`_prisma_migrations`, checksum = sha256 of the file, advisory
 * lock 72707369), so `prisma migrate status` agrees with it and either tool can take over.
 *
 * Each migration runs in its own transaction with its bookkeeping row: a failing migration
 * leaves the database as it was before it, and the runner stops there.
 */

/** The least a database connection must offer the runner; PGlite and pg both fit it. */
export interface MigrationConnection {
  /** Runs a script of several statements (simple query protocol). */
  exec(sql: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
  /** Applied migrations whose file changed since (applied as they were; a warning). */
  edited: string[];
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`Migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

/** Same lock id as Prisma Migrate, so our runner and the CLI never interleave. */
const PRISMA_MIGRATE_LOCK_ID = 72707369;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedMigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function defaultMigrationsDir(): string {
  return path.join(process.cwd(), 'prisma', 'migrations');
}

/** The migrations in a directory, in the order Prisma applies them (by folder name). */
export async function readMigrations(dir: string = defaultMigrationsDir()): Promise<MigrationFile[]> {
  // The directory is read at run time from the working directory (`next start` runs in the
  // project): keep the bundler from tracing a dynamic path into the whole project.
  const entries = await fs.readdir(/* turbopackIgnore: true */ dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await fs.readFile(/* turbopackIgnore: true */ path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export async function applyMigrations(connection: MigrationConnection, dir: string = defaultMigrationsDir()): Promise<MigrationReport> {
  const migrations = await readMigrations(dir);
  await connection.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_ID]);
  try {
    await connection.exec(CREATE_MIGRATIONS_TABLE);
    const applied = await appliedChecksums(connection);
    const report: MigrationReport = { applied: [], alreadyApplied: [], edited: [] };
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum === undefined) {
        await applyOne(connection, migration);
        report.applied.push(migration.name);
      } else {
        report.alreadyApplied.push(migration.name);
        if (checksum !== migration.checksum) report.edited.push(migration.name);
      }
    }
    return report;
  } finally {
    await connection.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_ID]);
  }
}

/** Applied migrations by name; refuses to go on past one the CLI recorded as failed. */
async function appliedChecksums(connection: MigrationConnection): Promise<Map<string, string>> {
  const rows = await connection.query<AppliedMigrationRow>(
    'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
  );
  const failed = rows.filter((row) => row.finished_at === null).map((row) => row.migration_name);
  if (failed.length > 0) {
    throw new MigrationError(
      failed.join(', '),
      new Error('it is recorded as failed in _prisma_migrations; resolve it with `prisma migrate resolve` first'),
    );
  }
  return new Map(rows.map((row) => [row.migration_name, row.checksum]));
}

async function applyOne(connection: MigrationConnection, migration: MigrationFile): Promise<void> {
  await connection.exec('BEGIN');
  try {
    await connection.exec(migration.sql);
    await connection.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, NULL, NULL, now(), 1)`,
      [crypto.randomUUID(), migration.checksum, migration.name],
    );
    await connection.exec('COMMIT');
  } catch (error) {
    await connection.exec('ROLLBACK').catch(() => {
      // The connection is gone and the transaction with it: report the migration's error.
    });
    throw new MigrationError(migration.name, error);
  }
}
