import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetadataStore } from '@/lib/db/store';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { clientConfig, connectionUrl } from '../testing/wire-client';
import type { EmbeddedEngine } from './engine';
import { openEmbeddedWithDoor } from './testing/engine-with-door';

const run = promisify(execFile);

/**
 * Real clients nobody here wrote, many at once, through the front door into a clone on the
 * embedded engine (one backend per database, shared turn by turn): every acknowledged write is
 * there, nothing rolled back is, and every read is the reader's own.
 */
describe('embedded engine with real clients', () => {
  let setup: Awaited<ReturnType<typeof openEmbeddedWithDoor>>;
  let engine: EmbeddedEngine;

  beforeAll(async () => {
    setup = await openEmbeddedWithDoor('clients');
    engine = setup.engine;
    await engine.createDatabase('clients_src', {
      initialSql: 'CREATE TABLE ledger (id int PRIMARY KEY, client int NOT NULL, amount int NOT NULL)',
    });
    await engine.cloneDatabase({ source: 'clients_src', target: 'clients', from: { kind: 'now' } });
  });
  afterAll(() => setup?.close());

  it('a pg Pool of 10 runs concurrent transactions: commits persist, reads see their own rows, rollbacks leave nothing', async () => {
    const pool = new pg.Pool({ ...(await clientConfig(engine, 'clients')), max: 10 });
    try {
      const committed: number[] = [];
      await Promise.all(
        Array.from({ length: 10 }, (_, client) =>
          (async () => {
            let mineCommitted = 0;
            for (let round = 0; round < 20; round++) {
              const id = client * 1000 + round;
              // Clients roll back in different rounds: in one round some commit while others roll back.
              const rollBack = (client + round) % 5 === 4;
              const connection = await pool.connect();
              try {
                await connection.query('BEGIN');
                await connection.query('INSERT INTO ledger (id, client, amount) VALUES ($1, $2, $3)', [id, client, round]);
                const mine = await connection.query('SELECT count(*)::int AS n FROM ledger WHERE client = $1', [client]);
                expect(mine.rows[0].n).toBe(mineCommitted + 1);
                await connection.query(rollBack ? 'ROLLBACK' : 'COMMIT');
                if (!rollBack) {
                  committed.push(id);
                  mineCommitted++;
                }
              } finally {
                connection.release();
              }
            }
          })(),
        ),
      );
      const { rows } = await pool.query('SELECT id FROM ledger ORDER BY id');
      expect(committed).toHaveLength(160);
      expect(rows.map((row: { id: number }) => row.id)).toEqual(committed.sort((left, right) => left - right));
    } finally {
      await pool.end();
    }
    expect((await engine.query('clients_src', 'SELECT count(*)::int FROM ledger')).rows).toEqual([[0]]);
  });

  it('postgres.js and pg from two processes, preparing statements of the same names, get their own answers', async () => {
    // postgres.js names its statements at random per connection; pg's named statement gets the
    // same name with a different text in each process, so a shared namespace would show.
    const script = `
      const postgres = require('postgres');
      const pg = require('pg');
      const [url, me] = [process.argv[1], Number(process.argv[2])];
      const sql = postgres(url, { ssl: { rejectUnauthorized: false }, max: 4, prepare: true });
      const named = new pg.Client({ connectionString: url.replace('sslmode=require', 'sslmode=no-verify') });
      const wrong = [];
      const check = async (i) => {
        const { rows } = await named.query({ name: 'mine', text: 'SELECT $1::int + ' + me + ' AS sum', values: [i] });
        if (rows[0].sum !== i + me) wrong.push(rows[0]);
      };
      (async () => {
        await named.connect();
        await check(0);
        await Promise.all(Array.from({ length: 40 }, async (_, i) => {
          await sql\`INSERT INTO ledger (id, client, amount) VALUES (\${me * 1000 + i}, \${me}, \${i})\`;
          const [row] = await sql\`SELECT \${me}::int AS me, \${i}::int AS i, (SELECT amount FROM ledger WHERE id = \${me * 1000 + i}) AS amount\`;
          if (row.me !== me || row.i !== i || row.amount !== i) wrong.push(row);
          await check(i);
        }));
        const [total] = await sql\`SELECT count(*)::int AS n, sum(amount)::int AS amounts FROM ledger WHERE client = \${me}\`;
        await Promise.all([sql.end(), named.end()]);
        console.log(JSON.stringify({ wrong, total }));
      })().catch((error) => { console.error(error); process.exit(1); });`;
    const url = await connectionUrl(engine, 'clients');
    const outputs = await Promise.all(
      [101, 202].map((me) => run(process.execPath, ['-e', script, url, String(me)], { cwd: process.cwd() })),
    );
    const expectedTotal = { n: 40, amounts: (39 * 40) / 2 };
    expect(outputs.map((output) => JSON.parse(output.stdout))).toEqual([
      { wrong: [], total: expectedTotal },
      { wrong: [], total: expectedTotal },
    ]);
    const stored = await engine.query(
      'clients',
      'SELECT client, count(*)::int FROM ledger WHERE client IN (101, 202) GROUP BY client ORDER BY client',
    );
    expect(stored.rows).toEqual([
      [101, 40],
      [202, 40],
    ]);
  });

  it('Prisma 7 with @prisma/adapter-pg (pool of 10) on a migrated clone: every create is there, every lookup right', async () => {
    await engine.createDatabase('prisma_src');
    await engine.cloneDatabase({ source: 'prisma_src', target: 'prisma_app', from: { kind: 'now' } });
    const url = (await connectionUrl(engine, 'prisma_app')).replace('sslmode=require', 'sslmode=no-verify');
    const migrations = createMetadataStore({ kind: 'postgres', url });
    expect((await migrations.migrate()).applied.length).toBeGreaterThan(0);
    await migrations.close();
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
    const created: string[] = [];
    try {
      await Promise.all(
        Array.from({ length: 10 }, (_, writer) =>
          (async () => {
            for (let round = 0; round < 20; round++) {
              const name = `team-${writer}-${round}`;
              await prisma.team.create({ data: { name, displayName: `Writer ${writer} round ${round}` } });
              created.push(name);
              const found = await prisma.team.findUnique({ where: { name } });
              expect(found?.displayName).toBe(`Writer ${writer} round ${round}`);
            }
          })(),
        ),
      );
      const stored = await prisma.team.findMany({ select: { name: true }, orderBy: { name: 'asc' } });
      expect(created).toHaveLength(200);
      expect(stored.map((team) => team.name)).toEqual([...created].sort());
    } finally {
      await prisma.$disconnect();
    }
    const teams = await engine.query('prisma_app', 'SELECT count(*)::int FROM "Team"');
    expect(teams.rows).toEqual([[200]]);
  });
});
