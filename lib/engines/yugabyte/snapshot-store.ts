import { conflict, notFound } from '@/lib/errors';
import { assertName, quotePgIdent } from '@/lib/engines/names';
import type { PgRunner } from './pool';
import { CATALOG_SCHEMA, SERVER_NOW_MICROS } from './statements';

/** A named point in time, as Clonedeck records it for YugabyteDB. */
export interface SnapshotRecord {
  name: string;
  database: string;
  unixMicros: bigint;
  createdAt: Date;
  /** "schema.table" of the database when the snapshot was taken, for verifying restores; null when unknown. */
  tables: string[] | null;
}

interface SnapshotRow {
  name: string;
  database: string;
  unix_micros: string;
  created_at: Date;
  tables: string[] | null;
}

const toRecord = (row: SnapshotRow): SnapshotRecord => ({
  name: row.name,
  database: row.database,
  unixMicros: BigInt(row.unix_micros),
  createdAt: row.created_at,
  tables: row.tables,
});

const COLUMNS = 'name, database, unix_micros, created_at, tables';

/**
 * The table of named points in time, in the database the engine connects to (schema
 * `clonedeck`). Created on first use; every value goes in as a query parameter.
 */
export class SnapshotStore {
  private ready: Promise<void> | undefined;
  private readonly table: string;

  constructor(
    private readonly runner: PgRunner,
    readonly schema: string = CATALOG_SCHEMA,
  ) {
    assertName('database', schema, 'schema');
    this.table = `${quotePgIdent(schema)}.snapshots`;
  }

  private ensure(): Promise<void> {
    this.ready ??= this.create().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async create(): Promise<void> {
    await this.runner.withClient('prepare the snapshot catalog', async (session) => {
      await session.execute(`CREATE SCHEMA IF NOT EXISTS ${quotePgIdent(this.schema)}`);
      await session.execute(
        `CREATE TABLE IF NOT EXISTS ${this.table} (name text PRIMARY KEY, database text NOT NULL, ` +
          'unix_micros bigint NOT NULL, tables text[], created_at timestamptz NOT NULL DEFAULT now())',
      );
    });
  }

  async list(): Promise<SnapshotRecord[]> {
    await this.ensure();
    const rows = await this.runner.rows<SnapshotRow>('list snapshots', `SELECT ${COLUMNS} FROM ${this.table} ORDER BY unix_micros DESC`);
    return rows.map(toRecord);
  }

  async get(name: string): Promise<SnapshotRecord | null> {
    await this.ensure();
    const rows = await this.runner.rows<SnapshotRow>('read a snapshot', `SELECT ${COLUMNS} FROM ${this.table} WHERE name = $1`, {
      params: [name],
    });
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async getOrThrow(name: string): Promise<SnapshotRecord> {
    const record = await this.get(name);
    if (!record) throw notFound(`There is no snapshot "${name}".`);
    return record;
  }

  /** Records the server's current time under `name`; CONFLICT when the name is taken. */
  async record(name: string, database: string, tables: string[] | null): Promise<SnapshotRecord> {
    await this.ensure();
    const sql =
      `INSERT INTO ${this.table} (name, database, unix_micros, tables) VALUES ($1, $2, ${SERVER_NOW_MICROS}, $3) ` +
      `ON CONFLICT (name) DO NOTHING RETURNING ${COLUMNS}`;
    const rows = await this.runner.rows<SnapshotRow>(`create snapshot ${name}`, sql, { params: [name, database, tables] });
    if (!rows[0]) throw conflict(`A snapshot named "${name}" exists already.`);
    return toRecord(rows[0]);
  }

  async remove(name: string): Promise<void> {
    await this.ensure();
    const rows = await this.runner.rows<{ name: string }>(
      `drop snapshot ${name}`,
      `DELETE FROM ${this.table} WHERE name = $1 RETURNING name`,
      { params: [name] },
    );
    if (rows.length === 0) throw notFound(`There is no snapshot "${name}".`);
  }

  async removeForDatabase(database: string): Promise<void> {
    await this.ensure();
    await this.runner.execute(`forget snapshots of ${database}`, `DELETE FROM ${this.table} WHERE database = $1`, { params: [database] });
  }

  async moveDatabase(from: string, to: string): Promise<void> {
    await this.ensure();
    await this.runner.execute(`move snapshots of ${from}`, `UPDATE ${this.table} SET database = $2 WHERE database = $1`, {
      params: [from, to],
    });
  }
}
