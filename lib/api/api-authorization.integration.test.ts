import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type TokenPermission, TOKEN_PERMISSIONS } from '@/lib/domain/actor';
import { provisionEnvironment } from '@/lib/domain/environments/provision';
import { createSnapshot } from '@/lib/domain/snapshots';
import { createDomainFixture, type DomainFixture } from '@/lib/domain/testing/fixture';
import { createToken, revokeToken } from '@/lib/domain/tokens';
import type { ApiContext } from './handler';
import { RateLimiter } from './rate-limit';
import * as schemas from './schemas';
import { API_HANDLERS, type ApiCall, callApi } from './testing/call-api';

/**
 * The authorization matrix: a token of team QA, with each permission set, against every
 * route: team dev's objects are invisible (404) whatever the permissions; QA's objects
 * answer 403 without the permission and succeed with it.
 */

let fixture: DomainFixture;
let context: ApiContext;
const tokens = new Map<string, { plaintext: string; label: string }>();
let counter = 0;
const unique = (stem: string) => `${stem}_${++counter}`;

const PERMISSION_SETS: Record<string, TokenPermission[]> = {
  read: ['read'],
  provision: ['provision'],
  reset: ['reset'],
  drop: ['drop'],
  snapshot: ['snapshot'],
  all: [...TOKEN_PERMISSIONS],
};

async function provision(actor: 'leadQa' | 'leadDev', team: 'qa' | 'dev', name: string) {
  const source = { kind: 'environment', environmentId: fixture.production.id };
  return provisionEnvironment(
    fixture.context,
    fixture.actors[actor],
    { teamId: fixture.teams[team].id, name, purpose: 'matrix fixture', source, ttlHours: 24 },
    { wait: true },
  );
}

async function snapshot(actor: 'leadQa' | 'leadDev', environmentId: string, name: string) {
  return createSnapshot(fixture.context, fixture.actors[actor], { environmentId, name, purpose: 'matrix fixture' });
}

beforeAll(async () => {
  fixture = await createDomainFixture();
  context = { ...fixture.context, rateLimiter: new RateLimiter({ burst: 100_000, perMinute: 100_000 }) };
  await fixture.prisma.team.updateMany({ data: { maxEnvironments: 100 } });
  const qaEnv = await provision('leadQa', 'qa', 'qa_env');
  const devEnv = await provision('leadDev', 'dev', 'dev_env');
  await snapshot('leadQa', qaEnv.id, 'qa_snap');
  await snapshot('leadDev', devEnv.id, 'dev_snap');
  for (const [set, permissions] of Object.entries(PERMISSION_SETS)) {
    const { plaintext, token } = await createToken(fixture.context, fixture.actors.leadQa, {
      teamId: fixture.teams.qa.id,
      name: `qa-${set}`,
      permissions,
      expiresInDays: 7,
    });
    tokens.set(set, { plaintext, label: `${token.name} (${token.prefix})` });
  }
});
afterAll(async () => {
  await fixture?.close();
});

interface RouteCase {
  route: string;
  /** Permissions the token must hold (all of them). */
  needs: TokenPermission[];
  okStatus: number;
  schema: z.ZodType;
  /** The request on team QA's own object; `willSucceed` says whether to spend a fresh one. */
  own: (willSucceed: boolean) => Promise<Omit<ApiCall, 'token'>>;
  /** A request on team dev's object (null for list routes: checked by `absent`). */
  other: Array<Omit<ApiCall, 'token' | 'route'>> | null;
  /** For list routes: names of team dev's objects that must not appear in a successful answer. */
  absent?: (body: unknown) => string[];
}

const freshEnvironment = async () => (await provision('leadQa', 'qa', unique('qa_victim'))).name;
const freshSnapshot = async () =>
  (
    await snapshot(
      'leadQa',
      (await fixture.prisma.environment.findFirstOrThrow({ where: { name: 'qa_env', droppedAt: null } })).id,
      unique('qa_snap_victim'),
    )
  ).name;
const names = (list: Array<{ name: string }>) => list.map((item) => item.name);

const ROUTES: RouteCase[] = [
  {
    route: 'GET /api/v1/environments',
    needs: ['read'],
    okStatus: 200,
    schema: schemas.environmentListSchema,
    own: async () => ({ route: 'GET /api/v1/environments' }),
    other: null,
    absent: (body) => names((body as z.infer<typeof schemas.environmentListSchema>).environments),
  },
  {
    route: 'POST /api/v1/environments',
    needs: ['provision'],
    okStatus: 202,
    schema: schemas.environmentStateSchema,
    own: async () => ({
      route: 'POST /api/v1/environments',
      body: { from: 'production', purpose: 'matrix run', ttl: '2h', name: unique('qa_api') },
    }),
    other: [
      { body: { from: 'dev_env', purpose: 'steal', ttl: '2h', name: unique('qa_steal') } },
      { body: { snapshot: 'dev_snap', purpose: 'steal', name: unique('qa_steal') } },
    ],
  },
  {
    route: 'GET /api/v1/environments/{name}',
    needs: ['read'],
    okStatus: 200,
    schema: schemas.environmentSchema,
    own: async () => ({ route: 'GET /api/v1/environments/{name}', name: 'qa_env' }),
    other: [{ name: 'dev_env' }],
  },
  {
    route: 'DELETE /api/v1/environments/{name}',
    needs: ['drop'],
    okStatus: 200,
    schema: schemas.droppedEnvironmentSchema,
    own: async (willSucceed) => ({ route: 'DELETE /api/v1/environments/{name}', name: willSucceed ? await freshEnvironment() : 'qa_env' }),
    other: [{ name: 'dev_env' }],
  },
  {
    route: 'POST /api/v1/environments/{name}/reset',
    needs: ['reset'],
    okStatus: 200,
    schema: schemas.environmentStateSchema,
    own: async () => ({ route: 'POST /api/v1/environments/{name}/reset', name: 'qa_env' }),
    other: [{ name: 'dev_env' }],
  },
  {
    route: 'POST /api/v1/environments/{name}/extend',
    needs: ['provision'],
    okStatus: 200,
    schema: schemas.environmentStateSchema,
    own: async () => ({ route: 'POST /api/v1/environments/{name}/extend', name: 'qa_env', body: { ttl: '1d' } }),
    other: [{ name: 'dev_env', body: { ttl: '1d' } }],
  },
  {
    route: 'POST /api/v1/environments/{name}/protect',
    needs: ['provision'],
    okStatus: 200,
    schema: schemas.environmentStateSchema,
    own: async () => ({ route: 'POST /api/v1/environments/{name}/protect', name: 'qa_env', body: { hours: 0 } }),
    other: [{ name: 'dev_env', body: { hours: 0 } }],
  },
  {
    route: 'POST /api/v1/environments/{name}/restore',
    needs: ['reset', 'read'],
    okStatus: 200,
    schema: schemas.restoredEnvironmentSchema,
    own: async () => ({ route: 'POST /api/v1/environments/{name}/restore', name: 'qa_env', body: { snapshot: 'qa_snap' } }),
    other: [
      { name: 'dev_env', body: { snapshot: 'dev_snap' } },
      { name: 'qa_env', body: { snapshot: 'dev_snap' } },
    ],
  },
  {
    route: 'GET /api/v1/environments/{name}/connection',
    needs: ['read'],
    okStatus: 200,
    schema: schemas.connectionSchema,
    own: async () => ({ route: 'GET /api/v1/environments/{name}/connection', name: 'qa_env' }),
    other: [{ name: 'dev_env' }],
  },
  {
    route: 'GET /api/v1/snapshots',
    needs: ['read'],
    okStatus: 200,
    schema: schemas.snapshotListSchema,
    own: async () => ({ route: 'GET /api/v1/snapshots' }),
    other: [{ query: { environment: 'dev_env' } }],
    absent: (body) => names((body as z.infer<typeof schemas.snapshotListSchema>).snapshots),
  },
  {
    route: 'POST /api/v1/snapshots',
    needs: ['snapshot'],
    okStatus: 201,
    schema: schemas.snapshotSchema,
    own: async () => ({
      route: 'POST /api/v1/snapshots',
      body: { environment: 'qa_env', name: unique('qa_api_snap'), purpose: 'matrix run' },
    }),
    other: [{ body: { environment: 'dev_env', name: unique('qa_steal_snap'), purpose: 'steal' } }],
  },
  {
    route: 'DELETE /api/v1/snapshots/{name}',
    needs: ['snapshot'],
    okStatus: 200,
    schema: schemas.droppedSnapshotSchema,
    own: async (willSucceed) => ({ route: 'DELETE /api/v1/snapshots/{name}', name: willSucceed ? await freshSnapshot() : 'qa_snap' }),
    other: [{ name: 'dev_snap' }],
  },
  {
    route: 'GET /api/v1/usage',
    needs: ['read'],
    okStatus: 200,
    schema: schemas.usageSchema,
    own: async () => ({ route: 'GET /api/v1/usage' }),
    other: null,
    absent: (body) => [
      (body as z.infer<typeof schemas.usageSchema>).team.name,
      ...names((body as z.infer<typeof schemas.usageSchema>).environments),
    ],
  },
];

const TEAM_DEV_OBJECTS = ['dev_env', 'dev_snap', 'dev_env_base', 'dev'];

describe('authorization matrix: a QA token × every route × every permission set', () => {
  it('covers every API route', () => {
    expect(ROUTES.map((route) => route.route).sort()).toEqual(Object.keys(API_HANDLERS).sort());
  });

  for (const route of ROUTES) {
    it(route.route, async () => {
      const expected: Record<string, number[]> = {};
      const actual: Record<string, number[]> = {};
      for (const [set, permissions] of Object.entries(PERMISSION_SETS)) {
        const token = tokens.get(set)!.plaintext;
        const allowed = route.needs.every((need) => permissions.includes(need));
        const statuses: number[] = [];
        for (const other of route.other ?? []) statuses.push((await callApi(context, { route: route.route, ...other, token })).status);
        const answer = await callApi(context, { ...(await route.own(allowed)), token });
        statuses.push(answer.status);
        if (answer.status === route.okStatus) {
          route.schema.parse(answer.body);
          for (const name of route.absent?.(answer.body) ?? []) expect(TEAM_DEV_OBJECTS).not.toContain(name);
        } else {
          schemas.errorSchema.parse(answer.body);
        }
        actual[set] = statuses;
        expected[set] = [...(route.other ?? []).map(() => 404), allowed ? route.okStatus : 403];
      }
      expect(actual).toEqual(expected);
    });
  }

  it("left team dev's objects untouched", async () => {
    const devEnv = await fixture.prisma.environment.findFirstOrThrow({ where: { name: 'dev_env', droppedAt: null } });
    expect(devEnv.status).toBe('ready');
    expect(await fixture.prisma.snapshot.count({ where: { name: 'dev_snap', droppedAt: null } })).toBe(1);
    expect(await fixture.prisma.environment.count({ where: { name: { startsWith: 'qa_steal' } } })).toBe(0);
    expect(await fixture.count('dev_env', 'user_behavior')).toBe(1000);
  });

  it('recorded the API actions in the audit log under the token', async () => {
    await fixture.context.jobs.idle();
    const { label } = tokens.get('all')!;
    const events = await fixture.prisma.auditEvent.findMany({ where: { actorType: 'token', actorLabel: label, outcome: 'success' } });
    expect(new Set(events.map((event) => event.action))).toEqual(
      new Set([
        'environment.provision',
        'environment.drop',
        'environment.reset',
        'environment.extend',
        'environment.restore',
        'environment.unprotect',
        'environment.connect',
        'snapshot.create',
        'snapshot.drop',
      ]),
    );
    const refusal = await fixture.prisma.auditEvent.findFirst({
      where: { actorLabel: tokens.get('read')!.label, action: 'environment.drop', outcome: 'failure' },
    });
    expect(refusal?.error).toMatch(/^FORBIDDEN/);
  });
});

describe('tokens that do not authenticate', () => {
  it('answers 401 on every route for missing, unknown, revoked and expired tokens', async () => {
    const revoked = await createToken(fixture.context, fixture.actors.leadQa, {
      teamId: fixture.teams.qa.id,
      name: 'revoked',
      permissions: ['read'],
      expiresInDays: 7,
    });
    await revokeToken(fixture.context, fixture.actors.leadQa, revoked.token.id);
    const expired = await createToken(fixture.context, fixture.actors.leadQa, {
      teamId: fixture.teams.qa.id,
      name: 'expired',
      permissions: ['read'],
      expiresInDays: 7,
    });
    await fixture.prisma.apiToken.update({ where: { id: expired.token.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const candidates = [null, `cdk_abcdefgh_${'x'.repeat(43)}`, revoked.plaintext, expired.plaintext];
    for (const route of Object.keys(API_HANDLERS)) {
      for (const token of candidates) {
        const answer = await callApi(context, { route, name: 'qa_env', token, body: {} });
        expect([route, answer.status, (answer.body as { code: string }).code]).toEqual([route, 401, 'UNAUTHENTICATED']);
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    }
  });
});
