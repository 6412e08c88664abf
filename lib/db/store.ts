import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import type { MetadataStoreConfig } from './config';
import { pgliteMigrationConnection, pgMigrationConnection } from './connections';
import { makeDirectoryPrivate } from '@/lib/private-files';
import { acquireDirLock } from './dir-lock';
import { applyMigrations, defaultMigrationsDir, type MigrationReport } from './migrate';

/** An open metadata store: the Prisma client, its migrations, and how to close it. */
export interface MetadataStore {
  readonly config: MetadataStoreConfig;
  readonly prisma: PrismaClient;
  migrate(migrationsDir?: string): Promise<MigrationReport>;
  close(): Promise<void>;
}

/**
 * Opens a metadata store. The app keeps one (see `getPrisma`); tests open their own.
 * Nothing is read or written until the first query or `migrate()`.
 */
export function createMetadataStore(config: MetadataStoreConfig): MetadataStore {
  return config.kind === 'pglite' ? createPgliteStore(config) : createPostgresStore(config);
}

// The metadata store is small: a smaller buffer pool keeps PGlite near 40 MB instead of 160 MB.
const PGLITE_SETTINGS = ['shared_buffers = 16MB'];

function createPgliteStore(config: Extract<MetadataStoreConfig, { kind: 'pglite' }>): MetadataStore {
  const lock = acquireDirLock(config.dataDir);
  try {
    fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    const database = new PGlite(config.dataDir, { postgresqlconf: PGLITE_SETTINGS });
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(database) });
    return {
      config,
      prisma,
      migrate: async (dir = defaultMigrationsDir()) => {
        // PGlite unpacks a new cluster with chmod 0666 (past the umask); what Postgres creates later honours it.
        await database.waitReady;
        makeDirectoryPrivate(config.dataDir);
        return applyMigrations(pgliteMigrationConnection(database), dir);
      },
      close: async () => {
        try {
          await prisma.$disconnect();
          await database.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

function createPostgresStore(config: Extract<MetadataStoreConfig, { kind: 'postgres' }>): MetadataStore {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.url }) });
  return {
    config,
    prisma,
    migrate: async (dir = defaultMigrationsDir()) => {
      const client = new pg.Client({ connectionString: config.url });
      await client.connect();
      try {
        return await applyMigrations(pgMigrationConnection(client), dir);
      } finally {
        await client.end();
      }
    },
    close: () => prisma.$disconnect(),
  };
}
