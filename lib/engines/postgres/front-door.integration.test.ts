import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeCapabilities, type CredentialsAbility } from '../types';
import { postgresCapabilities } from './capabilities';
import { openEngineWithDoor, sqlStateOf, type EngineWithDoor } from './testing';

/**
 * The front door as a client meets it: TLS, SCRAM with the environment's own credentials,
 * refusals with the standard errors, and roles that cannot escape their rights.
 */
describe('PostgreSQL engine front door', () => {
  let setup: EngineWithDoor;
  let credentials: CredentialsAbility;

  beforeAll(async () => {
    setup = await openEngineWithDoor();
    credentials = setup.engine.abilities.credentials!;
    await setup.engine.createDatabase('door_a');
    await setup.engine.query('door_a', "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'one')");
  });
  afterAll(() => setup.close());

  it('describes itself as its static capabilities say (the README table)', () => {
    expect(summarizeCapabilities(setup.engine)).toEqual(postgresCapabilities);
  });

  it('lets the environment role in over TLS and runs as that role, never a superuser', async () => {
    const client = await setup.connect('door_a', await credentials.reveal('door_a', 'read-write'));
    try {
      const { rows } = await client.query(
        "SELECT current_user AS who, current_setting('is_superuser') AS superuser, current_database() AS db",
      );
      expect(rows[0]).toEqual({ who: 'app', superuser: 'off', db: 'door_a' });
      expect(client.connection.stream.constructor.name).toBe('TLSSocket');
    } finally {
      await client.end();
    }
  });

  it('refuses a wrong password, an unknown database (as a wrong password), a foreign user and a missing TLS with the standard codes', async () => {
    const good = await credentials.reveal('door_a', 'read-write');
    expect(await sqlStateOf(setup.connect('door_a', { ...good, password: 'wrong' }))).toBe('28P01');
    // An unknown database looks like a wrong password: names cannot be probed without a credential.
    expect(await sqlStateOf(setup.connect('no_such_env', good))).toBe('28P01');
    expect(await sqlStateOf(setup.connect('door_a', { user: 'postgres', password: '' }))).toBe('28000');
    const strict = await openEngineWithDoor('never');
    try {
      await strict.engine.createDatabase('door_b');
      const b = await strict.engine.abilities.credentials!.reveal('door_b', 'read-write');
      expect(await sqlStateOf(strict.connect('door_b', b, { ssl: false }))).toBe('28000');
      const client = await strict.connect('door_b', b);
      await client.end();
    } finally {
      await strict.close();
    }
  });

  it("gives a clone its own passwords: the source's do not open it", async () => {
    await setup.engine.cloneDatabase({ source: 'door_a', target: 'door_clone', from: { kind: 'now' } });
    const source = await credentials.reveal('door_a', 'read-write');
    const clone = await credentials.reveal('door_clone', 'read-write');
    expect(clone.password).not.toBe(source.password);
    expect(await sqlStateOf(setup.connect('door_clone', source))).toBe('28P01');
    const client = await setup.connect('door_clone', clone);
    expect((await client.query('SELECT v FROM t')).rows).toEqual([{ v: 'one' }]);
    await client.end();
  });

  it('keeps the read-only role from changing a byte, even after lifting read-only', async () => {
    const client = await setup.connect('door_a', await credentials.reveal('door_a', 'read-only'));
    try {
      expect((await client.query('SELECT v FROM t')).rows).toEqual([{ v: 'one' }]);
      expect(await sqlStateOf(client.query("INSERT INTO t VALUES (2, 'two')"))).toBe('25006');
      await client.query('SET default_transaction_read_only = off');
      expect(await sqlStateOf(client.query("INSERT INTO t VALUES (2, 'two')"))).toBe('42501');
      expect(await sqlStateOf(client.query('CREATE TABLE mine (id int)'))).toBe('42501');
      expect(await sqlStateOf(client.query('CREATE TEMP TABLE mine (id int)'))).toBe('42501');
    } finally {
      await client.end();
    }
    expect(await setup.engine.query('door_a', 'SELECT count(*)::int AS n FROM t').then((result) => result.rows)).toEqual([[1]]);
  });

  it('gives no session access to server files, programs or other roles', async () => {
    const client = await setup.connect('door_a', await credentials.reveal('door_a', 'read-write'));
    try {
      for (const attack of [
        "COPY t TO '/tmp/clonedeck-stolen'",
        "COPY t FROM '/etc/passwd'",
        "COPY t TO PROGRAM 'id'",
        "SELECT pg_read_file('/etc/passwd')",
        "SELECT lo_import('/etc/passwd')",
        'SET ROLE postgres',
        'SET SESSION AUTHORIZATION postgres',
        'ALTER ROLE app SUPERUSER',
        'CREATE EXTENSION file_fdw',
      ]) {
        expect(await sqlStateOf(client.query(attack)), attack).toBe('42501');
      }
    } finally {
      await client.end();
    }
  });

  it('lists who is connected, from where and doing what, and ends one session without touching the others', async () => {
    const sessions = setup.engine.abilities.sessions!;
    const [kept, ended] = await Promise.all(
      [0, 1].map(async () => setup.connect('door_a', await credentials.reveal('door_a', 'read-write'))),
    );
    try {
      await ended!.query('BEGIN');
      await ended!.query("INSERT INTO t VALUES (77, 'uncommitted')");
      const endedPid = String((await ended!.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      const listed = await sessions.list('door_a');
      const mine = listed.find((session) => session.id === endedPid);
      expect(mine).toMatchObject({ user: 'app', address: '127.0.0.1', state: 'idle in transaction' });
      expect(listed.length).toBeGreaterThanOrEqual(2);
      expect(await sessions.end('door_a', endedPid)).toBe(true);
      expect(await sqlStateOf(ended!.query('SELECT 1'))).not.toBeNull();
      expect((await kept!.query('SELECT count(*)::int AS n FROM t WHERE id = 77')).rows[0].n).toBe(0);
      expect((await sessions.list('door_a')).map((session) => session.id)).not.toContain(endedPid);
      expect(await sessions.end('door_a', endedPid)).toBe(false);
      expect(await sessions.end('door_a', '1; DROP TABLE t')).toBe(false);
    } finally {
      await Promise.all([kept!.end(), ended!.end().catch(() => undefined)]);
    }
  });

  it('a role that alters itself changes nothing: its password still works, planted settings are gone after a restart and in clones', async () => {
    const readOnly = await credentials.reveal('door_a', 'read-only');
    const attacker = await setup.connect('door_a', readOnly);
    await attacker.query('SET default_transaction_read_only = off');
    await attacker.query("ALTER ROLE app_readonly PASSWORD 'taken-over'");
    await attacker.query("ALTER ROLE app_readonly SET statement_timeout = '1ms'");
    await attacker.end();
    expect(await sqlStateOf(setup.connect('door_a', { user: 'app_readonly', password: 'taken-over' }))).toBe('28P01');
    await setup.engine.cloneDatabase({ source: 'door_a', target: 'door_planted', from: { kind: 'now' } });
    const clone = await setup.connect('door_planted', await credentials.reveal('door_planted', 'read-only'));
    expect((await clone.query("SELECT current_setting('statement_timeout') AS timeout")).rows[0].timeout).toBe('0');
    expect(await sqlStateOf(clone.query("INSERT INTO t VALUES (5, 'x')"))).toBe('25006');
    await clone.end();
    await setup.engine.servers.stop('door_a');
    const again = await setup.connect('door_a', readOnly);
    expect((await again.query("SELECT current_setting('statement_timeout') AS timeout")).rows[0].timeout).toBe('0');
    await again.end();
  });

  it('rotating the credentials locks the old password out and keeps the data', async () => {
    const before = await credentials.reveal('door_a', 'read-write');
    await credentials.rotate('door_a');
    const after = await credentials.reveal('door_a', 'read-write');
    expect(await sqlStateOf(setup.connect('door_a', before))).toBe('28P01');
    const client = await setup.connect('door_a', after);
    expect((await client.query('SELECT v FROM t')).rows).toEqual([{ v: 'one' }]);
    await client.end();
  });
});
