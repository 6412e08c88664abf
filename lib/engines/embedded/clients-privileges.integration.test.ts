import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf } from '../testing/plumbing';
import { sqlStateOf, wireClient } from '../testing/wire-client';
import type { EmbeddedEngine } from './engine';
import { openEmbeddedWithDoor } from './testing/engine-with-door';

/**
 * Least privilege through the wire: the embedded engine's one backend runs as a superuser, yet a
 * client is its role and nothing more, whatever SQL it sends.
 */
describe('embedded engine: what a client may not do', () => {
  let setup: Awaited<ReturnType<typeof openEmbeddedWithDoor>>;
  let engine: EmbeddedEngine;

  beforeAll(async () => {
    setup = await openEmbeddedWithDoor('clients-privileges');
    engine = setup.engine;
    await engine.createDatabase('guarded_src', {
      initialSql: "CREATE TABLE t (id serial PRIMARY KEY, v text); INSERT INTO t (v) VALUES ('one');",
    });
    await engine.cloneDatabase({ source: 'guarded_src', target: 'guarded', from: { kind: 'now' } });
  });
  afterAll(() => setup?.close());

  it('refuses app files, programs, other roles and untrusted extensions, and it stays app', async () => {
    const client = await wireClient(engine, 'guarded');
    try {
      const attacks: Record<string, string> = {
        "COPY t TO '/tmp/clonedeck-stolen'": '42501',
        "COPY t FROM '/etc/passwd'": '42501',
        "COPY t TO PROGRAM 'id'": '42501',
        "SELECT pg_read_file('/etc/passwd')": '42501',
        "SELECT lo_import('/etc/passwd')": '42501',
        'SET ROLE postgres': '42501',
        'RESET ROLE': '42501',
        'SET SESSION AUTHORIZATION postgres': '42501',
        "DO $$BEGIN EXECUTE 'RESET ROLE'; END$$": '42501',
        "SELECT set_config('role', 'postgres', false)": '42501',
        'ALTER ROLE app SUPERUSER': '42501',
        // PGlite ships one untrusted extension, pgvector, and the engine creates it in every database;
        // the others (file_fdw, …) are not there at all.
        'DROP EXTENSION vector': '42501',
        'CREATE EXTENSION file_fdw': '0A000',
      };
      const seen: Record<string, string | null> = {};
      for (const attack of Object.keys(attacks)) seen[attack] = await sqlStateOf(client.query(attack));
      expect(seen).toEqual(attacks);
      expect((await client.query('SELECT current_user AS who')).rows).toEqual([{ who: 'app' }]);
      expect((await client.query("INSERT INTO t (v) VALUES ('mine') RETURNING id")).rows).toEqual([{ id: 2 }]);
    } finally {
      await client.end();
    }
  });

  it('tells a client it is no superuser, as its start-up did', async () => {
    const client = await wireClient(engine, 'guarded');
    try {
      const { rows } = await client.query("SELECT session_user AS session, current_setting('is_superuser') AS superuser");
      expect(rows).toEqual([{ session: 'app', superuser: 'off' }]);
    } finally {
      await client.end();
    }
  });

  it('lets app_readonly read, and refuses every write, table, temporary table, large object and sequence step', async () => {
    const before = await engine.query('guarded', 'SELECT count(*)::int FROM t');
    const client = await wireClient(engine, 'guarded', 'read-only');
    try {
      expect((await client.query('SELECT v FROM t WHERE id = 1')).rows).toEqual([{ v: 'one' }]);
      // Refused by privilege (the role may write nothing), not by a read-only setting a client could lift.
      const writes: Record<string, string> = {
        "INSERT INTO t (v) VALUES ('nope')": '42501',
        "UPDATE t SET v = 'nope'": '42501',
        'DELETE FROM t': '42501',
        'CREATE TABLE mine (id int)': '42501',
        'CREATE TEMP TABLE mine (id int)': '42501',
        'SELECT lo_create(0)': '42501',
        "SELECT nextval('t_id_seq')": '42501',
        'SET ROLE app': '42501',
      };
      const seen: Record<string, string | null> = {};
      for (const write of Object.keys(writes)) seen[write] = await sqlStateOf(client.query(write));
      expect(seen).toEqual(writes);
      expect((await client.query('SELECT current_user AS who')).rows).toEqual([{ who: 'app_readonly' }]);
    } finally {
      await client.end();
    }
    expect((await engine.query('guarded', 'SELECT count(*)::int FROM t')).rows).toEqual(before.rows);
  });

  it('refuses a write on the console read-only path', async () => {
    const before = await engine.query('guarded', 'SELECT count(*)::int FROM t');
    for (const write of ["INSERT INTO t (v) VALUES ('console')", "SELECT nextval('t_id_seq')", 'CREATE TABLE console_made (id int)']) {
      expect((await failureOf(engine.query('guarded', write, { readOnly: true }))).code, write).toBe('VALIDATION');
    }
    expect((await engine.query('guarded', 'SELECT count(*)::int FROM t')).rows).toEqual(before.rows);
    expect((await engine.query('guarded', "SELECT to_regclass('console_made') IS NULL")).rows).toEqual([[true]]);
  });
});
