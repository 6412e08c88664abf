import pg from 'pg';
import type { EmbeddingType } from './dataset';
import { sample, type Timing } from './measure';

/** The real PostgreSQL server the bench compares against (trust auth on localhost). */
const SERVER = { host: '127.0.0.1', port: 5432, user: 'postgres' } as const;

export type CopyStrategy = 'WAL_LOG' | 'FILE_COPY';

/**
 * Bench databases on the server: every database created here is named with the bench's
 * prefix and process id, remembered, and dropped by `cleanup`.
 */
export class BenchServer {
  private readonly created = new Set<string>();
  readonly prefix = `clonedeck_bench_${process.pid}_`;

  private constructor(private readonly admin: pg.Client) {}

  static async connect(): Promise<BenchServer> {
    const admin = new pg.Client({ ...SERVER, database: 'postgres' });
    await admin.connect();
    return new BenchServer(admin);
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
    const clause = template ? ` TEMPLATE ${template.source} STRATEGY ${template.strategy}` : '';
    await this.admin.query(`CREATE DATABASE ${name}${clause}`);
  }

  async dropDatabase(name: string): Promise<void> {
    await this.admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    this.created.delete(name);
  }

  async clientFor(database: string): Promise<pg.Client> {
    const client = new pg.Client({ ...SERVER, database });
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
  }
}
