import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '@/lib/api/rate-limit';
import { dropPreviewSchema, environmentSchema, snapshotListSchema, usageSchema } from '@/lib/api/schemas';
import { callApi } from '@/lib/api/testing/call-api';
import { startApiServer } from '@/lib/api/testing/http-server';
import { TOKEN_PERMISSIONS } from '@/lib/domain/actor';
import { resetEnvironment } from '@/lib/domain/environments/lifecycle';
import { provisionEnvironment } from '@/lib/domain/environments/provision';
import { loadSnapshotsPage } from '@/lib/domain/snapshots-page';
import { createSnapshot } from '@/lib/domain/snapshots';
import { getStorageReport } from '@/lib/domain/storage';
import { storageReportCsv } from '@/lib/domain/storage-csv';
import { createDomainFixture, type DomainFixture } from '@/lib/domain/testing/fixture';
import { createToken } from '@/lib/domain/tokens';
import { buildOverviewTree } from '@/lib/domain/tree';
import { EXIT } from './exit-codes';
import { runCli, runCliAnswering } from './testing';

/**
 * One object, one figure: what dropping it frees, read from the storage page's data (and its
 * CSV), the tree, the REST API (GET, listings, usage, the dry run) and the CLI's prediction,
 * then the bytes the drop reports — on the embedded engine, nothing mocked.
 */
let fixture: DomainFixture;
let server: { url: string; close(): Promise<void> };
let token: string;
let api: Parameters<typeof callApi>[0];

beforeAll(async () => {
  fixture = await createDomainFixture();
  const { context, actors, teams, production } = fixture;
  api = { ...context, rateLimiter: new RateLimiter({ burst: 1000, perMinute: 1000 }) };
  server = await startApiServer(api, 59_590);
  token = (
    await createToken(context, actors.leadQa, {
      teamId: teams.qa.id,
      name: 'figures',
      permissions: [...TOKEN_PERMISSIONS],
      expiresInDays: 1,
    })
  ).plaintext;
  vi.stubEnv('CLONEDECK_URL', server.url);
  vi.stubEnv('CLONEDECK_TOKEN', token);
  const environment = await provisionEnvironment(
    context,
    actors.leadQa,
    { teamId: teams.qa.id, name: 'qa_frees', purpose: 'figures', source: { kind: 'environment', environmentId: production.id } },
    { wait: true },
  );
  // Rows changed before the snapshot, then reset away, are held by the snapshot alone; rows changed after, by the database alone.
  await fixture.engine.query('qa_frees', "UPDATE user_behavior SET action = action || '_a'");
  await createSnapshot(context, actors.leadQa, { environmentId: environment.id, name: 'qa_frees_s1', purpose: 'kept' });
  await resetEnvironment(context, actors.leadQa, environment.id);
  await fixture.engine.query('qa_frees', "UPDATE user_behavior SET action = action || '_b'");
}, 180_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  await fixture?.close();
});

const rest = async (route: string, name?: string, query?: Record<string, string>) => {
  const answer = await callApi(api, { route, name, token, query });
  expect(answer.status, `${route} ${name ?? ''}`).toBe(200);
  return answer.body;
};

/** The figure in the CLI's exact-bytes text: "… 1.5 MiB (1572864 bytes) …". */
const bytesIn = (text: string, after: string) => Number(new RegExp(`${after}[^(]*\\((\\d+) bytes\\)`).exec(text)?.[1]);

async function storagePageFigures(name: string) {
  const report = await getStorageReport(fixture.context, fixture.actors.admin);
  const engine = report.engines[0]!;
  const csv = storageReportCsv(report).split('\r\n');
  const column = csv[0]!.split(',').indexOf('freed_if_dropped_bytes');
  const csvRow = csv.find((line) => line.startsWith('environment,') && line.split(',')[3] === name)!;
  return {
    environment: engine.environments.find((environment) => environment.name === name)!.freedIfDroppedBytes,
    team: engine.teams.find((team) => team.name === 'qa')!.freedIfDroppedBytes,
    engineTotal: engine.totals!.freedIfDroppedBytes,
    csv: Number(csvRow.split(',')[column]),
  };
}

describe('frees-if-dropped is one figure everywhere, and the drop frees it', () => {
  it('a snapshot: the snapshots page, the REST listing and dry run, the CLI prompt and the drop agree', async () => {
    const page = await loadSnapshotsPage(fixture.context, fixture.actors.leadQa);
    const figure = page.rows.find((row) => row.snapshot.name === 'qa_frees_s1')!.snapshot.freedIfDroppedBytes;
    expect(figure).toBeGreaterThan(64 * 1024);

    const listed = snapshotListSchema.parse(await rest('GET /api/v1/snapshots', undefined, { environment: 'qa_frees' }));
    expect(listed.snapshots.find((snapshot) => snapshot.name === 'qa_frees_s1')?.freedIfDroppedBytes).toBe(figure);
    const dryRun = dropPreviewSchema.parse(await rest('DELETE /api/v1/snapshots/{name}', 'qa_frees_s1', { dryRun: 'true' }));
    expect(dryRun).toEqual({ name: 'qa_frees_s1', dropped: false, freedIfDroppedBytes: figure });

    const declined = await runCliAnswering(false, 'snapshot', 'drop', 'qa_frees_s1');
    expect([declined.code, declined.asked, bytesIn(declined.out, 'frees')]).toEqual([EXIT.ok, ['Drop snapshot qa_frees_s1?'], figure]);
    expect(declined.out).toContain('Nothing was dropped.');

    const accepted = await runCliAnswering(true, 'snapshot', 'drop', 'qa_frees_s1');
    expect(accepted.code).toBe(EXIT.ok);
    expect(bytesIn(accepted.out, 'frees')).toBe(figure);
    expect(bytesIn(accepted.out, 'freed')).toBe(figure);
    expect(accepted.out).not.toContain('predicted');
  });

  it('an environment: the storage page (row, team, engine, CSV), the tree, REST and the CLI agree, and env drop frees it', async () => {
    const storage = await storagePageFigures('qa_frees');
    const figure = storage.environment;
    expect(figure).toBeGreaterThan(64 * 1024);
    // qa_frees is the QA team's only environment, and the only one on the engine but production.
    const production = (await getStorageReport(fixture.context, fixture.actors.admin)).engines[0]!.environments.find(
      (environment) => environment.isProduction,
    )!.freedIfDroppedBytes!;
    expect(storage).toEqual({ environment: figure, team: figure, engineTotal: figure! + production, csv: figure });

    const tree = await buildOverviewTree(fixture.context, fixture.actors.leadQa);
    const node = tree.nodes.find((candidate) => candidate.kind === 'environment' && candidate.environment.name === 'qa_frees');
    expect(node?.kind === 'environment' && node.environment.freedIfDroppedBytes).toBe(figure);

    expect(environmentSchema.parse(await rest('GET /api/v1/environments/{name}', 'qa_frees')).freedIfDroppedBytes).toBe(figure);
    const usage = usageSchema.parse(await rest('GET /api/v1/usage'));
    expect([usage.freedIfDroppedBytes, usage.engines[0]?.freedIfDroppedBytes]).toEqual([figure, figure]);
    expect(usage.environments.find((environment) => environment.name === 'qa_frees')?.freedIfDroppedBytes).toBe(figure);

    // From a script (no terminal), without --yes: the prediction, a usage error, nothing dropped.
    const refused = await runCli('env', 'drop', 'qa_frees');
    expect([refused.code, bytesIn(refused.err, 'frees')]).toEqual([EXIT.usage, figure]);
    expect(refused.err).toContain('--yes');
    expect(environmentSchema.parse(await rest('GET /api/v1/environments/{name}', 'qa_frees')).status).toBe('ready');

    const dropped = await runCli('env', 'drop', 'qa_frees', '--yes', '--json');
    expect(dropped.code).toBe(EXIT.ok);
    expect(JSON.parse(dropped.out)).toEqual({ ok: true, name: 'qa_frees', dropped: true, freedIfDroppedBytes: figure, freedBytes: figure });
  });

  it('a dry run is refused where the drop would be, and changes nothing', async () => {
    const answer = await callApi(api, {
      route: 'DELETE /api/v1/environments/{name}',
      name: 'production',
      token,
      query: { dryRun: 'true' },
    });
    expect(answer.status).toBe(403);
    const listed = await rest('GET /api/v1/environments');
    expect(JSON.stringify(listed)).toContain('"production"');
  });
});
