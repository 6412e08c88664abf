import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_PERMISSIONS } from '@/lib/domain/actor';
import { provisionEnvironment } from '@/lib/domain/environments/provision';
import { createDomainFixture, type DomainFixture } from '@/lib/domain/testing/fixture';
import { createToken } from '@/lib/domain/tokens';
import { endlessBody } from '@/lib/http/testing';
import type { ApiContext } from './handler';
import { RateLimiter } from './rate-limit';
import { API_HANDLERS, callApi } from './testing/call-api';

/**
 * Requests an attacker with a valid QA token sends: bodies far over the limit (streamed, or
 * announced), NUL and non-Latin-1 text, names of another team's objects, the engines'
 * reserved names. Each is refused with a 4xx, and nothing in the store or on the engine moves.
 */

let fixture: DomainFixture;
let context: ApiContext;
let token: string;

beforeAll(async () => {
  fixture = await createDomainFixture();
  context = { ...fixture.context, rateLimiter: new RateLimiter({ burst: 10_000, perMinute: 10_000 }) };
  token = (
    await createToken(fixture.context, fixture.actors.leadQa, {
      teamId: fixture.teams.qa.id,
      name: 'attacker',
      permissions: [...TOKEN_PERMISSIONS],
      expiresInDays: 7,
    })
  ).plaintext;
  const source = { kind: 'environment', environmentId: fixture.production.id };
  await provisionEnvironment(
    fixture.context,
    fixture.actors.leadDev,
    { teamId: fixture.teams.dev.id, name: 'dev_secret_project', purpose: 'dev only', source },
    { wait: true },
  );
  await provisionEnvironment(
    fixture.context,
    fixture.actors.leadQa,
    { teamId: fixture.teams.qa.id, name: 'qa_env', purpose: 'qa work', source },
    { wait: true },
  );
  await fixture.engine.createDatabase('handmade_db');
});
afterAll(async () => {
  await fixture?.close();
});

/** What an attack could change: rows of every kind, and the engine's databases and snapshots. */
async function state() {
  const { prisma } = fixture;
  return {
    environments: await prisma.environment.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, name: true, status: true, purpose: true, expiresAt: true },
    }),
    snapshots: await prisma.snapshot.count(),
    successes: await prisma.auditEvent.count({ where: { outcome: 'success' } }),
    databases: (await fixture.engine.listDatabases()).map((database) => database.name).sort(),
  };
}

const POST_ROUTES = Object.keys(API_HANDLERS).filter((route) => route.startsWith('POST'));

function streamedCall(route: string, bytes: number) {
  const handler = API_HANDLERS[route]!;
  const body = endlessBody(bytes);
  const url = `http://localhost${route.split(' ')[1]!.replace('{name}', 'qa_env')}`;
  const request = new Request(url, {
    method: 'POST',
    body: body.stream,
    duplex: 'half',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  } as RequestInit);
  return { response: handler(context, request, { name: 'qa_env' }), pulled: body.pulled };
}

describe('request bodies', () => {
  it('answers 413 to a 200 MB streamed body on every POST route, reading well under a megabyte of it', async () => {
    const before = await state();
    for (const route of POST_ROUTES) {
      const call = streamedCall(route, 200 * 1024 * 1024);
      const response = await call.response;
      expect([route, response.status, ((await response.json()) as { code: string }).code]).toEqual([route, 413, 'PAYLOAD_TOO_LARGE']);
      expect(call.pulled()).toBeLessThan(1024 * 1024);
    }
    expect(await state()).toEqual(before);
  });

  it('answers 413 on every route when Content-Length announces more than the limit, before reading it', async () => {
    for (const route of Object.keys(API_HANDLERS)) {
      const [method, template] = route.split(' ') as [string, string];
      const request = new Request(`http://localhost${template.replace('{name}', 'qa_env')}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-length': String(200 * 1024 * 1024) },
      });
      const response = await API_HANDLERS[route]!(context, request, { name: 'qa_env' });
      expect([route, response.status]).toEqual([route, 413]);
    }
  });

  it('still accepts an ordinary command', async () => {
    const answer = await callApi(context, { route: 'POST /api/v1/environments/{name}/extend', name: 'qa_env', token, body: { ttl: '1d' } });
    expect(answer.status).toBe(200);
  });
});

describe('text no name or field can hold', () => {
  it('answers 400, not 500, to NUL and non-Latin-1 characters in paths, queries and bodies', async () => {
    const before = await state();
    const calls = [
      { route: 'GET /api/v1/environments/{name}', name: 'qa_env\u0000' },
      { route: 'DELETE /api/v1/environments/{name}', name: 'qa\u0000env' },
      { route: 'GET /api/v1/environments/{name}/connection', name: 'qa_env\u4e00' },
      { route: 'POST /api/v1/environments/{name}/reset', name: '\u{1f600}' },
      { route: 'GET /api/v1/environments', query: { engine: 'embedded\u0000' } },
      { route: 'POST /api/v1/environments', body: { from: 'production', purpose: 'nul\u0000purpose', name: 'qa_nul' } },
      { route: 'POST /api/v1/snapshots', body: { environment: 'qa_env', name: 'qa_s\u0000', purpose: 'x y z' } },
    ];
    for (const call of calls) {
      const answer = await callApi(context, { ...call, token });
      expect([call.route, answer.status, (answer.body as { code: string }).code]).toEqual([call.route, 400, 'BAD_REQUEST']);
    }
    expect(await state()).toEqual(before);
  });

  it('refuses purposes carrying terminal escape sequences', async () => {
    const answer = await callApi(context, {
      route: 'POST /api/v1/environments',
      token,
      body: { from: 'production', purpose: 'ok\u001b]0;pwned\u0007', name: 'qa_escape' },
    });
    expect([answer.status, (answer.body as { code: string }).code]).toEqual([422, 'VALIDATION']);
    expect(await fixture.prisma.environment.count({ where: { name: 'qa_escape' } })).toBe(0);
  });
});

describe('names', () => {
  it('says only "name taken" for another team\'s environment or a database Clonedeck does not manage', async () => {
    const before = await state();
    for (const name of ['dev_secret_project', 'handmade_db']) {
      const answer = await callApi(context, {
        route: 'POST /api/v1/environments',
        token,
        body: { from: 'production', purpose: 'probe', name },
      });
      expect([answer.status, answer.body]).toEqual([
        409,
        { code: 'CONFLICT', message: 'That name is taken.', fieldErrors: { name: ['That name is taken.'] } },
      ]);
    }
    const snapshot = await callApi(context, {
      route: 'POST /api/v1/snapshots',
      token,
      body: { environment: 'qa_env', name: 'dev_secret_project_base', purpose: 'probe' },
    });
    expect([snapshot.status, (snapshot.body as { message: string }).message]).toEqual([409, 'That name is taken.']);
    const after = await state();
    expect({ ...after, successes: before.successes }).toEqual(before);
  });

  it("refuses the engines' reserved names and Clonedeck's internal ones", async () => {
    const before = await state();
    for (const name of [
      'postgres',
      'template0',
      'template1',
      'mo_catalog',
      'information_schema',
      'mysql',
      'system',
      'system_metrics',
      'mo_task',
      'mo_debug',
      'qa_before_restore_202601010000',
    ]) {
      const answer = await callApi(context, {
        route: 'POST /api/v1/environments',
        token,
        body: { from: 'production', purpose: 'probe', name },
      });
      expect([name, answer.status, (answer.body as { code: string }).code]).toEqual([name, 422, 'VALIDATION']);
    }
    await expect(fixture.engine.createDatabase('template1')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(fixture.engine.cloneDatabase({ source: 'production', target: 'postgres', from: { kind: 'now' } })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(await state()).toEqual(before);
  });
});
