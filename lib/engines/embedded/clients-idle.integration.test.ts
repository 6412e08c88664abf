import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStateOf, wireClient } from '../testing/wire-client';
import type { EmbeddedEngine } from './engine';
import { openEmbeddedWithDoor } from './testing/engine-with-door';

const LIMIT = 'CLONEDECK_IDLE_IN_TRANSACTION_SECONDS';

/**
 * A client that opens a transaction and goes quiet holds the database's only backend; past
 * CLONEDECK_IDLE_IN_TRANSACTION_SECONDS it is disconnected, its transaction rolled back, and the
 * client waiting behind it gets its turn.
 */
describe('embedded engine: idle in transaction', () => {
  let setup: Awaited<ReturnType<typeof openEmbeddedWithDoor>>;
  let engine: EmbeddedEngine;
  const previous = process.env[LIMIT];

  beforeAll(async () => {
    // The wire server reads its limits from the configuration when the engine opens.
    process.env[LIMIT] = '2';
    setup = await openEmbeddedWithDoor('clients-idle');
    engine = setup.engine;
    await engine.createDatabase('idle_src', { initialSql: 'CREATE TABLE t (id int PRIMARY KEY)' });
    await engine.cloneDatabase({ source: 'idle_src', target: 'idle', from: { kind: 'now' } });
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env[LIMIT];
    else process.env[LIMIT] = previous;
    await setup?.close();
  });

  it('disconnects the idle client with 25P03, drops its insert, and lets the waiting client proceed', async () => {
    const [idler, waiter] = await Promise.all([wireClient(engine, 'idle'), wireClient(engine, 'idle')]);
    try {
      const idlerError = new Promise<string | undefined>((resolve) =>
        idler.once('error', (error: { code?: string }) => resolve(error.code)),
      );
      await idler.query('BEGIN');
      await idler.query('INSERT INTO t VALUES (1)');
      const events: string[] = [];
      void idlerError.then((code) => events.push(`idler disconnected ${code}`));
      const waited = waiter.query('INSERT INTO t VALUES (2) RETURNING id').then((result) => {
        events.push('waiter ran');
        return result.rows;
      });
      expect(await waited).toEqual([{ id: 2 }]);
      expect(events).toEqual(['idler disconnected 25P03', 'waiter ran']);
      expect(await sqlStateOf(idler.query('COMMIT'))).not.toBeNull();
      expect((await waiter.query('SELECT array_agg(id ORDER BY id) AS ids FROM t')).rows).toEqual([{ ids: [2] }]);
      expect((await engine.query('idle', 'SELECT count(*)::int FROM t WHERE id = 1')).rows).toEqual([[0]]);
    } finally {
      await Promise.all([idler.end().catch(() => undefined), waiter.end()]);
    }
  });

  it('a client that only said BEGIN holds nothing: others go ahead, and its transaction starts with its first statement', async () => {
    const [opener, other] = await Promise.all([wireClient(engine, 'idle'), wireClient(engine, 'idle')]);
    try {
      await opener.query('BEGIN');
      const listed = await engine.abilities.sessions!.list('idle');
      expect(listed.map((session) => session.state).sort()).toEqual(['idle', 'idle in transaction']);
      // Had the BEGIN taken the backend, this would wait until the opener was disconnected (25P03).
      await other.query('INSERT INTO t VALUES (10)');
      await opener.query('INSERT INTO t VALUES (11)');
      expect((await opener.query('SELECT array_agg(id ORDER BY id) AS ids FROM t WHERE id >= 10')).rows).toEqual([{ ids: [10, 11] }]);
      await opener.query('ROLLBACK');
      expect((await other.query('SELECT array_agg(id ORDER BY id) AS ids FROM t WHERE id >= 10')).rows).toEqual([{ ids: [10] }]);
      // A bare BEGIN left idle still counts as idle in a transaction.
      const ended = new Promise<string | undefined>((resolve) => opener.once('error', (error: { code?: string }) => resolve(error.code)));
      await opener.query('BEGIN');
      expect(await ended).toBe('25P03');
      expect((await other.query('SELECT count(*)::int AS n FROM t WHERE id >= 10')).rows).toEqual([{ n: 1 }]);
    } finally {
      await Promise.all([opener.end().catch(() => undefined), other.query('DELETE FROM t WHERE id >= 10').then(() => other.end())]);
    }
  });

  it('leaves a client alone while it is busy, and a client idle outside a transaction stays connected', async () => {
    const [busy, quiet] = await Promise.all([wireClient(engine, 'idle'), wireClient(engine, 'idle')]);
    try {
      await busy.query('BEGIN');
      await busy.query('SELECT pg_sleep(3)');
      await busy.query('INSERT INTO t VALUES (3)');
      await busy.query('COMMIT');
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect((await quiet.query('SELECT array_agg(id ORDER BY id) AS ids FROM t')).rows).toEqual([{ ids: [2, 3] }]);
    } finally {
      await Promise.all([busy.end(), quiet.end()]);
    }
  });
});
