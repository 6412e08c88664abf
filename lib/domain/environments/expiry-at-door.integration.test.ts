import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectionUrl, sqlStateOf, wireClient } from '@/lib/engines/testing/wire-client';
import type { Environment } from '@/lib/generated/prisma/client';
import type { DomainContext } from '../context';
import { reconcile } from '../reconcile';
import { createDomainFixture, type DomainFixture } from '../testing/fixture';
import { expiredFrom, reapableWhere } from './expiry';
import { extendEnvironment, protectEnvironment } from './lifecycle';
import { provisionEnvironment } from './provision';

const run = promisify(execFile);
const HOUR_MS = 3_600_000;

let fixture: DomainFixture;
beforeAll(async () => {
  fixture = await createDomainFixture();
});
afterAll(async () => {
  await fixture?.close();
});

/** The domain as it runs `hoursAgo` hours in the past: its expiries are counted from then. */
const earlier = (hoursAgo: number): DomainContext => ({
  ...fixture.context,
  now: () => new Date(Date.now() - hoursAgo * HOUR_MS),
});

/**
 * psql, a separate client process, logs in through the front door with the environment's own
 * (correct) credentials: null when it gets in, else the server's error as psql prints it.
 */
async function psqlLogin(environment: Environment): Promise<string | null> {
  const url = await connectionUrl(fixture.engine, environment.name);
  try {
    await run('psql', [url, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', 'SELECT 1'], {
      env: { ...process.env, PGCONNECT_TIMEOUT: '20' },
    });
    return null;
  } catch (error) {
    return String((error as { stderr?: string }).stderr).trim();
  }
}

const WRONG_PASSWORD = /FATAL: {2}password authentication failed for user "app"$/;

describe('an expired environment at the front door', () => {
  it('is refused with the right password exactly as a wrong one (28P01) once its expiry passes, and let in again when extended or protected', async () => {
    const { context, actors, teams, production } = fixture;
    const warn = vi.spyOn(console, 'warn');
    // Provisioned three hours ago for one hour: its expiry passed two hours ago (the reaper has not run).
    const environment = await provisionEnvironment(
      earlier(3),
      actors.leadQa,
      {
        teamId: teams.qa.id,
        name: 'qa_expiring',
        purpose: 'expiry at the door',
        source: { kind: 'environment', environmentId: production.id },
        ttlHours: 1,
      },
      { wait: true },
    );
    expect(environment.expiresAt!.getTime()).toBeLessThan(Date.now());
    expect(await sqlStateOf(wireClient(fixture.engine, environment.name, 'read-only'))).toBe('28P01');
    expect(await psqlLogin(environment)).toMatch(WRONG_PASSWORD);
    expect(warn.mock.calls.map(([line]) => String(line))).toContain(
      `[clonedeck] front door: app on qa_expiring refused: the environment expired (its credentials were valid until ${environment.expiresAt!.toISOString()})`,
    );
    // …as a wrong password is refused: nothing tells the two apart.
    const wrong = (await connectionUrl(fixture.engine, environment.name)).replace(/:[^:@]+@/, ':wrong@');
    const wrongAttempt = await run('psql', [wrong, '-X', '-c', 'SELECT 1']).catch((error: { stderr: string }) => error.stderr.trim());
    expect(wrongAttempt).toMatch(WRONG_PASSWORD);

    // Extended from now: in again.
    await extendEnvironment(context, actors.leadQa, { environmentId: environment.id, ttlHours: 1 });
    expect(await psqlLogin(environment)).toBeNull();

    // Extended as if two hours ago, for one hour: expired again.
    await extendEnvironment(earlier(2), actors.leadQa, { environmentId: environment.id, ttlHours: 1 });
    expect(await psqlLogin(environment)).toMatch(WRONG_PASSWORD);

    // Protected: the reaper keeps it, so the door lets it in; unprotected, refused again.
    await protectEnvironment(context, actors.admin, { environmentId: environment.id, hours: null });
    expect(await psqlLogin(environment)).toBeNull();
    await protectEnvironment(context, actors.admin, { environmentId: environment.id, hours: 0 });
    expect(await psqlLogin(environment)).toMatch(WRONG_PASSWORD);
    // Protected for an hour from now (beyond its expiry): in until then.
    await protectEnvironment(context, actors.leadQa, { environmentId: environment.id, hours: 1 });
    expect(await psqlLogin(environment)).toBeNull();

    // Never expiring (an admin's extension), and production: valid with no end.
    await protectEnvironment(context, actors.admin, { environmentId: environment.id, hours: 0 });
    await extendEnvironment(earlier(2), actors.admin, { environmentId: environment.id, ttlHours: null });
    expect(await psqlLogin(environment)).toBeNull();
    expect(await psqlLogin(production)).toBeNull();
    warn.mockRestore();
  });

  it('is told to the engine again at start-up (environments made before the engine enforced expiry)', async () => {
    const { context, actors, teams, production, prisma } = fixture;
    const environment = await provisionEnvironment(
      context,
      actors.leadDs,
      {
        teamId: teams['data-science'].id,
        name: 'ds_older',
        purpose: 'start-up',
        source: { kind: 'environment', environmentId: production.id },
      },
      { wait: true },
    );
    // As an older version left it: expired in the metadata, no instant on the engine.
    const expired = await prisma.environment.update({ where: { id: environment.id }, data: { expiresAt: new Date(Date.now() - HOUR_MS) } });
    await fixture.engine.abilities.credentials!.setValidUntil(environment.name, null);
    expect(await psqlLogin(expired)).toBeNull();
    await reconcile(context, { atStartup: true });
    expect(await psqlLogin(expired)).toMatch(WRONG_PASSWORD);
  });

  it('follows the reaper: expired for the door exactly when the reaper would drop it', async () => {
    const { prisma, teams, production } = fixture;
    const now = new Date();
    const at = (hours: number) => new Date(now.getTime() + hours * HOUR_MS);
    const cases: Array<Partial<Environment> & { name: string }> = [
      { name: 'rule_past', expiresAt: at(-1) },
      { name: 'rule_future', expiresAt: at(1) },
      { name: 'rule_never', expiresAt: null },
      { name: 'rule_now', expiresAt: now },
      { name: 'rule_protected', expiresAt: at(-1), isProtected: true },
      { name: 'rule_protected_later', expiresAt: at(-2), protectedUntil: at(1) },
      { name: 'rule_protection_over', expiresAt: at(-2), protectedUntil: at(-1) },
      { name: 'rule_protected_shorter', expiresAt: at(1), protectedUntil: at(-1) },
      { name: 'rule_production', expiresAt: at(-1), isProduction: true },
    ];
    const rows = [];
    for (const { name, ...fields } of cases) {
      rows.push(
        await prisma.environment.create({
          data: {
            name,
            engineId: production.engineId,
            teamId: teams.dev.id,
            purpose: 'rule',
            createdById: production.createdById,
            status: 'ready',
            ...fields,
          },
        }),
      );
    }
    const reapable = await prisma.environment.findMany({ where: { AND: [reapableWhere(now), { name: { startsWith: 'rule_' } }] } });
    const byRule = rows.filter((row) => {
      const from = expiredFrom(row);
      return from !== null && from <= now;
    });
    expect(reapable.map((row) => row.name).sort()).toEqual(byRule.map((row) => row.name).sort());
    expect(byRule.map((row) => row.name).sort()).toEqual(['rule_now', 'rule_past', 'rule_protection_over'].sort());
    await prisma.environment.deleteMany({ where: { name: { startsWith: 'rule_' } } });
  });
});
