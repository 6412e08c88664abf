import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { createSnapshot } from '../snapshots';
import { createDomainFixture, type DomainFixture } from '../testing/fixture';
import { dropEnvironment, resetEnvironment, restoreEnvironment } from './lifecycle';
import { provisionEnvironment } from './provision';
import { codeOf } from '../testing/error-code';

let fixture: DomainFixture;

beforeAll(async () => {
  fixture = await createDomainFixture();
});
afterAll(async () => {
  await fixture?.close();
});

function provision(actor: keyof DomainFixture['actors'], team: keyof DomainFixture['teams'], name: string, extra: object = {}) {
  return provisionEnvironment(
    fixture.context,
    fixture.actors[actor],
    {
      teamId: fixture.teams[team].id,
      name,
      purpose: 'integration test',
      source: { kind: 'environment', environmentId: fixture.production.id },
      ...extra,
    },
    { wait: true },
  );
}

describe('provisioning and isolation (tutorial 1)', () => {
  it('gives each team lead an isolated clone of production', async () => {
    const ds = await provision('leadDs', 'data-science', 'ds_clone');
    const qa = await provision('leadQa', 'qa', 'qa_clone');
    expect([ds.status, qa.status]).toEqual(['ready', 'ready']);
    expect(ds.baseSnapshotId).not.toBeNull();
    await fixture.engine.query('ds_clone', 'UPDATE user_behavior SET price = 0 WHERE id <= 100');
    await fixture.engine.query('qa_clone', "DELETE FROM user_behavior WHERE action = 'purchase'");
    expect(await fixture.count('production', 'user_behavior')).toBe(1000);
    expect(await fixture.count('qa_clone', 'user_behavior')).toBe(800);
    expect(await fixture.count('ds_clone', 'user_behavior')).toBe(1000);
    const audit = await fixture.prisma.auditEvent.findMany({ where: { action: 'environment.provision', targetName: 'ds_clone' } });
    expect(audit.map((event) => [event.outcome, event.actorLabel])).toEqual([['success', 'lead.ds@clonedeck.local']]);
  });

  it('refuses a member, and a lead of another team, and records the refusals', async () => {
    expect(await codeOf(provision('qa', 'qa', 'member_try'))).toBe('FORBIDDEN');
    expect(await codeOf(provision('leadDev', 'qa', 'other_team_try'))).toBe('NOT_FOUND');
    const qaClone = await fixture.prisma.environment.findFirstOrThrow({ where: { name: 'qa_clone' } });
    expect(await codeOf(dropEnvironment(fixture.context, fixture.actors.leadDev, qaClone.id))).toBe('NOT_FOUND');
    expect(await codeOf(dropEnvironment(fixture.context, fixture.actors.qa, qaClone.id))).toBe('FORBIDDEN');
    expect(await fixture.engine.getDatabase('member_try')).toBeNull();
    const failures = await fixture.prisma.auditEvent.count({ where: { outcome: 'failure', action: 'environment.provision' } });
    expect(failures).toBe(2);
  });

  it('rejects invalid names, taken names and over-long expiries, changing nothing', async () => {
    const before = (await fixture.engine.listDatabases()).map((database) => database.name);
    expect(await codeOf(provision('leadDs', 'data-science', 'Bad Name'))).toBe('VALIDATION');
    expect(await codeOf(provision('leadDs', 'data-science', 'ds_clone'))).toBe('CONFLICT');
    expect(await codeOf(provision('leadDs', 'data-science', 'forever', { ttlHours: null }))).toBe('FORBIDDEN');
    expect(await codeOf(provision('leadDs', 'data-science', 'too_long', { ttlHours: 24 * 365 }))).toBe('VALIDATION');
    expect((await fixture.engine.listDatabases()).map((database) => database.name)).toEqual(before);
  });

  it("refuses a name the other local engine's environment holds (one front door finds databases by name), not a remote engine's", async () => {
    const { prisma } = fixture;
    const owner = {
      teamId: fixture.teams['data-science'].id,
      purpose: 'elsewhere',
      createdById: fixture.production.createdById,
      status: 'ready' as const,
    };
    await prisma.engine.create({ data: { id: 'postgres', kind: 'postgres', label: 'PostgreSQL' } });
    await prisma.engine.create({ data: { id: 'matrixone', kind: 'matrixone', label: 'MatrixOne' } });
    await prisma.environment.create({ data: { ...owner, name: 'on_postgres', engineId: 'postgres' } });
    await prisma.environment.create({ data: { ...owner, name: 'on_matrixone', engineId: 'matrixone' } });
    const before = (await fixture.engine.listDatabases()).map((database) => database.name);
    expect(await codeOf(provision('leadDs', 'data-science', 'on_postgres'))).toBe('CONFLICT');
    expect((await fixture.engine.listDatabases()).map((database) => database.name)).toEqual(before);
    expect((await provision('leadDs', 'data-science', 'on_matrixone')).status).toBe('ready');
    await prisma.environment.updateMany({ where: { name: 'on_postgres' }, data: { status: 'dropped', droppedAt: new Date() } });
    expect((await provision('leadDs', 'data-science', 'on_postgres')).status).toBe('ready');
  });

  it('drops the QA clone without touching the others, and never production', async () => {
    const qaClone = await fixture.prisma.environment.findFirstOrThrow({ where: { name: 'qa_clone', droppedAt: null } });
    await dropEnvironment(fixture.context, fixture.actors.leadQa, qaClone.id);
    expect(await fixture.engine.getDatabase('qa_clone')).toBeNull();
    expect(await fixture.count('ds_clone', 'user_behavior')).toBe(1000);
    expect(await codeOf(dropEnvironment(fixture.context, fixture.actors.admin, fixture.production.id))).toBe('CONFLICT');
    expect(await fixture.engine.getDatabase('production')).not.toBeNull();
  });
});

describe('reset and restore', () => {
  it('lets a QA member reset the team clone to its starting rows in one call', async () => {
    const clone = await provision('leadQa', 'qa', 'qa_reset');
    await fixture.engine.query('qa_reset', 'DELETE FROM products');
    await resetEnvironment(fixture.context, fixture.actors.qa, clone.id);
    expect(await fixture.count('qa_reset', 'products')).toBe(5);
    const after = await fixture.prisma.environment.findUniqueOrThrow({ where: { id: clone.id } });
    expect(after.status).toBe('ready');
  });

  it('rolls production back after a failed upgrade, only for an admin who types its name (tutorial 2)', async () => {
    const snapshot = await createSnapshot(fixture.context, fixture.actors.admin, {
      environmentId: fixture.production.id,
      name: 'pre_upgrade_v1',
      purpose: 'before v2',
    });
    await fixture.engine.query(
      'production',
      `ALTER TABLE products ADD COLUMN category varchar(100), ADD COLUMN description text,
      ADD COLUMN rating double precision, ADD COLUMN review_count int;
      INSERT INTO products (name, price, stock) VALUES ('VR Headset', 600, 10), ('Webcam', 80, 60);`,
    );
    const input = { environmentId: fixture.production.id, snapshotId: snapshot.id };
    expect(await codeOf(restoreEnvironment(fixture.context, fixture.actors.leadDs, { ...input, confirmation: 'production' }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(restoreEnvironment(fixture.context, fixture.actors.admin, input))).toBe('VALIDATION');
    expect(await fixture.count('production', 'products')).toBe(7);
    await restoreEnvironment(fixture.context, fixture.actors.admin, { ...input, confirmation: 'production' });
    expect(await fixture.count('production', 'products')).toBe(5);
    const columns = await fixture.engine.query(
      'production',
      "SELECT count(*) FROM information_schema.columns WHERE table_name = 'products'",
    );
    expect(Number(columns.rows[0]?.[0])).toBe(4);
  });

  it('clones a snapshot of production as it was, after production moved on', async () => {
    const snapshot = await createSnapshot(fixture.context, fixture.actors.admin, {
      environmentId: fixture.production.id,
      name: 'before_insert',
      purpose: 'time travel',
    });
    await fixture.engine.query(
      'production',
      'INSERT INTO user_behavior (user_id, product_id, action, price) SELECT 1, 1, $$view$$, 1 FROM generate_series(1, 100)',
    );
    const clone = await provisionEnvironment(
      fixture.context,
      fixture.actors.leadDev,
      {
        teamId: fixture.teams.dev.id,
        name: 'dev_time_travel',
        purpose: 'regression',
        source: { kind: 'snapshot', snapshotId: snapshot.id },
      },
      { wait: true },
    );
    expect(clone.status).toBe('ready');
    expect(await fixture.count('production', 'user_behavior')).toBe(1100);
    expect(await fixture.count('dev_time_travel', 'user_behavior')).toBe(1000);
  });
});

describe('quotas and failures', () => {
  it('refuses provisioning over the team quota, naming it', async () => {
    await fixture.prisma.team.update({ where: { id: fixture.teams.dev.id }, data: { maxEnvironments: 1 } });
    try {
      const error = await provision('leadDev', 'dev', 'dev_over_quota').catch((caught: unknown) => caught);
      expect(isAppError(error) && error.code).toBe('QUOTA');
      expect(isAppError(error) && error.message).toContain('maximum environments');
    } finally {
      await fixture.prisma.team.update({ where: { id: fixture.teams.dev.id }, data: { maxEnvironments: 10 } });
    }
  });

  it('marks an environment failed, and leaves no clone behind, when the engine fails', async () => {
    const snapshot = await createSnapshot(fixture.context, fixture.actors.admin, {
      environmentId: fixture.production.id,
      name: 'vanishing',
      purpose: 'dropped behind our back',
    });
    await fixture.engine.dropSnapshot('vanishing');
    const environment = await provisionEnvironment(
      fixture.context,
      fixture.actors.leadDs,
      {
        teamId: fixture.teams['data-science'].id,
        name: 'ds_broken',
        purpose: 'fails',
        source: { kind: 'snapshot', snapshotId: snapshot.id },
      },
      { wait: true },
    );
    expect(environment.status).toBe('failed');
    expect(environment.lastError).toContain('vanishing');
    expect(await fixture.engine.getDatabase('ds_broken')).toBeNull();
  });
});
