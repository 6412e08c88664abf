import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_FILE } from '@/lib/engines/embedded/store/catalog';
import { dropEnvironment, resetEnvironment } from '../environments/lifecycle';
import { provisionEnvironment } from '../environments/provision';
import { codeOf } from '../testing/error-code';
import { createDomainFixture, type DomainFixture } from '../testing/fixture';

/**
 * A drop the engine fails must not leave the environment in `dropping` with every action
 * refused. The failure is real: the embedded engine's store cannot write its catalog (a
 * folder sits where the engine writes its next catalog, which fails even for root).
 */

let fixture: DomainFixture;

beforeAll(async () => {
  fixture = await createDomainFixture();
});
afterAll(async () => {
  await fixture?.close();
});

describe('a drop the engine fails', () => {
  it('ends failed with the reason and an audit event, stays usable, and drops when retried', async () => {
    const source = { kind: 'environment', environmentId: fixture.production.id };
    const input = { teamId: fixture.teams.qa.id, name: 'qa_doomed', purpose: 'drop failure', source };
    const environment = await provisionEnvironment(fixture.context, fixture.actors.leadQa, input, { wait: true });
    expect(environment.status).toBe('ready');
    const blocker = path.join(fixture.engineDir, `${CATALOG_FILE}.${process.pid}.tmp`);
    fs.mkdirSync(path.join(blocker, 'in-the-way'), { recursive: true });
    try {
      expect(await codeOf(dropEnvironment(fixture.context, fixture.actors.leadQa, environment.id))).toMatch(/^unexpected: Error: EISDIR/);
    } finally {
      fs.rmSync(blocker, { recursive: true, force: true });
    }

    const failed = await fixture.prisma.environment.findUniqueOrThrow({ where: { id: environment.id } });
    expect([failed.status, failed.statusMessage, failed.droppedAt]).toEqual(['failed', 'Drop failed; drop it again to retry', null]);
    expect(failed.lastError).toBe('Something went wrong on the server. The error has been logged.');
    const audit = await fixture.prisma.auditEvent.findMany({ where: { action: 'environment.drop', targetName: 'qa_doomed' } });
    expect(audit.map((event) => [event.outcome, event.error?.startsWith('INTERNAL: EISDIR')])).toEqual([['failure', true]]);
    expect(await fixture.count('qa_doomed', 'products')).toBe(5);

    await fixture.engine.query('qa_doomed', 'DELETE FROM products');
    await resetEnvironment(fixture.context, fixture.actors.qa, environment.id);
    expect(await fixture.count('qa_doomed', 'products')).toBe(5);
    expect((await fixture.prisma.environment.findUniqueOrThrow({ where: { id: environment.id } })).status).toBe('ready');

    expect(await dropEnvironment(fixture.context, fixture.actors.leadQa, environment.id)).toEqual({ freedBytes: expect.any(Number) });
    const dropped = await fixture.prisma.environment.findUniqueOrThrow({ where: { id: environment.id } });
    expect([dropped.status, dropped.droppedAt !== null]).toEqual(['dropped', true]);
    expect(await fixture.engine.getDatabase('qa_doomed')).toBeNull();
    expect(await fixture.prisma.snapshot.count({ where: { database: 'qa_doomed', droppedAt: null } })).toBe(0);
    const outcomes = await fixture.prisma.auditEvent.findMany({
      where: { action: 'environment.drop', targetName: 'qa_doomed' },
      orderBy: { createdAt: 'asc' },
    });
    expect(outcomes.map((event) => event.outcome)).toEqual(['failure', 'success']);
  }, 120_000);
});
