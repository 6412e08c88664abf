import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetadataStore } from '@/lib/db/store';
import { sendCancel } from '../testing/wire-client';
import { openEngineWithDoor, sqlStateOf, type EngineWithDoor } from './testing';

const run = promisify(execFile);

/**
 * Real clients, through the front door, against an environment's own server: many at once,
 * with results checked (every acknowledged write is there, every read is the reader's own).
 */
describe('PostgreSQL engine with real clients', () => {
  let setup: EngineWithDoor;
  let url: string;
  let password: string;

  beforeAll(async () => {
    setup = await openEngineWithDoor();
    await setup.engine.createDatabase('clients_src');
    await setup.engine.query('clients_src', 'CREATE TABLE ledger (id int PRIMARY KEY, client int NOT NULL, amount int NOT NULL)');
    await setup.engine.cloneDatabase({ source: 'clients_src', target: 'clients', from: { kind: 'now' } });
    await setup.engine.createDatabase('clients_other');
    ({ password } = await setup.engine.abilities.credentials!.reveal('clients', 'read-write'));
    url = `postgres://app:${password}@127.0.0.1:${setup.door.port}/clients?sslmode=require`;
  });
  afterAll(() => setup.close());

  it('a pool of 10 runs concurrent transactions: every commit persists, every read sees its own rows', async () => {
    const pool = new pg.Pool({
      host: '127.0.0.1',
      port: setup.door.port,
      database: 'clients',
      user: 'app',
      password,
      max: 10,
      ssl: { rejectUnauthorized: false },
    });
    try {
      const acknowledged: number[] = [];
      await Promise.all(
        Array.from({ length: 10 }, (_, client) =>
          (async () => {
            for (let round = 0; round < 20; round++) {
              const id = client * 1000 + round;
              const connection = await pool.connect();
              try {
                await connection.query('BEGIN');
                await connection.query('INSERT INTO ledger (id, client, amount) VALUES ($1, $2, $3)', [id, client, round]);
                const mine = await connection.query('SELECT count(*)::int AS n FROM ledger WHERE client = $1', [client]);
                expect(mine.rows[0].n).toBe(round + 1);
                await connection.query('COMMIT');
                acknowledged.push(id);
              } finally {
                connection.release();
              }
            }
          })(),
        ),
      );
      const { rows } = await pool.query('SELECT id FROM ledger ORDER BY id');
      expect(rows.map((row) => row.id)).toEqual(acknowledged.sort((left, right) => left - right));
      expect(acknowledged).toHaveLength(200);
    } finally {
      await pool.end();
    }
  });

  it('holds a row lock in one session while another waits for it, as PostgreSQL does', async () => {
    const [first, second] = await Promise.all([0, 1].map(() => setup.connect('clients', { user: 'app', password })));
    try {
      await first!.query('INSERT INTO ledger (id, client, amount) VALUES (-1, -1, 0)');
      await first!.query('BEGIN');
      await first!.query('UPDATE ledger SET amount = amount + 1 WHERE id = -1');
      const order: string[] = [];
      const waiting = second!.query('UPDATE ledger SET amount = amount + 10 WHERE id = -1').then(() => order.push('second'));
      await first!.query('SELECT pg_sleep(0.3)');
      order.push('first commits');
      await first!.query('COMMIT');
      await waiting;
      expect(order).toEqual(['first commits', 'second']);
      expect((await first!.query('SELECT amount FROM ledger WHERE id = -1')).rows[0].amount).toBe(11);
      await first!.query('DELETE FROM ledger WHERE id = -1');
    } finally {
      await Promise.all([first!.end(), second!.end()]);
    }
  });

  it('answers another environment while one runs a long query, and a cancel request stops that query', async () => {
    const sleeper = await setup.connect('clients', { user: 'app', password });
    const other = await setup.connect('clients_other', await setup.engine.abilities.credentials!.reveal('clients_other', 'read-write'));
    try {
      const events: string[] = [];
      const long = sleeper.query('SELECT pg_sleep(60)').then(
        () => events.push('sleep finished'),
        (error: { code?: string }) => events.push(`sleep ended ${error.code}`),
      );
      await other.query('SELECT 1');
      events.push('other answered');
      await sendCancel(setup.door.port, sleeper);
      await long;
      expect(events).toEqual(['other answered', 'sleep ended 57014']);
      expect((await sleeper.query('SELECT 1 AS alive')).rows[0].alive).toBe(1);
    } finally {
      await Promise.all([sleeper.end(), other.end()]);
    }
  });

  it('postgres.js from two processes with named prepared statements gets its own answers', async () => {
    const script = `
      const postgres = require('postgres');
      const sql = postgres(process.argv[1], { ssl: { rejectUnauthorized: false }, max: 4, prepare: true });
      const me = Number(process.argv[2]);
      (async () => {
        const wrong = [];
        await Promise.all(Array.from({ length: 40 }, async (_, i) => {
          const [row] = await sql\`SELECT \${me}::int AS me, \${i}::int AS i, (SELECT count(*) FROM ledger WHERE client = \${me % 10})::int AS n\`;
          if (row.me !== me || row.i !== i) wrong.push([row.me, row.i]);
        }));
        await sql.end();
        console.log(JSON.stringify(wrong));
      })().catch((error) => { console.error(error); process.exit(1); });`;
    const outputs = await Promise.all(
      [101, 202].map((me) => run(process.execPath, ['-e', script, url, String(me)], { cwd: process.cwd() })),
    );
    expect(outputs.map((output) => JSON.parse(output.stdout))).toEqual([[], []]);
  });

  it("Prisma 7 with @prisma/adapter-pg migrates a clone, then 10 concurrent writers' creates are all there and every lookup is right", async () => {
    await setup.engine.createDatabase('prisma_app');
    const { password: appPassword } = await setup.engine.abilities.credentials!.reveal('prisma_app', 'read-write');
    const store = createMetadataStore({
      kind: 'postgres',
      url: `postgres://app:${appPassword}@127.0.0.1:${setup.door.port}/prisma_app?sslmode=no-verify`,
    });
    try {
      const report = await store.migrate();
      expect(report.applied.length).toBeGreaterThan(0);
      const created: string[] = [];
      await Promise.all(
        Array.from({ length: 10 }, (_, writer) =>
          (async () => {
            for (let round = 0; round < 20; round++) {
              const name = `team-${writer}-${round}`;
              await store.prisma.team.create({ data: { name, displayName: `Writer ${writer} round ${round}` } });
              created.push(name);
              const found = await store.prisma.team.findUnique({ where: { name } });
              expect(found?.displayName).toBe(`Writer ${writer} round ${round}`);
            }
          })(),
        ),
      );
      const stored = await store.prisma.team.findMany({ select: { name: true }, orderBy: { name: 'asc' } });
      expect(stored.map((team) => team.name)).toEqual([...created].sort());
      expect(created).toHaveLength(200);
    } finally {
      await store.close();
    }
  });

  it('psql copies a table out and back in with \\copy', async () => {
    await setup.engine.query('clients', 'INSERT INTO ledger SELECT 100000 + i, 99, i FROM generate_series(1, 300) AS i');
    const expected = Number((await setup.engine.query('clients', 'SELECT count(*) FROM ledger')).rows[0]![0]);
    const out = await run('psql', [
      url,
      '-X',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      '\\copy (SELECT id, client, amount FROM ledger ORDER BY id) TO STDOUT WITH CSV',
    ]);
    expect(out.stdout.trim().split('\n')).toHaveLength(expected);
    await run('psql', [url, '-X', '-v', 'ON_ERROR_STOP=1', '-c', 'CREATE TABLE ledger_copy (LIKE ledger)']);
    const child = execFile('psql', [url, '-X', '-v', 'ON_ERROR_STOP=1', '-c', '\\copy ledger_copy FROM STDIN WITH CSV']);
    child.stdin!.end(out.stdout);
    await new Promise((resolve, reject) =>
      child.on('exit', (code) => (code === 0 ? resolve(code) : reject(new Error(`psql exited ${code}`)))),
    );
    const compare = await setup.engine.query(
      'clients',
      'SELECT (SELECT count(*) FROM ledger_copy)::int, (SELECT count(*) FROM (SELECT * FROM ledger EXCEPT SELECT * FROM ledger_copy) AS missing)::int',
    );
    expect(compare.rows).toEqual([[expected, 0]]);
  });

  it('pgbench -M prepared with 8 clients: no failed transaction, and the balances add up', async () => {
    const bench = await setup.connect('clients', { user: 'app', password });
    const environment = { ...process.env, PGPASSWORD: password, PGSSLMODE: 'require' };
    const target = ['-h', '127.0.0.1', '-p', String(setup.door.port), '-U', 'app', 'clients'];
    try {
      await run('pgbench', ['-i', '-s', '1', '-q', ...target], { env: environment });
      const result = await run('pgbench', ['-c', '8', '-j', '2', '-t', '100', '-M', 'prepared', ...target], { env: environment });
      expect(result.stdout).toMatch(/number of failed transactions: 0 /);
      expect(result.stdout).toMatch(/number of transactions actually processed: 800\/800/);
      const sums = await bench.query(
        'SELECT (SELECT sum(abalance) FROM pgbench_accounts)::bigint AS accounts, (SELECT sum(tbalance) FROM pgbench_tellers)::bigint AS tellers, (SELECT sum(bbalance) FROM pgbench_branches)::bigint AS branches, (SELECT sum(delta) FROM pgbench_history)::bigint AS history, (SELECT count(*) FROM pgbench_history)::int AS n',
      );
      const row = sums.rows[0];
      expect(row.n).toBe(800);
      expect([row.accounts, row.tellers, row.branches]).toEqual([row.history, row.history, row.history]);
    } finally {
      await bench.end();
    }
    expect(await sqlStateOf(setup.connect('clients', { user: 'app', password: 'nope' }))).toBe('28P01');
  });
});
