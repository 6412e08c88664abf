import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApiServer } from '@/lib/api/testing/http-server';
import { RateLimiter } from '@/lib/api/rate-limit';
import { TOKEN_PERMISSIONS } from '@/lib/domain/actor';
import { provisionEnvironment } from '@/lib/domain/environments/provision';
import { createDomainFixture, type DomainFixture } from '@/lib/domain/testing/fixture';
import { createToken, revokeToken } from '@/lib/domain/tokens';
import { EXIT } from './exit-codes';
import { runCli } from './testing';

/** The CLI against a real socket serving the API handlers, with psql writing through the URL it prints. */

const execFileAsync = promisify(execFile);
let fixture: DomainFixture;
let server: { url: string; close(): Promise<void> };
let home: string;
const tokens: Record<'all' | 'readOnly' | 'revoked', string> = { all: '', readOnly: '', revoked: '' };

const run = runCli;

async function psql(url: string, sql: string): Promise<string> {
  const { stdout } = await execFileAsync('psql', [url, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
  return stdout.trim();
}

const makeToken = async (name: string, permissions: string[]) =>
  (await createToken(fixture.context, fixture.actors.leadQa, { teamId: fixture.teams.qa.id, name, permissions, expiresInDays: 7 }))
    .plaintext;

beforeAll(async () => {
  fixture = await createDomainFixture();
  server = await startApiServer({ ...fixture.context, rateLimiter: new RateLimiter({ burst: 1000, perMinute: 1000 }) }, 57_790);
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-cli-it-'));
  tokens.all = await makeToken('cli-all', [...TOKEN_PERMISSIONS]);
  tokens.readOnly = await makeToken('cli-read', ['read']);
  tokens.revoked = await makeToken('cli-revoked', ['read']);
  const revoked = await fixture.prisma.apiToken.findFirstOrThrow({ where: { name: 'cli-revoked' } });
  await revokeToken(fixture.context, fixture.actors.leadQa, revoked.id);
  const source = { kind: 'environment', environmentId: fixture.production.id };
  await provisionEnvironment(
    fixture.context,
    fixture.actors.leadDev,
    { teamId: fixture.teams.dev.id, name: 'dev_private', purpose: 'not for QA', source },
    { wait: true },
  );
  vi.stubEnv('CLONEDECK_CONFIG', path.join(home, 'clonedeck', 'config.json'));
  vi.stubEnv('CLONEDECK_URL', '');
  vi.stubEnv('CLONEDECK_TOKEN', '');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  await fixture?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

describe('clonedeck login / env / snapshot against a server', () => {
  it('logs in, checking the token, and keeps it in a file only its owner can read', async () => {
    expect((await run('login', '--url', server.url, '--token', tokens.revoked)).code).toBe(EXIT.auth);
    const login = await run('login', '--url', `${server.url}/`, '--token', tokens.all);
    expect([login.code, login.out]).toEqual([EXIT.ok, expect.stringContaining('sees 1 environment')]);
    const file = path.join(home, 'clonedeck', 'config.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ url: server.url, token: tokens.all });
  });

  it('clones production, writes through psql, resets and drops', async () => {
    const created = await run(
      'env',
      'create',
      '--from',
      'production',
      '--purpose',
      'cli pipeline',
      '--ttl',
      '2h',
      '--name',
      'qa_cli',
      '--wait',
      '--json',
    );
    expect(created.code).toBe(EXIT.ok);
    expect(JSON.parse(created.out)).toMatchObject({ ok: true, environment: { name: 'qa_cli', status: 'ready' } });

    const url = (await run('env', 'url', 'qa_cli')).out;
    expect(url).toMatch(/^postgres:\/\/\S+$/);
    await psql(url, "INSERT INTO products (name, price, stock) VALUES ('CLI widget', 1, 1)");
    expect(await psql(url, 'SELECT count(*) FROM products')).toBe('6');

    expect((await run('env', 'reset', 'qa_cli')).code).toBe(EXIT.ok);
    expect(await psql(url, 'SELECT count(*) FROM products')).toBe('5');

    const list = JSON.parse((await run('env', 'list', '--json')).out) as { environments: Array<{ name: string }> };
    expect(list.environments.map((environment) => environment.name).sort()).toEqual(['production', 'qa_cli']);
    const extended = await run('env', 'extend', 'qa_cli', '--ttl', '1d');
    expect([extended.code, extended.out]).toEqual([EXIT.ok, expect.stringContaining('now expires at')]);

    expect((await run('snapshot', 'create', 'qa_cli', 'qa_cli_s1', '--purpose', 'before tests')).code).toBe(EXIT.ok);
    expect((await run('snapshot', 'list', '--env', 'qa_cli')).out).toContain('qa_cli_s1');
    expect((await run('snapshot', 'drop', 'qa_cli_s1', '--yes')).code).toBe(EXIT.ok);

    expect((await run('env', 'drop', 'qa_cli', '--yes')).out).toContain('Dropped qa_cli: freed');
    expect((await run('env', 'show', 'qa_cli')).code).toBe(EXIT.notFound);
  });

  it('exits with distinct codes: not found, conflict, auth, usage from the server', async () => {
    expect((await run('env', 'url', 'dev_private')).code).toBe(EXIT.notFound);
    expect((await run('env', 'create', '--from', 'production', '--purpose', 'dup', '--name', 'production')).code).toBe(EXIT.conflict);
    expect((await run('env', 'create', '--from', 'production', '--purpose', 'x', '--name', 'qa_short')).code).toBe(EXIT.usage);
    expect((await run('env', 'drop', 'production', '--yes')).code).toBe(EXIT.auth);
    vi.stubEnv('CLONEDECK_TOKEN', tokens.readOnly);
    const refused = await run('env', 'create', '--from', 'production', '--purpose', 'no right', '--json');
    expect([refused.code, JSON.parse(refused.out)]).toEqual([EXIT.auth, expect.objectContaining({ ok: false, code: 'FORBIDDEN' })]);
    vi.stubEnv('CLONEDECK_TOKEN', tokens.revoked);
    const revoked = await run('env', 'list');
    expect([revoked.code, revoked.err]).toEqual([EXIT.auth, expect.stringContaining('revoked')]);
    vi.stubEnv('CLONEDECK_TOKEN', '');
  });
});
