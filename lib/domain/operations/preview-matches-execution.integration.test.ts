import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixOneDialect } from '@/lib/engines/matrixone/dialect';
import { openPostgresEngine } from '@/lib/engines/postgres';
import type { Engine, EngineOperation, SqlDialect } from '@/lib/engines/types';
import { yugabyteDialect } from '@/lib/engines/yugabyte/dialect';
import { isAppError } from '@/lib/errors';
import { createDomainFixture, type DomainFixture } from '../testing/fixture';
import { recordingEngine } from '../testing/recording-engine';
import { OPERATIONS, type OperationName } from './index';
import { planOperation, previewOperation, runOperation, startOperation } from './runner';

/**
 * For every operation, on the embedded and the PostgreSQL engine: the statements "Show SQL"
 * previews are the ones the runner then executes — the engine calls are recorded as they
 * reach the real engine, and rendered by the same dialect. The same plans and calls rendered
 * by MatrixOne's and YugabyteDB's statement builders agree too (or both refuse alike).
 */

const AT = new Date('2026-12-02T10:00:00Z');
const OTHER_DIALECTS: SqlDialect[] = [matrixOneDialect('3.0'), matrixOneDialect(), yugabyteDialect('2025.1', { now: () => AT })];

/** What a dialect makes of operations: the statements, or the code it refuses them with. */
function render(dialect: SqlDialect, operations: EngineOperation[]): unknown[] {
  return operations.map((operation) => {
    try {
      return dialect.describe(operation);
    } catch (error) {
      return isAppError(error) ? error.code : error;
    }
  });
}

const openers: Record<'embedded' | 'postgres', () => Promise<DomainFixture<Engine>>> = {
  embedded: () => createDomainFixture(),
  postgres: () => createDomainFixture({ openEngine: (dir) => openPostgresEngine({ dataDir: dir, idleMs: 60_000 }) }),
};

describe.each(['embedded', 'postgres'] as const)('preview = execution on the %s engine', (kind) => {
  let fixture: DomainFixture<Engine>;
  const calls: EngineOperation[] = [];

  beforeAll(async () => {
    fixture = await openers[kind]();
    const recorded = recordingEngine(fixture.engine, calls);
    fixture.context.engines = { ...fixture.context.engines, get: async () => recorded };
    fixture.context.now = () => AT;
  }, 120_000);
  afterAll(async () => {
    await fixture?.close();
  });

  /** Previews, runs, and compares; returns the run's result. */
  async function previewThenRun(name: OperationName, input: Record<string, unknown>): Promise<unknown> {
    const definition = OPERATIONS[name] as Parameters<typeof planOperation<unknown, unknown, unknown, unknown>>[0];
    const admin = fixture.actors.admin;
    const { plan } = await planOperation(definition, fixture.context, admin, input);
    const preview = await previewOperation(definition, fixture.context, admin, input);
    calls.length = 0;
    const started = await startOperation(definition, fixture.context, admin, input);
    const result = await started.finished;
    const executed = calls.flatMap((operation) => fixture.engine.dialect.describe(operation));
    expect(executed).toEqual(preview.statements);
    expect(calls).toEqual(plan.steps.map((step) => step.operation));
    for (const dialect of OTHER_DIALECTS)
      expect(render(dialect, calls)).toEqual(
        render(
          dialect,
          plan.steps.map((step) => step.operation),
        ),
      );
    return result;
  }

  it('covers every operation, from provision to drop', async () => {
    const { teams, production, prisma } = fixture;
    const source = { kind: 'environment', environmentId: production.id };
    await previewThenRun('provision', { teamId: teams.qa.id, name: 'qa_parity', purpose: 'parity check', source });
    const environment = await prisma.environment.findFirstOrThrow({ where: { name: 'qa_parity' } });
    expect(environment.status).toBe('ready');
    const environmentId = environment.id;
    await previewThenRun('snapshot', { environmentId, name: 'qa_parity_s1', purpose: 'parity check' });
    const snapshot = await prisma.snapshot.findFirstOrThrow({ where: { name: 'qa_parity_s1' } });
    await previewThenRun('reset', { environmentId });
    const restored = await previewThenRun('restore', { environmentId, snapshotId: snapshot.id });
    expect(restored).toEqual({ undoSnapshot: 'qa_parity_undo_20261202100000000' });
    if (fixture.engine.abilities.credentials) await previewThenRun('rotateCredentials', { environmentId });
    await previewThenRun('extend', { environmentId, ttlHours: 2 });
    await previewThenRun('protect', { environmentId, hours: 1 });
    await previewThenRun('protect', { environmentId, hours: 0 });
    await previewThenRun('dropSnapshot', { snapshotId: snapshot.id });
    const freed = await previewThenRun('drop', { environmentId });
    expect(freed).toEqual({ freedBytes: expect.any(Number) });
    expect(await fixture.engine.getDatabase('qa_parity')).toBeNull();
    expect(await runOperation(OPERATIONS.drop, fixture.context, fixture.actors.admin, { environmentId }).catch((error) => error.code)).toBe(
      'NOT_FOUND',
    );
  }, 180_000);

  it('restores production with its name typed, after an undo snapshot, and the undo can be restored', async () => {
    const { production, prisma } = fixture;
    await previewThenRun('snapshot', { environmentId: production.id, name: 'pre_upgrade_v1', purpose: 'before the upgrade' });
    await fixture.engine.query('production', "INSERT INTO products (name, price, stock) VALUES ('VR Headset', 300, 10)");
    const before = await prisma.snapshot.findFirstOrThrow({ where: { name: 'pre_upgrade_v1' } });
    const refused = await runOperation(OPERATIONS.restore, fixture.context, fixture.actors.admin, {
      environmentId: production.id,
      snapshotId: before.id,
    }).catch((error: unknown) => (isAppError(error) ? error.code : error));
    expect(refused).toBe('VALIDATION');
    fixture.context.now = () => new Date(AT.getTime() + 60_000);
    const { undoSnapshot } = (await previewThenRun('restore', {
      environmentId: production.id,
      snapshotId: before.id,
      confirmation: 'production',
    })) as { undoSnapshot: string };
    expect(await fixture.count('production', 'products')).toBe(5);
    const undo = await prisma.snapshot.findFirstOrThrow({ where: { name: undoSnapshot, droppedAt: null } });
    fixture.context.now = () => new Date(AT.getTime() + 120_000);
    await previewThenRun('restore', { environmentId: production.id, snapshotId: undo.id, confirmation: 'production' });
    expect(await fixture.count('production', 'products')).toBe(6);
  }, 180_000);
});
