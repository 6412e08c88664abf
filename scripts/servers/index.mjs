// The servers `npm test` needs, found or provisioned: PostgreSQL (metadata store on a server,
// the YugabyteDB driver's Postgres plumbing, the benchmark baseline) and MariaDB (the MatrixOne
// driver's MySQL plumbing), plus the Postgres client tools the tests call (psql, pgbench) and
// Debian's PostgreSQL server binaries (a server of another major version: a PG 15 dump restored).
// A server named by its variable is used as it is; otherwise one is started here and stopped
// when the tests end. MatrixOne and YugabyteDB clusters cannot be run here: their contract runs
// skip (saying why) unless MATRIXONE_URL / YUGABYTE_URL name one.
import { ensureCommand } from './system-packages.mjs';
import { startTestMariadb } from './mariadb.mjs';
import { debianPostgresBin, startTestPostgres, withoutDebianCluster } from './postgres.mjs';
import { mountReflinkFilesystem } from './reflink-fs.mjs';

const SERVERS = [
  { variable: 'CLONEDECK_TEST_PG_URL', name: 'PostgreSQL', start: startTestPostgres },
  { variable: 'CLONEDECK_TEST_MYSQL_URL', name: 'MariaDB', start: startTestMariadb },
  // Optional: without root the PostgreSQL engine's reflink run is skipped, saying why.
  { variable: 'CLONEDECK_TEST_REFLINK_DIR', name: 'A reflink file system', start: mountReflinkFilesystem, optional: true },
];

/** Makes every server available; resolves to { env, stopAll } (env: the URLs for the test runners). */
export async function provisionTestServers() {
  ensureCommand({ command: 'psql', packages: ['postgresql-client'], why: 'the tests that connect as a user would (psql)' });
  ensurePgbench();
  debianPostgresBin(); // installed here, before the tests that start a server from it run in parallel
  const env = {};
  const started = [];
  const stopAll = () => Promise.allSettled(started.map((server) => server.stop()));
  try {
    for (const { variable, name, start, optional } of SERVERS) {
      const given = process.env[variable];
      if (given) {
        console.log(`[test] ${name}: using ${variable}=${given}`);
        continue;
      }
      const server = await start().catch((error) => {
        if (!optional) throw error;
        console.log(`[test] ${name}: not available (${error instanceof Error ? error.message : error}); its tests skip`);
        return null;
      });
      if (!server) continue;
      started.push(server);
      env[variable] = server.url;
      console.log(`[test] ${name}: started ${server.describe}`);
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return { env, stopAll };
}

/** pgbench, the load the PostgreSQL engine's tests run through the front door (Debian ships it in its server package). */
function ensurePgbench() {
  ensureCommand({
    command: 'pgbench',
    packages: ['postgresql'],
    beforeInstall: withoutDebianCluster,
    why: 'the PostgreSQL engine tests (pgbench through the front door)',
  });
}
