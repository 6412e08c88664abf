import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { createDomainFixture, type DomainFixture } from './testing/fixture';
import { createToken, listTokens, revokeToken } from './tokens';
import { authenticateToken } from './tokens-auth';
import { hashToken } from './tokens-secret';

let fixture: DomainFixture;

beforeAll(async () => {
  fixture = await createDomainFixture();
});
afterAll(async () => {
  await fixture?.close();
});

async function failure(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  return { code: 'no error', message: '' };
}

const input = (team: keyof DomainFixture['teams'], extra: object = {}) => ({
  teamId: fixture.teams[team].id,
  name: 'qa-nightly-ci',
  permissions: ['read', 'reset'],
  expiresInDays: 30,
  ...extra,
});

describe('creating tokens', () => {
  it('gives a lead the plaintext once and stores only its hash and prefix', async () => {
    const { token, plaintext } = await createToken(
      fixture.context,
      fixture.actors.leadQa,
      input('qa', { permissions: ['reset', 'read', 'reset'] }),
    );
    expect(plaintext).toMatch(/^cdk_[a-z2-7]{8}_[A-Za-z0-9_-]{43}$/);
    expect(plaintext.startsWith(`${token.prefix}_`)).toBe(true);
    expect(token.permissions).toEqual(['read', 'reset']);
    expect(token.status).toBe('active');
    const row = await fixture.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(hashToken(plaintext));
    expect(JSON.stringify(row)).not.toContain(plaintext.split('_')[2]);
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBe(30 * 86_400_000);
  });

  it('lets an admin create tokens for any team', async () => {
    const { token } = await createToken(fixture.context, fixture.actors.admin, input('dev', { name: 'dev-ci' }));
    expect(token.team.name).toBe('dev');
  });

  it('refuses members, other teams, tokens, and bad input', async () => {
    expect((await failure(createToken(fixture.context, fixture.actors.qa, input('qa')))).code).toBe('FORBIDDEN');
    expect((await failure(createToken(fixture.context, fixture.actors.leadDev, input('qa')))).code).toBe('NOT_FOUND');
    expect((await failure(createToken(fixture.context, fixture.actors.leadQa, input('qa', { permissions: ['admin'] })))).code).toBe(
      'VALIDATION',
    );
    expect((await failure(createToken(fixture.context, fixture.actors.leadQa, input('qa', { permissions: [] })))).code).toBe('VALIDATION');
    expect((await failure(createToken(fixture.context, fixture.actors.leadQa, input('qa', { expiresInDays: 366 })))).code).toBe(
      'VALIDATION',
    );
    expect((await failure(createToken(fixture.context, fixture.actors.leadQa, input('qa', { expiresInDays: undefined })))).code).toBe(
      'VALIDATION',
    );
    const { plaintext } = await createToken(fixture.context, fixture.actors.leadQa, input('qa', { name: 'nested' }));
    const tokenActor = await authenticateToken(fixture.context, `Bearer ${plaintext}`);
    expect((await failure(createToken(fixture.context, tokenActor, input('qa')))).code).toBe('FORBIDDEN');
    const refusals = await fixture.prisma.auditEvent.count({ where: { action: 'token.create', outcome: 'failure' } });
    expect(refusals).toBe(7);
  });
});

describe('authenticating', () => {
  it('turns a valid bearer token into a token actor and records the use', async () => {
    const { token, plaintext } = await createToken(fixture.context, fixture.actors.leadQa, input('qa', { name: 'auth-ok' }));
    const actor = await authenticateToken(fixture.context, `Bearer ${plaintext}`);
    expect(actor).toMatchObject({
      kind: 'token',
      tokenId: token.id,
      teamId: fixture.teams.qa.id,
      permissions: ['read', 'reset'],
      label: `auth-ok (${token.prefix})`,
    });
    const row = await fixture.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it('refuses missing, malformed, unknown, revoked and expired tokens with distinct messages', async () => {
    const revoked = await createToken(fixture.context, fixture.actors.leadQa, input('qa', { name: 'to-revoke' }));
    await revokeToken(fixture.context, fixture.actors.leadQa, revoked.token.id);
    const expired = await createToken(fixture.context, fixture.actors.leadQa, input('qa', { name: 'to-expire' }));
    await fixture.prisma.apiToken.update({ where: { id: expired.token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const unknown = `cdk_aaaaaaaa_${'A'.repeat(43)}`;
    const results = await Promise.all(
      [null, 'Bearer nope', `Bearer ${unknown}`, `Bearer ${revoked.plaintext}`, `Bearer ${expired.plaintext}`].map((header) =>
        failure(authenticateToken(fixture.context, header)),
      ),
    );
    expect(results.map((result) => result.code)).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(new Set(results.map((result) => result.message)).size).toBe(5);
    expect(results[3]!.message).toMatch(/revoked/);
    expect(results[4]!.message).toMatch(/expired/);
    const audited = await fixture.prisma.auditEvent.findMany({ where: { action: 'token.authenticate' }, orderBy: { createdAt: 'asc' } });
    expect(audited.map((event) => [event.actorType, event.targetName, event.outcome])).toEqual([
      ['token', 'to-revoke', 'failure'],
      ['token', 'to-expire', 'failure'],
    ]);
  });
});

describe('listing and revoking', () => {
  it("shows leads their teams' tokens, admins all, members and other leads none", async () => {
    const names = async (actor: keyof DomainFixture['actors']) =>
      new Set((await listTokens(fixture.context, fixture.actors[actor])).map((token) => token.team.name));
    expect(await names('leadQa')).toEqual(new Set(['qa']));
    expect(await names('leadDev')).toEqual(new Set(['dev']));
    expect(await names('leadDs')).toEqual(new Set());
    expect(await names('qa')).toEqual(new Set());
    expect(await names('admin')).toEqual(new Set(['qa', 'dev']));
    const listed = await listTokens(fixture.context, fixture.actors.leadQa);
    expect(listed.find((token) => token.name === 'to-revoke')?.status).toBe('revoked');
    expect(listed.find((token) => token.name === 'to-expire')?.status).toBe('expired');
    expect(JSON.stringify(listed)).not.toMatch(/tokenHash/);
  });

  it('lets only a lead of the team, an admin or the creator revoke, once, and audits it', async () => {
    const { token } = await createToken(fixture.context, fixture.actors.leadQa, input('qa', { name: 'revoke-me' }));
    expect((await failure(revokeToken(fixture.context, fixture.actors.leadDev, token.id))).code).toBe('NOT_FOUND');
    expect((await failure(revokeToken(fixture.context, fixture.actors.qa, token.id))).code).toBe('FORBIDDEN');
    expect((await revokeToken(fixture.context, fixture.actors.admin, token.id)).status).toBe('revoked');
    expect((await failure(revokeToken(fixture.context, fixture.actors.leadQa, token.id))).code).toBe('CONFLICT');
    const events = await fixture.prisma.auditEvent.findMany({ where: { action: 'token.revoke', targetName: 'revoke-me' } });
    expect(events.map((event) => `${event.actorLabel}:${event.outcome}`).sort()).toEqual([
      'admin@clonedeck.local:success',
      'lead.dev@clonedeck.local:failure',
      'lead.qa@clonedeck.local:failure',
      'qa@clonedeck.local:failure',
    ]);
  });
});
