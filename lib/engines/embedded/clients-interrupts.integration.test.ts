import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendCancel, sqlStateOf, wireClient } from '../testing/wire-client';
import type { EmbeddedEngine } from './engine';
import { openEmbeddedWithDoor } from './testing/engine-with-door';

/**
 * Stopping a statement on the embedded engine: PGlite cannot interrupt one, so a cancel request
 * or a statement timeout ends the database's worker. The client gets 57014, the other clients
 * keep their sessions and prepared statements, other databases never notice. Also: the session
 * list and ending a session.
 */
describe('embedded engine: cancel, statement timeout, sessions', () => {
  let setup: Awaited<ReturnType<typeof openEmbeddedWithDoor>>;
  let engine: EmbeddedEngine;

  beforeAll(async () => {
    setup = await openEmbeddedWithDoor('clients-interrupts');
    engine = setup.engine;
    await engine.createDatabase('live_src', {
      initialSql: "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'one'), (2, 'two');",
    });
    await engine.cloneDatabase({ source: 'live_src', target: 'live', from: { kind: 'now' } });
    await engine.createDatabase('elsewhere');
  });
  afterAll(() => setup?.close());

  /** Resolves once the engine lists the client's session in `state`. */
  async function reaches(database: string, sessionId: string, state: string): Promise<void> {
    for (;;) {
      const session = (await engine.abilities.sessions!.list(database)).find((entry) => entry.id === sessionId);
      if (session?.state === state) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const namedCount = { name: 'count_above', text: 'SELECT count(*)::int AS n FROM t WHERE id > $1' };

  it('a cancel request stops pg_sleep(60) with 57014; another database answers meanwhile; a prepared statement of another client survives', async () => {
    const [sleeper, holder, other] = await Promise.all([
      wireClient(engine, 'live'),
      wireClient(engine, 'live'),
      wireClient(engine, 'elsewhere'),
    ]);
    const sleeperId = sessionIdOf(sleeper);
    try {
      expect((await holder.query({ ...namedCount, values: [0] })).rows).toEqual([{ n: 2 }]);
      const events: string[] = [];
      const long = sleeper.query('SELECT pg_sleep(60)').then(
        () => events.push('sleep finished'),
        (error: { code?: string }) => events.push(`sleep ended ${error.code}`),
      );
      await reaches('live', sleeperId, 'active');
      expect((await other.query('SELECT 42 AS answer')).rows).toEqual([{ answer: 42 }]);
      events.push('other database answered');
      const waiting = holder.query({ ...namedCount, values: [1] });
      await sendCancel((await engine.connectionInfo('live')).port, sleeper);
      await long;
      expect(events).toEqual(['other database answered', 'sleep ended 57014']);
      // The holder's statement waited for the backend, then ran on the new worker, where its statement was made again.
      expect((await waiting).rows).toEqual([{ n: 1 }]);
      expect((await holder.query({ ...namedCount, values: [-1] })).rows).toEqual([{ n: 2 }]);
      expect((await sleeper.query('SELECT v FROM t WHERE id = 2')).rows).toEqual([{ v: 'two' }]);
    } finally {
      await Promise.all([sleeper.end(), holder.end(), other.end()]);
    }
  });

  it("a client's own statement_timeout stops pg_sleep(30) with 57014, and its session, settings and transaction state carry on", async () => {
    const [client, neighbour] = await Promise.all([wireClient(engine, 'live'), wireClient(engine, 'live')]);
    try {
      await neighbour.query({ ...namedCount, values: [0] });
      await client.query("SET statement_timeout = '1s'");
      expect(await sqlStateOf(client.query('SELECT pg_sleep(30)'))).toBe('57014');
      expect((await client.query('SELECT 7 AS after')).rows).toEqual([{ after: 7 }]);
      expect((await client.query('SHOW statement_timeout')).rows).toEqual([{ statement_timeout: '1s' }]);
      expect((await neighbour.query('SHOW statement_timeout')).rows).toEqual([{ statement_timeout: '0' }]);
      expect((await neighbour.query({ ...namedCount, values: [1] })).rows).toEqual([{ n: 1 }]);
    } finally {
      await Promise.all([client.end(), neighbour.end()]);
    }
  });

  it('a transaction whose statement timed out stays aborted until it ends: later statements are refused (25P02), nothing commits', async () => {
    const client = await wireClient(engine, 'live');
    try {
      await client.query("SET statement_timeout = '1s'");
      await client.query('BEGIN');
      await client.query("INSERT INTO t VALUES (3, 'before the timeout')");
      expect(await sqlStateOf(client.query('SELECT pg_sleep(30)'))).toBe('57014');
      // PostgreSQL refuses everything but ROLLBACK here; a client ignoring the error must not commit half a transaction.
      expect(await sqlStateOf(client.query("INSERT INTO t VALUES (4, 'after the timeout')"))).toBe('25P02');
      expect((await client.query('COMMIT')).command).toBe('ROLLBACK');
      expect((await engine.query('live', 'SELECT count(*)::int FROM t WHERE id IN (3, 4)')).rows).toEqual([[0]]);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await engine.query('live', 'DELETE FROM t WHERE id IN (3, 4)');
      await client.end();
    }
  });

  it('lists both clients (user, state, query), and ending one rolls its transaction back and lets the other in', async () => {
    const sessions = engine.abilities.sessions!;
    const writer = await wireClient(engine, 'live');
    const reader = await wireClient(engine, 'live', 'read-only');
    const writerId = sessionIdOf(writer);
    const readerId = sessionIdOf(reader);
    try {
      await reader.query('SELECT count(*) FROM t');
      await writer.query('BEGIN');
      await writer.query("INSERT INTO t VALUES (77, 'uncommitted')");
      const listed = await sessions.list('live');
      expect(listed.find((session) => session.id === writerId)).toMatchObject({
        user: 'app',
        state: 'idle in transaction',
        query: "INSERT INTO t VALUES (77, 'uncommitted')",
        address: '127.0.0.1',
      });
      expect(listed.find((session) => session.id === readerId)).toMatchObject({
        user: 'app_readonly',
        state: 'idle',
        query: 'SELECT count(*) FROM t',
      });

      const read = reader.query('SELECT count(*)::int AS n FROM t WHERE id = 77');
      await reaches('live', readerId, 'waiting');
      const writerEnded = new Promise<string | undefined>((resolve) =>
        writer.once('error', (error: { code?: string }) => resolve(error.code)),
      );
      expect(await sessions.end('live', writerId)).toBe(true);
      expect(await writerEnded).toBe('57P01');
      expect((await read).rows).toEqual([{ n: 0 }]);
      expect(await sqlStateOf(writer.query('SELECT 1'))).not.toBeNull();
      expect((await sessions.list('live')).map((session) => session.id)).not.toContain(writerId);
      expect(await sessions.end('live', writerId)).toBe(false);
      expect((await engine.query('live', 'SELECT count(*)::int FROM t WHERE id = 77')).rows).toEqual([[0]]);
    } finally {
      await Promise.all([writer.end().catch(() => undefined), reader.end()]);
    }
  });
});

/** The process id a client was given at start-up: the engine's id for its session. */
function sessionIdOf(client: pg.Client): string {
  return String((client as unknown as { processID: number }).processID);
}
