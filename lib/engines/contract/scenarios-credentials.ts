import pg from 'pg';
import { expect, it } from 'vitest';
import { clientConfig } from '../testing/wire-client';
import type { ConnectionAccess, Engine } from '../types';
import { expectCode, seedDatabase } from './contract-helpers';
import type { ContractContext } from './contract-suite';

const HOUR_MS = 3_600_000;

/** Logs in through the front door and runs one query: null, or the SQLSTATE and message it was refused with. */
async function login(engine: Engine, database: string, access: ConnectionAccess, password?: string): Promise<string | null> {
  const client = new pg.Client({ ...(await clientConfig(engine, database, access)), ...(password ? { password } : {}) });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    // Not ended from this side: the door hangs up on a refused client (and an end() here would
    // leave the socket half-open, keeping the door's close waiting).
    const { code, message } = error as { code?: string; message?: string };
    return `${code}: ${message}`;
  }
  try {
    await client.query('SELECT 1');
    return null;
  } finally {
    await client.end();
  }
}

/** Per-environment credentials (engines that have them): how long they are valid, as PostgreSQL's VALID UNTIL. */
export function credentialScenarios(context: ContractContext): void {
  it('refuses the right password past the valid-until instant exactly as a wrong one (28P01), keeps open sessions, and lets it in again once moved or cleared', async (test) => {
    const { engine, name } = context;
    const credentials = engine.abilities.credentials;
    if (!credentials) return test.skip(`${engine.kind} keeps no per-environment credentials: it cannot refuse an expired environment`);
    const database = name('valid_until');
    await seedDatabase(engine, database);
    const wrongPassword = await login(engine, database, 'read-write', 'not-the-password');
    expect(wrongPassword).toBe('28P01: password authentication failed for user "app"');
    expect(await login(engine, database, 'read-write')).toBeNull();

    const open = new pg.Client(await clientConfig(engine, database, 'read-write'));
    open.on('error', () => undefined);
    await open.connect();
    try {
      await credentials.setValidUntil(database, new Date(Date.now() - HOUR_MS));
      expect(await login(engine, database, 'read-write')).toBe(wrongPassword);
      expect(await login(engine, database, 'read-only')).toBe('28P01: password authentication failed for user "app_readonly"');
      expect((await open.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 2 }]); // as in PostgreSQL: sessions stay
    } finally {
      await open.end();
    }
    // A rotation gives new passwords, not a longer life.
    await credentials.rotate(database);
    expect(await login(engine, database, 'read-write')).toBe(wrongPassword);

    await credentials.setValidUntil(database, new Date(Date.now() + HOUR_MS));
    expect(await login(engine, database, 'read-write')).toBeNull();
    await credentials.setValidUntil(database, new Date(Date.now() - HOUR_MS));
    await credentials.setValidUntil(database, null);
    expect(await login(engine, database, 'read-only')).toBeNull();

    await expectCode(() => credentials.setValidUntil(name('valid_until_missing'), null), 'NOT_FOUND', 'an unknown database');
    await expectCode(() => credentials.setValidUntil(database, new Date(Number.NaN)), 'VALIDATION', 'an instant that is no date');
    expect(await login(engine, database, 'read-write')).toBeNull(); // the refused call changed nothing
  });
}
