import type { PrismaClient } from '@/lib/generated/prisma/client';
import { describeMetadataStore, metadataStoreConfigFromEnv } from './config';
import { createMetadataStore, type MetadataStore } from './store';

/**
 * The process's one metadata store, kept on globalThis: Next.js bundles instrumentation,
 * route handlers and server components separately, and dev reloads modules, but there
 * must be one client (and, for PGlite, one owner of the data directory).
 */
const globals = globalThis as typeof globalThis & {
  __clonedeckMetadataStore?: MetadataStore;
  __clonedeckMigrations?: Promise<void>;
};

function getStore(): MetadataStore {
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    // A page that queries while being prerendered would create a database on the build machine.
    throw new Error('The metadata store is not available during `next build`: call connection() (or read the session) before querying.');
  }
  globals.__clonedeckMetadataStore ??= createMetadataStore(metadataStoreConfigFromEnv());
  return globals.__clonedeckMetadataStore;
}

/** The Prisma client. Start-up (`openMetadataStore`) has applied the migrations. */
export function getPrisma(): PrismaClient {
  return getStore().prisma;
}

/** Applies pending migrations (once per process), then returns the client. */
export async function openMetadataStore(): Promise<PrismaClient> {
  const store = getStore();
  globals.__clonedeckMigrations ??= store.migrate().then(
    (report) => {
      const where = describeMetadataStore(store.config);
      if (report.applied.length > 0) console.info(`[clonedeck] metadata store (${where}): applied ${report.applied.join(', ')}`);
      for (const name of report.edited) console.warn(`[clonedeck] migration ${name} was edited after being applied`);
    },
    (error: unknown) => {
      // Let the next call try again (e.g. once the database is reachable).
      globals.__clonedeckMigrations = undefined;
      throw error;
    },
  );
  await globals.__clonedeckMigrations;
  return store.prisma;
}

/** Closes the store (tests, CLI scripts, shutdown). */
export async function closeMetadataStore(): Promise<void> {
  const store = globals.__clonedeckMetadataStore;
  globals.__clonedeckMetadataStore = undefined;
  globals.__clonedeckMigrations = undefined;
  await store?.close();
}
