#!/usr/bin/env node
// Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql: the SQL that takes the
// checked-in migrations to prisma/schema.prisma. Fully offline (the shim diffs in an
// in-memory PGlite), no database needed. Review the file, then commit it; lib/db/migrate.ts
// applies it at the next start.   Usage: npm run db:migration -- add_user_timezone
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9_]*$/.test(name)) {
  console.error('Usage: npm run db:migration -- <name in snake_case>');
  process.exit(64);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join(root, 'prisma', 'migrations', `${stamp}_${name}`);
const diff = [
  'migrate',
  'diff',
  '--from-migrations',
  'prisma/migrations',
  '--to-schema',
  'prisma/schema.prisma',
  '--script',
  '--exit-code',
];
const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'prisma.mjs'), ...diff], { cwd: root, encoding: 'utf8' });
// --exit-code: 0 = no difference, 2 = a difference (the script is on stdout), anything else = error.
if (result.status === 0) {
  console.log('The schema matches the migrations: nothing to write.');
} else if (result.status === 2) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'migration.sql'), result.stdout);
  console.log(`Wrote ${path.relative(root, path.join(dir, 'migration.sql'))}`);
} else {
  process.stderr.write(result.stderr || result.stdout);
  process.exit(result.status ?? 1);
}
