// A throw-away MariaDB server for the MySQL-protocol plumbing tests (the MatrixOne driver's
// pool and errors), from Debian's mariadb-server — no npm package ships MariaDB or MySQL
// binaries without downloading them at run time. Its own data folder under the temporary
// folder, a free loopback port, root without a password. As root it runs as `mysql`.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCommand, isRoot } from './system-packages.mjs';
import { freePort, waitFor } from './process.mjs';

const WHY = 'the MySQL-protocol tests';

function binaries() {
  const packages = ['mariadb-server'];
  const server = ensureCommand({ command: 'mariadbd', paths: ['/usr/sbin/mariadbd'], packages, why: WHY });
  const installDb = ensureCommand({ command: 'mariadb-install-db', paths: ['/usr/bin/mariadb-install-db'], packages, why: WHY });
  return { server, installDb };
}

export async function startTestMariadb() {
  const bin = binaries();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-test-mariadb-'));
  const dataDir = path.join(folder, 'data');
  const userArgs = isRoot() ? ['--user=mysql'] : [];
  if (isRoot()) execFileSync('chown', ['mysql:mysql', folder]);
  execFileSync(
    bin.installDb,
    ['--no-defaults', `--datadir=${dataDir}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...userArgs],
    { stdio: 'pipe' },
  );
  const port = await freePort();
  const server = spawn(
    bin.server,
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${path.join(folder, 'mysqld.sock')}`,
      `--pid-file=${path.join(folder, 'mysqld.pid')}`,
      '--innodb-buffer-pool-size=64M',
      '--innodb-flush-log-at-trx-commit=0',
      '--max-connections=300',
      ...userArgs,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  server.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise((resolve) => server.on('exit', resolve));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(folder, { recursive: true, force: true });
  };
  const url = `mysql://root@127.0.0.1:${port}`;
  try {
    const mysql = (await import('mysql2/promise')).default;
    const answers = async () => {
      const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' }).catch(() => null);
      if (!connection) return false;
      await connection.end();
      return true;
    };
    await waitFor(answers, () => server.exitCode !== null, 60_000);
    const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
    const [rows] = await connection.query('SELECT VERSION() AS version');
    await connection.end();
    return { url, describe: `MariaDB ${rows[0].version} from Debian's mariadb-server, port ${port}, data in ${folder}`, stop };
  } catch (error) {
    await stop();
    throw new Error(`The test MariaDB server did not start: ${error instanceof Error ? error.message : error}\n${log}`, { cause: error });
  }
}
