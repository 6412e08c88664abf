import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { defineEngineContract } from '../contract/contract-suite';
import { openEmbeddedEngine } from '../embedded';
import type { Engine } from '../types';
import { clientConfig } from '../testing/wire-client';
import { connectEngineService } from './client';
import { serviceSocketPath } from './files';
import { startEngineService } from './server';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-service-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The whole engine contract, every call crossing the service's socket and codec. */
defineEngineContract('embedded, through the engine service', async () => {
  const engine = await openEmbeddedEngine({ dataDir: path.join(root, 'contract-store'), idleMs: 60_000 });
  const service = await startEngineService(new Map([['embedded', engine]]), path.join(root, 'contract-service'));
  const remote = await connectEngineService(path.join(root, 'contract-service'), 'embedded');
  return {
    ...remote,
    close: async () => {
      await remote.close();
      await service.close();
      await engine.close();
    },
  };
});

/** A raw request to the control socket, as any local process could send it. */
function rawCall(dir: string, options: { secret?: string; path?: string; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        socketPath: serviceSocketPath(dir),
        method: options.body === undefined ? 'GET' : 'POST',
        path: options.path ?? '/v1/call',
        headers: options.secret === undefined ? {} : { authorization: `Bearer ${options.secret}` },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('the engine service control socket', () => {
  const dir = path.join(root, 'guarded-service');
  let engine: Engine;
  let service: Awaited<ReturnType<typeof startEngineService>>;

  it('is private to its owner and answers nobody without the secret', async () => {
    engine = await openEmbeddedEngine({ dataDir: path.join(root, 'guarded-store'), idleMs: 60_000 });
    service = await startEngineService(new Map([['embedded', engine]]), dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'secret')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(serviceSocketPath(dir)).mode & 0o777).toBe(0o600);
    const call = JSON.stringify({ engine: 'embedded', target: 'engine', method: 'createDatabase', args: ['sneaky'] });
    expect((await rawCall(dir, { body: call })).status).toBe(401);
    expect((await rawCall(dir, { secret: 'guess', body: call })).status).toBe(401);
    expect(await engine.getDatabase('sneaky')).toBeNull();
  });

  it('runs contract operations only: close, prototype names and fields are refused, and bad bodies change nothing', async () => {
    const secret = fs.readFileSync(path.join(dir, 'secret'), 'utf8');
    const call = (target: string, method: string, args: unknown = []) =>
      rawCall(dir, { secret, body: JSON.stringify({ engine: 'embedded', target, method, args }) });
    for (const [target, method] of [
      ['engine', 'close'],
      ['engine', 'constructor'],
      ['engine', 'kind'],
      ['__proto__', 'toString'],
      ['tableClone', 'cloneTable'], // the embedded engine cannot clone one table
      ['restore', 'mode'],
    ]) {
      const answer = await call(target!, method!);
      expect(JSON.parse(answer.body), `${target}.${method}`).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(JSON.parse((await call('engine', 'createDatabase', 'not-an-array')).body).error.code).toBe('VALIDATION');
    expect(JSON.parse((await rawCall(dir, { secret, body: '{not json' })).body).error.code).toBe('VALIDATION');
    expect(JSON.parse((await rawCall(dir, { secret, path: '/v1/other', body: '{}' })).body).error.code).toBe('NOT_FOUND');
    const health = JSON.parse((await call('engine', 'health')).body);
    expect(health).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('carries typed errors with their codes, and answers with real dates', async () => {
    const remote = await connectEngineService(dir, 'embedded');
    try {
      const error = await remote.dropDatabase('no_such_database').catch((thrown: unknown) => thrown);
      expect(isAppError(error) && error.code).toBe('NOT_FOUND');
      await remote.createDatabase('dated', { initialSql: 'CREATE TABLE t (id int); INSERT INTO t VALUES (1), (2);' });
      const [listed] = (await remote.listDatabases()).filter((database) => database.name === 'dated');
      expect(listed?.createdAt).toBeInstanceOf(Date);
      expect((await remote.query('dated', 'SELECT sum(id)::int AS total FROM t')).rows).toEqual([[3]]);
      await expect(connectEngineService(dir, 'postgres')).rejects.toThrow(/runs embedded, not "postgres"/);
    } finally {
      await remote.close();
      await service.close();
      await engine.close();
    }
  });
});

const BIN = path.resolve(import.meta.dirname, '../../../bin/clonedeck.mjs');

function startServiceProcess(dataDir: string, serviceDir: string): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CLONEDECK_HOME: path.join(root, 'home'),
    CLONEDECK_ENGINE_LISTEN: '127.0.0.1:0',
    CLONEDECK_POSTGRES: 'off',
  };
  delete env.CLONEDECK_ENGINE;
  const child = spawn(process.execPath, [BIN, 'engine', 'serve', '--quiet', '--data-dir', dataDir, '--service-dir', serviceDir], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()).includes('Engine service on') && resolve(child));
    child.once('exit', (code) => reject(new Error(`engine serve exited with ${code}: ${text}`)));
  });
}

describe('the engine service as its own process', () => {
  it('keeps database clients connected while dashboards come and go, and keeps committed rows when it is killed', async () => {
    const dataDir = path.join(root, 'process-store');
    const serviceDir = path.join(root, 'process-service');
    let service = await startServiceProcess(dataDir, serviceDir);
    try {
      const first = await connectEngineService(serviceDir, 'embedded');
      await first.createDatabase('team_db', { initialSql: 'CREATE TABLE orders (id int PRIMARY KEY, note text);' });
      const psql = new pg.Client(await clientConfig(first, 'team_db'));
      await psql.connect();
      await psql.query("INSERT INTO orders VALUES (1, 'before the dashboard restarted')");
      await first.close(); // the dashboard goes away…
      await psql.query("INSERT INTO orders VALUES (2, 'while no dashboard ran')"); // …its clients do not notice
      const second = await connectEngineService(serviceDir, 'embedded');
      expect((await second.query('team_db', 'SELECT id FROM orders ORDER BY id')).rows).toEqual([[1], [2]]);
      await psql.end().catch(() => undefined);

      service.kill('SIGKILL');
      await new Promise((resolve) => service.once('exit', resolve));
      service = await startServiceProcess(dataDir, serviceDir);
      // The dashboard that stayed up reaches the new service on a fresh connection.
      expect((await second.query('team_db', 'SELECT id, note FROM orders ORDER BY id')).rows).toEqual([
        [1, 'before the dashboard restarted'],
        [2, 'while no dashboard ran'],
      ]);
      await second.close();
    } finally {
      const exited = new Promise((resolve) => service.once('exit', resolve));
      service.kill('SIGTERM');
      await exited;
    }
  });
});
