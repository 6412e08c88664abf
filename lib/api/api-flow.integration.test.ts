import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_PERMISSIONS } from '@/lib/domain/actor';
import { createDomainFixture, type DomainFixture } from '@/lib/domain/testing/fixture';
import { createToken } from '@/lib/domain/tokens';
import type { ApiContext } from './handler';
import { RateLimiter } from './rate-limit';
import * as schemas from './schemas';
import { type ApiCall, callApi } from './testing/call-api';

let fixture: DomainFixture;
let context: ApiContext;
let token: string;

beforeAll(async () => {
  fixture = await createDomainFixture();
  context = { ...fixture.context, rateLimiter: new RateLimiter({ burst: 10_000, perMinute: 10_000 }) };
  ({ plaintext: token } = await createToken(fixture.context, fixture.actors.leadQa, {
    teamId: fixture.teams.qa.id,
    name: 'qa-ci',
    permissions: [...TOKEN_PERMISSIONS],
    expiresInDays: 30,
  }));
});
afterAll(async () => {
  await fixture?.close();
});

const api = (call: ApiCall) => callApi(context, { token, ...call });

async function sql(url: string, text: string): Promise<unknown[][]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query({ text, rowMode: 'array' })).rows;
  } finally {
    await client.end();
  }
}

describe('a pipeline through the API: clone → write → reset → drop', () => {
  it('waits for the clone with ?wait=true, then connects, resets and drops it', async () => {
    const created = await api({
      route: 'POST /api/v1/environments',
      query: { wait: 'true', timeout: '60' },
      body: { from: 'production', purpose: 'ci run', ttl: '2h', name: 'qa_ci_run' },
    });
    expect(created.status).toBe(201);
    expect(schemas.environmentStateSchema.parse(created.body)).toMatchObject({ name: 'qa_ci_run', status: 'ready', engine: 'embedded' });
    expect(created.headers.get('location')).toBe('/api/v1/environments/qa_ci_run');

    const connection = schemas.connectionSchema.parse(
      (await api({ route: 'GET /api/v1/environments/{name}/connection', name: 'qa_ci_run', query: { reveal: 'true' } })).body,
    );
    expect(connection.command).toContain(connection.url);
    expect(connection.url).toContain(`:${connection.password}@`);
    const url = connection.url.replace('sslmode=require', 'sslmode=no-verify');
    await sql(url, "INSERT INTO products (name, price, stock) VALUES ('CI widget', 1, 1)");
    expect((await sql(url, 'SELECT count(*)::int FROM products'))[0]).toEqual([6]);

    const reset = await api({ route: 'POST /api/v1/environments/{name}/reset', name: 'qa_ci_run' });
    expect([reset.status, schemas.environmentStateSchema.parse(reset.body).status]).toEqual([200, 'ready']);
    expect(await fixture.count('qa_ci_run', 'products')).toBe(5);

    const dropped = await api({ route: 'DELETE /api/v1/environments/{name}', name: 'qa_ci_run' });
    expect([dropped.status, dropped.body]).toEqual([200, { name: 'qa_ci_run', dropped: true, freedBytes: expect.anything() }]);
    expect((await api({ route: 'GET /api/v1/environments/{name}', name: 'qa_ci_run' })).status).toBe(404);
    expect(await fixture.engine.getDatabase('qa_ci_run')).toBeNull();
  });

  it('answers 202 with a Location at once, and the status can be polled until ready', async () => {
    // One clock for both requests, so both suggestions fall in the same minute.
    const startedAt = new Date();
    const api = (call: ApiCall) => callApi({ ...context, now: () => startedAt }, { token, ...call });
    const created = await api({ route: 'POST /api/v1/environments', body: { from: 'production', purpose: 'Nightly regression' } });
    expect(created.status).toBe(202);
    const state = schemas.environmentStateSchema.parse(created.body);
    expect(state.status).toBe('provisioning');
    expect(state.name).toMatch(/^qa_nightly_regression_\d{8}_\d{4}$/);
    await fixture.context.jobs.idle();
    const polled = await api({ route: 'GET /api/v1/environments/{name}', name: state.name });
    expect(schemas.environmentSchema.parse(polled.body)).toMatchObject({
      status: 'ready',
      team: 'qa',
      purpose: 'Nightly regression',
      sourceDatabase: 'production',
    });
    const second = await api({
      route: 'POST /api/v1/environments',
      query: { wait: 'true' },
      body: { from: 'production', purpose: 'Nightly regression' },
    });
    expect(schemas.environmentStateSchema.parse(second.body).name).toBe(`${state.name}_2`);
  });

  it('clones a snapshot by name, and restores an environment from one', async () => {
    await api({
      route: 'POST /api/v1/environments',
      query: { wait: 'true' },
      body: { from: 'production', purpose: 'snapshot source', name: 'qa_src' },
    });
    const snap = await api({
      route: 'POST /api/v1/snapshots',
      body: { environment: 'qa_src', name: 'qa_src_before', purpose: 'before the change' },
    });
    expect([snap.status, schemas.snapshotSchema.parse(snap.body).database]).toEqual([201, 'qa_src']);
    await fixture.engine.query('qa_src', 'DELETE FROM products');
    const clone = await api({
      route: 'POST /api/v1/environments',
      query: { wait: 'true' },
      body: { snapshot: 'qa_src_before', purpose: 'from snapshot', name: 'qa_from_snap' },
    });
    expect(clone.status).toBe(201);
    expect(await fixture.count('qa_from_snap', 'products')).toBe(5);
    const restored = await api({ route: 'POST /api/v1/environments/{name}/restore', name: 'qa_src', body: { snapshot: 'qa_src_before' } });
    expect(restored.status).toBe(200);
    const { undoSnapshot } = schemas.restoredEnvironmentSchema.parse(restored.body);
    expect(await fixture.count('qa_src', 'products')).toBe(5);
    const listed = schemas.snapshotListSchema.parse((await api({ route: 'GET /api/v1/snapshots', query: { environment: 'qa_src' } })).body);
    expect(listed.snapshots.map((snapshot) => snapshot.name).sort()).toEqual(['qa_src_base', 'qa_src_before', undoSnapshot]);
    const undone = await api({ route: 'POST /api/v1/environments/{name}/restore', name: 'qa_src', body: { snapshot: undoSnapshot } });
    expect([undone.status, await fixture.count('qa_src', 'products')]).toEqual([200, 0]);
  });
});

describe('errors: JSON { code, message } with the mapped status', () => {
  const cases: Array<[string, ApiCall, number, string]> = [
    ['body is not JSON', { route: 'POST /api/v1/environments', rawBody: '{nope' }, 400, 'BAD_REQUEST'],
    [
      'unknown field',
      { route: 'POST /api/v1/environments', body: { from: 'production', purpose: 'x run', colour: 'red' } },
      400,
      'BAD_REQUEST',
    ],
    ['nothing to clone', { route: 'POST /api/v1/environments', body: { purpose: 'x run' } }, 400, 'BAD_REQUEST'],
    ['bad ttl', { route: 'POST /api/v1/environments', body: { from: 'production', purpose: 'x run', ttl: '2 hours' } }, 400, 'BAD_REQUEST'],
    ['unknown query parameter', { route: 'GET /api/v1/environments', query: { team: 'dev' } }, 400, 'BAD_REQUEST'],
    [
      'purpose too short (a rule)',
      { route: 'POST /api/v1/environments', body: { from: 'production', purpose: 'x', name: 'qa_short' } },
      422,
      'VALIDATION',
    ],
    [
      'ttl beyond the maximum',
      { route: 'POST /api/v1/environments', body: { from: 'production', purpose: 'x run', ttl: '1000d', name: 'qa_long' } },
      422,
      'VALIDATION',
    ],
    [
      'name taken',
      { route: 'POST /api/v1/environments', body: { from: 'production', purpose: 'x run', name: 'production' } },
      409,
      'CONFLICT',
    ],
    ['production cannot be dropped by a token', { route: 'DELETE /api/v1/environments/{name}', name: 'production' }, 403, 'FORBIDDEN'],
    ['nothing by that name', { route: 'POST /api/v1/environments/{name}/reset', name: 'nope' }, 404, 'NOT_FOUND'],
    ['a reset point cannot be dropped', { route: 'DELETE /api/v1/snapshots/{name}', name: 'qa_src_base' }, 409, 'CONFLICT'],
  ];
  for (const [what, call, status, code] of cases) {
    it(`${what} → ${status} ${code}`, async () => {
      const answer = await api(call);
      expect([answer.status, schemas.errorSchema.parse(answer.body).code]).toEqual([status, code]);
    });
  }

  it('quota → 422 QUOTA', async () => {
    const live = await fixture.prisma.environment.count({ where: { teamId: fixture.teams.qa.id, droppedAt: null } });
    await fixture.prisma.team.update({ where: { id: fixture.teams.qa.id }, data: { maxEnvironments: live } });
    const answer = await api({ route: 'POST /api/v1/environments', body: { from: 'production', purpose: 'over quota', name: 'qa_over' } });
    expect([answer.status, (answer.body as { code: string }).code]).toEqual([422, 'QUOTA']);
    const usage = schemas.usageSchema.parse((await api({ route: 'GET /api/v1/usage' })).body);
    expect([usage.team.name, usage.environmentCount, usage.team.maxEnvironments]).toEqual(['qa', live, live]);
  });
});

describe('rate limit per token', () => {
  it('answers 429 with Retry-After once a token has spent its burst, other tokens unaffected', async () => {
    let now = 1_000_000;
    const limited: ApiContext = { ...fixture.context, rateLimiter: new RateLimiter({ burst: 3, perMinute: 60, now: () => now }) };
    const { plaintext: other } = await createToken(fixture.context, fixture.actors.leadQa, {
      teamId: fixture.teams.qa.id,
      name: 'qa-other',
      permissions: ['read'],
      expiresInDays: 1,
    });
    const call = (bearer: string) => callApi(limited, { route: 'GET /api/v1/usage', token: bearer });
    const statuses = [];
    for (let index = 0; index < 4; index++) statuses.push((await call(token)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await call(token);
    expect([refused.status, refused.headers.get('retry-after'), (refused.body as { code: string }).code]).toEqual([
      429,
      '1',
      'RATE_LIMITED',
    ]);
    expect((await call(other)).status).toBe(200);
    now += 1000;
    expect((await call(token)).status).toBe(200);
  });
});
