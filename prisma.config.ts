import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

// Plain `npx prisma …` gets the offline schema-engine shim too (see scripts/prisma.mjs),
// unless the variable points at a real binary already.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ||= fileURLToPath(new URL('./scripts/prisma-schema-engine.mjs', import.meta.url));

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Only migrate commands that talk to a database need a URL; generate and diff do not.
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
