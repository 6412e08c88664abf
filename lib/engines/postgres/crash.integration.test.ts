import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresEngine } from './index';

/**
 * The engine process killed (SIGKILL) while its servers run and a clone is half made: the
 * next process stops the servers it left behind, removes the half-made clone, and every
 * committed row is there.
 */
describe('PostgreSQL engine after its process is killed', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-pgcrash-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps committed rows and forgets what was not recorded', async () => {
    const store = path.join(dir, 'store');
    const script = `
      import { openPostgresEngine } from '${path.resolve('lib/engines/postgres/index.ts')}';
      const engine = await openPostgresEngine({ dataDir: process.argv[1] });
      await engine.createDatabase('kept');
      await engine.query('kept', 'CREATE TABLE t (id int PRIMARY KEY)');
      for (let id = 1; id <= 50; id++) await engine.query('kept', 'INSERT INTO t VALUES (' + id + ')');
      console.log('committed');
      await engine.cloneDatabase({ source: 'kept', target: 'half', from: { kind: 'now' } });
      console.log('cloned');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, store], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('committed') && resolve());
      child.on('exit', (code) => reject(new Error(`the engine process exited (${code}) before committing`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));

    const engine = await openPostgresEngine({ dataDir: store });
    try {
      expect((await engine.listDatabases()).map((database) => database.name)).toEqual(['kept']);
      expect(fs.readdirSync(path.join(store, 'databases'))).toEqual(['kept']);
      expect((await engine.query('kept', 'SELECT count(*)::int, max(id) FROM t')).rows).toEqual([[50, 50]]);
      await engine.cloneDatabase({ source: 'kept', target: 'half', from: { kind: 'now' } });
      expect((await engine.query('half', 'SELECT count(*)::int FROM t')).rows).toEqual([[50]]);
    } finally {
      await engine.close();
    }
  });
});
