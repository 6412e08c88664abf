import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '@/lib/api/rate-limit';
import { startApiServer } from '@/lib/api/testing/http-server';
import { provisionEnvironment } from '@/lib/domain/environments/provision';
import { createDomainFixture, type DomainFixture } from '@/lib/domain/testing/fixture';
import { createToken } from '@/lib/domain/tokens';
import { runCli } from './testing';

/**
 * A purpose written before purposes were checked (or by a hostile server) holds escape
 * sequences that would clear the screen and retitle the terminal: the CLI prints it, and a
 * server's error message, without any control character.
 */

const HOSTILE = 'nightly\u001b[2J\u001b[H\u001b]0;pwned\u0007 run\u009b31m\u0008\r';
// eslint-disable-next-line no-control-regex -- matching control characters is the point: the test looks for any that leaked to the terminal
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let fixture: DomainFixture;
let server: { url: string; close(): Promise<void> };
let liar: http.Server;

beforeAll(async () => {
  fixture = await createDomainFixture();
  server = await startApiServer({ ...fixture.context, rateLimiter: new RateLimiter({ burst: 1000, perMinute: 1000 }) }, 0);
  const source = { kind: 'environment', environmentId: fixture.production.id };
  const environment = await provisionEnvironment(
    fixture.context,
    fixture.actors.leadQa,
    { teamId: fixture.teams.qa.id, name: 'qa_legacy', purpose: 'placeholder', source },
    { wait: true },
  );
  await fixture.prisma.environment.update({ where: { id: environment.id }, data: { purpose: HOSTILE } });
  const token = (
    await createToken(fixture.context, fixture.actors.leadQa, {
      teamId: fixture.teams.qa.id,
      name: 'cli',
      permissions: ['read'],
      expiresInDays: 7,
    })
  ).plaintext;
  liar = http.createServer((_request, response) => {
    response
      .writeHead(404, { 'content-type': 'application/json' })
      .end(JSON.stringify({ code: 'NOT_FOUND', message: `gone\u001b]0;owned\u0007\u001b[31m!` }));
  });
  await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
  vi.stubEnv('CLONEDECK_URL', server.url);
  vi.stubEnv('CLONEDECK_TOKEN', token);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  if (liar) await new Promise((resolve) => liar.close(resolve));
  await server?.close();
  await fixture?.close();
});

describe('what the CLI prints from a server', () => {
  it('strips escape sequences and control characters from purposes in lists and details', async () => {
    for (const argv of [
      ['env', 'list'],
      ['env', 'show', 'qa_legacy'],
      ['snapshot', 'list'],
    ]) {
      const run = await runCli(...argv);
      expect(run.code).toBe(0);
      expect(CONTROL.test(run.out.replace(/\n|\t/g, ''))).toBe(false);
    }
    expect((await runCli('env', 'show', 'qa_legacy')).out).toContain('purpose: nightly run31m');
  });

  it('prints --json with control characters escaped (\\u001b), never raw: the data stays exact for jq', async () => {
    const run = await runCli('env', 'show', 'qa_legacy', '--json');
    expect(CONTROL.test(run.out)).toBe(false);
    const purpose = (JSON.parse(run.out) as { environment: { purpose: string } }).environment.purpose;
    // U+009B is the one JSON.stringify leaves raw, so it is the one dropped.
    expect(purpose).toBe(HOSTILE.replace('\u009b', ''));
  });

  it("strips them from a server's error message too", async () => {
    vi.stubEnv('CLONEDECK_URL', `http://127.0.0.1:${(liar.address() as AddressInfo).port}`);
    const run = await runCli('env', 'show', 'anything');
    vi.stubEnv('CLONEDECK_URL', server.url);
    expect(run.code).toBe(4);
    expect(run.err).toBe('clonedeck: gone!');
  });
});
