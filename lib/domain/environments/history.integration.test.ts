import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { runConsoleQuery } from '../console';
import { createSnapshot, dropSnapshot } from '../snapshots';
import { createDomainFixture, type DomainFixture } from '../testing/fixture';
import { HISTORY_LIMIT, listEnvironmentHistory } from './history';
import { dropEnvironment, extendEnvironment, resetEnvironment, restoreEnvironment } from './lifecycle';
import { provisionEnvironment } from './provision';

let fixture: DomainFixture;
let qaCloneId: string;

beforeAll(async () => {
  fixture = await createDomainFixture();
  const provision = (name: string) =>
    provisionEnvironment(
      fixture.context,
      fixture.actors.leadQa,
      { teamId: fixture.teams.qa.id, name, purpose: 'history test', source: { kind: 'environment', environmentId: fixture.production.id } },
      { wait: true },
    );
  qaCloneId = (await provision('qa_history')).id;
  const other = await provision('qa_other');
  await extendEnvironment(fixture.context, fixture.actors.leadQa, { environmentId: other.id, ttlHours: 24 });
});
afterAll(async () => {
  await fixture?.close();
});

const history = (actor: keyof DomainFixture['actors'], environmentId = qaCloneId) =>
  listEnvironmentHistory(fixture.context, fixture.actors[actor], environmentId);

describe('listEnvironmentHistory', () => {
  it('lists the environment and its snapshots, newest first, with refused attempts', async () => {
    const snapshot = await createSnapshot(fixture.context, fixture.actors.leadQa, {
      environmentId: qaCloneId,
      name: 'qa_history_v1',
      purpose: 'checkpoint',
    });
    await resetEnvironment(fixture.context, fixture.actors.qa, qaCloneId);
    await dropEnvironment(fixture.context, fixture.actors.qa, qaCloneId).catch(() => undefined);
    await restoreEnvironment(fixture.context, fixture.actors.leadQa, { environmentId: qaCloneId, snapshotId: snapshot.id });
    await dropSnapshot(fixture.context, fixture.actors.leadQa, snapshot.id);

    const events = await history('leadQa');
    expect(events.map((event) => [event.action, event.actor, event.outcome])).toEqual([
      ['snapshot.drop', 'lead.qa@clonedeck.local', 'success'],
      ['environment.restore', 'lead.qa@clonedeck.local', 'success'],
      ['environment.drop', 'qa@clonedeck.local', 'failure'],
      ['environment.reset', 'qa@clonedeck.local', 'success'],
      ['snapshot.create', 'lead.qa@clonedeck.local', 'success'],
      ['environment.provision', 'lead.qa@clonedeck.local', 'success'],
    ]);
    expect(events[1]?.detail).toBe('snapshot qa_history_v1');
    expect(events[2]?.error).toMatch(/^FORBIDDEN: /);
    expect(events[5]?.detail).toBe('from production');
    const times = events.map((event) => event.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('keeps other environments out, also events from before it existed', async () => {
    const before = await fixture.prisma.auditEvent.create({
      data: {
        actorType: 'system',
        actorLabel: 'system',
        action: 'environment.drop',
        targetType: 'environment',
        targetName: 'qa_history',
        outcome: 'success',
        createdAt: new Date('2020-01-01T00:00:00Z'),
      },
    });
    const actions = (await history('leadQa')).map((event) => event.id);
    expect(actions).not.toContain(before.id);
    expect((await history('leadQa')).some((event) => event.action === 'environment.extend')).toBe(false);
  });

  it('includes console queries, and hides unexpected errors from non-admins', async () => {
    await runConsoleQuery(fixture.context, fixture.actors.qa, {
      environmentId: qaCloneId,
      sql: 'SELECT count(*) FROM products',
      readOnly: true,
    });
    await fixture.prisma.auditEvent.create({
      data: {
        actorType: 'user',
        actorLabel: 'qa@clonedeck.local',
        action: 'environment.reset',
        targetType: 'environment',
        targetName: 'qa_history',
        outcome: 'failure',
        error: 'INTERNAL: connection terminated unexpectedly',
        createdAt: new Date(),
      },
    });
    const [internal, query] = await history('qa');
    expect(query?.detail).toBe('read-only: SELECT count(*) FROM products');
    expect(internal?.error).not.toContain('connection terminated');
    expect((await history('admin'))[0]?.error).toContain('connection terminated');
  });

  it('is visible to the team and admins only, and capped', async () => {
    const refused = await history('leadDev').catch((error: unknown) => error);
    expect(isAppError(refused) && refused.code).toBe('NOT_FOUND');
    expect((await history('admin')).length).toBeGreaterThan(0);
    await fixture.prisma.auditEvent.createMany({
      data: Array.from({ length: HISTORY_LIMIT + 5 }, () => ({
        actorType: 'user' as const,
        actorLabel: 'qa@clonedeck.local',
        action: 'environment.query',
        targetType: 'environment',
        targetName: 'qa_history',
        outcome: 'success' as const,
        createdAt: new Date(),
      })),
    });
    expect(await history('qa')).toHaveLength(HISTORY_LIMIT);
  });
});
