import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '@/lib/api/rate-limit';
import { startApiServer } from '@/lib/api/testing/http-server';
import { createDomainFixture, type DomainFixture } from '@/lib/domain/testing/fixture';
import { createToken } from '@/lib/domain/tokens';
import { EXIT } from './exit-codes';
import { runCli } from './testing';

/**
 * The seeds' safe-upgrade tutorial as a pipeline runs it, through the CLI against a real
 * socket and the real embedded engine: snapshot production, upgrade it (through psql), verify
 * the rollback point by cloning it, restore production with its name typed — and undo that.
 */

const execFileAsync = promisify(execFile);
let fixture: DomainFixture;
let server: { url: string; close(): Promise<void> };

async function psql(url: string, sql: string): Promise<string> {
  const { stdout } = await execFileAsync('psql', [url, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
  return stdout.trim();
}

const COLUMNS = "SELECT count(*) FROM information_schema.columns WHERE table_name = 'products'";

async function tokenFor(actor: 'admin' | 'leadQa', permissions: string[]): Promise<string> {
  const input = { teamId: fixture.teams.qa.id, name: `upgrade-${actor}`, permissions, expiresInDays: 1 };
  return (await createToken(fixture.context, fixture.actors[actor], input)).plaintext;
}

beforeAll(async () => {
  fixture = await createDomainFixture();
  server = await startApiServer({ ...fixture.context, rateLimiter: new RateLimiter({ burst: 1000, perMinute: 1000 }) }, 58_590);
  vi.stubEnv('CLONEDECK_URL', server.url);
  vi.stubEnv('CLONEDECK_CONFIG', '/nonexistent/clonedeck.json');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  await fixture?.close();
});

describe('the safe-upgrade pipeline through the CLI', () => {
  it('refuses production to tokens without the production permission, and its grant to non-admins', async () => {
    vi.stubEnv('CLONEDECK_TOKEN', await tokenFor('leadQa', ['read', 'snapshot', 'reset']));
    const refused = await runCli('snapshot', 'create', 'production', 'sneaky', '--purpose', 'not allowed', '--json');
    expect([refused.code, JSON.parse(refused.out)]).toEqual([EXIT.auth, expect.objectContaining({ code: 'FORBIDDEN' })]);
    await expect(tokenFor('leadQa', ['read', 'production'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await fixture.prisma.snapshot.count({ where: { name: 'sneaky' } })).toBe(0);
  });

  it('snapshots production, upgrades it, verifies the snapshot by a clone, restores and can undo the restore', async () => {
    vi.stubEnv('CLONEDECK_TOKEN', await tokenFor('admin', ['read', 'provision', 'reset', 'drop', 'snapshot', 'production']));
    const snapshot = await runCli('snapshot', 'create', 'production', 'pre_upgrade_v1', '--purpose', 'before v2');
    expect([snapshot.code, snapshot.out]).toEqual([EXIT.ok, 'Took snapshot pre_upgrade_v1 of production.']);

    const production = (await runCli('env', 'url', 'production')).out;
    await psql(
      production,
      "ALTER TABLE products ADD COLUMN category text; INSERT INTO products (name, category) VALUES ('VR Headset', 'vr')",
    );
    expect([await psql(production, 'SELECT count(*) FROM products'), await psql(production, COLUMNS)]).toEqual(['6', '5']);

    const verify = await runCli(
      'env',
      'create',
      '--snapshot',
      'pre_upgrade_v1',
      '--purpose',
      'verify rollback',
      '--name',
      'qa_verify_v1',
      '--wait',
    );
    expect(verify.code).toBe(EXIT.ok);
    const clone = (await runCli('env', 'url', 'qa_verify_v1')).out;
    expect([await psql(clone, 'SELECT count(*) FROM products'), await psql(clone, COLUMNS)]).toEqual(['5', '4']);
    expect((await runCli('env', 'drop', 'qa_verify_v1', '--yes')).code).toBe(EXIT.ok);

    const unconfirmed = await runCli('env', 'restore', 'production', '--snapshot', 'pre_upgrade_v1');
    expect([unconfirmed.code, unconfirmed.err]).toEqual([EXIT.usage, expect.stringContaining('Type production to confirm')]);
    expect(await psql(production, 'SELECT count(*) FROM products')).toBe('6');

    const restored = await runCli('env', 'restore', 'production', '--snapshot', 'pre_upgrade_v1', '--confirm', 'production', '--json');
    expect(restored.code).toBe(EXIT.ok);
    const answer = JSON.parse(restored.out) as { environment: { status: string }; undoSnapshot: string };
    expect(answer.environment.status).toBe('ready');
    expect(answer.undoSnapshot).toMatch(/^production_undo_\d{17}$/);
    expect([await psql(production, 'SELECT count(*) FROM products'), await psql(production, COLUMNS)]).toEqual(['5', '4']);

    const undone = await runCli('env', 'restore', 'production', '--snapshot', answer.undoSnapshot, '--confirm', 'production');
    expect([undone.code, undone.out]).toEqual([EXIT.ok, expect.stringContaining('was restored to production_undo_')]);
    expect([await psql(production, 'SELECT count(*) FROM products'), await psql(production, COLUMNS)]).toEqual(['6', '5']);
    const audit = await fixture.prisma.auditEvent.findMany({
      where: { action: 'environment.restore', targetName: 'production' },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((event) => [event.outcome, event.actorType])).toEqual([
      ['failure', 'token'],
      ['success', 'token'],
      ['success', 'token'],
    ]);
  }, 120_000);
});
