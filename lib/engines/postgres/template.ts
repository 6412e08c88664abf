import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { engineUnavailable } from '@/lib/errors';
import type { PgBinaries, ServerUser } from './binaries';
import { ROLES } from '../front-door/credentials';
import { PgServer } from './server';

const run = promisify(execFile);

/** Roles every environment's server has; created once in the template. */
const ROLE_SQL = `
CREATE ROLE ${ROLES.readWrite} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE ROLE ${ROLES.readOnly} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
GRANT pg_read_all_data TO ${ROLES.readOnly};
ALTER ROLE ${ROLES.readOnly} SET default_transaction_read_only = on;
REVOKE ALL ON DATABASE postgres FROM PUBLIC;
`;

/**
 * The cluster every new environment starts as a copy of: initdb runs once per store (seconds),
 * a copy of its result takes milliseconds on a reflink file system.
 */
export async function ensureTemplate(dir: string, socketDir: string, binaries: PgBinaries, user: ServerUser): Promise<void> {
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) return;
  const building = `${dir}.building`;
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(building, { mode: 0o700 });
  if (user.uid !== undefined) fs.chownSync(building, user.uid, user.gid!);
  try {
    await run(binaries.initdb, ['-D', building, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'], {
      ...user,
      env: { ...process.env, LC_ALL: 'C.UTF-8' },
    });
  } catch (error) {
    throw engineUnavailable(`initdb failed: ${String((error as { stderr?: unknown }).stderr ?? error)}`, error);
  }
  const server = new PgServer(building, socketDir, binaries, user);
  await server.start();
  try {
    await server.asSuperuser('postgres', (client) => client.query(ROLE_SQL));
    await server.asSuperuser('postgres', (client) => client.query('CHECKPOINT'));
  } finally {
    await server.stop();
  }
  fs.renameSync(building, dir);
}
