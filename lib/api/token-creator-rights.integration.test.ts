import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_PERMISSIONS } from '@/lib/domain/actor';
import { provisionEnvironment } from '@/lib/domain/environments/provision';
import { addMember, removeMember, setMemberRole } from '@/lib/domain/people';
import { createSnapshot } from '@/lib/domain/snapshots';
import { createDomainFixture, type DomainFixture } from '@/lib/domain/testing/fixture';
import { reassignToken } from '@/lib/domain/token-admin';
import { createToken, listTokens, revokeToken } from '@/lib/domain/tokens';
import type { ApiContext } from './handler';
import { RateLimiter } from './rate-limit';
import { callApi } from './testing/call-api';

/**
 * The QA lead makes an all-permissions token, then is demoted, then leaves the team. The
 * token keeps working only for what its creator may still do; every refusal changes
 * nothing; the Tokens page and the audit log say why; an administrator hands the token on.
 */

let fixture: DomainFixture;
let context: ApiContext;
let token: { id: string; plaintext: string };
let leadQaId: string;

beforeAll(async () => {
  fixture = await createDomainFixture();
  context = { ...fixture.context, rateLimiter: new RateLimiter({ burst: 10_000, perMinute: 10_000 }) };
  await fixture.prisma.team.updateMany({ data: { maxEnvironments: 100 } });
  const created = await createToken(fixture.context, fixture.actors.leadQa, {
    teamId: fixture.teams.qa.id,
    name: 'qa-ci',
    permissions: [...TOKEN_PERMISSIONS],
    expiresInDays: 7,
  });
  token = { id: created.token.id, plaintext: created.plaintext };
  leadQaId = created.token.createdById;
  const source = { kind: 'environment', environmentId: fixture.production.id };
  const environment = await provisionEnvironment(
    fixture.context,
    fixture.actors.leadQa,
    { teamId: fixture.teams.qa.id, name: 'qa_env', purpose: 'qa work', source },
    { wait: true },
  );
  await createSnapshot(fixture.context, fixture.actors.leadQa, { environmentId: environment.id, name: 'qa_snap', purpose: 'checkpoint' });
});
afterAll(async () => {
  await fixture?.close();
});

const CALLS = {
  list: { route: 'GET /api/v1/environments' },
  connect: { route: 'GET /api/v1/environments/{name}/connection', name: 'qa_env' },
  reset: { route: 'POST /api/v1/environments/{name}/reset', name: 'qa_env' },
  restore: { route: 'POST /api/v1/environments/{name}/restore', name: 'qa_env', body: { snapshot: 'qa_snap' } },
  provision: { route: 'POST /api/v1/environments', body: { from: 'production', purpose: 'after demotion', name: 'qa_attempt' } },
  snapshot: { route: 'POST /api/v1/snapshots', body: { environment: 'qa_env', name: 'qa_attempt_snap', purpose: 'after demotion' } },
  drop: { route: 'DELETE /api/v1/environments/{name}', name: 'qa_env' },
} as const;

async function statuses(): Promise<Record<keyof typeof CALLS, number>> {
  const result = {} as Record<keyof typeof CALLS, number>;
  for (const [name, call] of Object.entries(CALLS) as Array<[keyof typeof CALLS, (typeof CALLS)[keyof typeof CALLS]]>) {
    result[name] = (await callApi(context, { ...call, token: token.plaintext })).status;
  }
  return result;
}

async function state() {
  return {
    environments: (await fixture.prisma.environment.findMany({ where: { droppedAt: null }, select: { name: true } }))
      .map((row) => row.name)
      .sort(),
    snapshots: (await fixture.prisma.snapshot.findMany({ where: { droppedAt: null }, select: { name: true } }))
      .map((row) => row.name)
      .sort(),
  };
}

const restrictions = () => fixture.prisma.auditEvent.findMany({ where: { action: 'token.restrict' }, orderBy: { createdAt: 'asc' } });
const view = async () => (await listTokens(fixture.context, fixture.actors.admin)).find((entry) => entry.id === token.id)!;

describe('a token whose creator loses the lead role, then the team', () => {
  it('after a demotion, does only what a member may: reset, read and connect; nothing else changes', async () => {
    await setMemberRole(fixture.context, fixture.actors.admin, { teamId: fixture.teams.qa.id, userId: leadQaId, role: 'member' });
    const before = await state();
    expect(await statuses()).toEqual({ list: 200, connect: 200, reset: 200, restore: 403, provision: 403, snapshot: 403, drop: 403 });
    expect(await state()).toEqual(before);
    const refusal = await callApi(context, { ...CALLS.drop, token: token.plaintext });
    expect((refusal.body as { message: string }).message).toBe(
      'This token can no longer drop this: its creator lead.qa@clonedeck.local is no longer a lead of the team.',
    );
  });

  it('shows the restriction on the Tokens page, and records it in the audit log once', async () => {
    expect(await view()).toMatchObject({
      permissions: [...TOKEN_PERMISSIONS],
      effectivePermissions: ['read', 'reset'],
      restriction: 'its creator lead.qa@clonedeck.local is no longer a lead of the team',
    });
    await statuses();
    const events = await restrictions();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorType: 'system',
      targetName: 'qa-ci',
      teamId: fixture.teams.qa.id,
      details: expect.objectContaining({ lost: 'provision,drop,snapshot', stillAllowed: 'read,reset' }),
    });
  });

  it('after leaving the team, does nothing at all', async () => {
    await removeMember(fixture.context, fixture.actors.admin, { teamId: fixture.teams.qa.id, userId: leadQaId });
    const before = await state();
    expect(Object.values(await statuses()).every((status) => status === 403)).toBe(true);
    expect(await state()).toEqual(before);
    expect((await view()).effectivePermissions).toEqual([]);
    expect((await restrictions()).map((event) => (event.details as { lost: string }).lost)).toEqual([
      'provision,drop,snapshot',
      'read,provision,reset,drop,snapshot',
    ]);
  });

  it('can be handed on by an administrator only, and only to someone who may use it', async () => {
    await expect(reassignToken(fixture.context, fixture.actors.leadDev, { tokenId: token.id, userId: leadQaId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const qaMember = (await fixture.prisma.user.findUniqueOrThrow({ where: { email: 'qa@clonedeck.local' } })).id;
    await expect(reassignToken(fixture.context, fixture.actors.admin, { tokenId: token.id, userId: qaMember })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect((await fixture.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).createdById).toBe(leadQaId);

    await addMember(fixture.context, fixture.actors.admin, {
      teamId: fixture.teams.qa.id,
      email: 'lead.dev@clonedeck.local',
      role: 'lead',
    });
    const leadDevId = (await fixture.prisma.user.findUniqueOrThrow({ where: { email: 'lead.dev@clonedeck.local' } })).id;
    const reassigned = await reassignToken(fixture.context, fixture.actors.admin, { tokenId: token.id, userId: leadDevId });
    expect(reassigned).toMatchObject({
      createdBy: 'lead.dev@clonedeck.local',
      effectivePermissions: [...TOKEN_PERMISSIONS],
      restriction: null,
    });
    expect((await callApi(context, { ...CALLS.snapshot, token: token.plaintext })).status).toBe(201);
  });

  it('can be revoked by an administrator, after which it authenticates no more', async () => {
    await revokeToken(fixture.context, fixture.actors.admin, token.id);
    expect((await callApi(context, { ...CALLS.list, token: token.plaintext })).status).toBe(401);
  });
});
