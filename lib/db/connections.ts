import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { MigrationConnection } from './migrate';

/** The migration runner over an open PGlite instance (the embedded store's own connection). */
export function pgliteMigrationConnection(database: PGlite): MigrationConnection {
  return {
    exec: async (sql) => {
      await database.exec(sql);
    },
    query: async <Row>(sql: string, params: unknown[] = []) => (await database.query<Row>(sql, params)).rows,
  };
}

/** The migration runner over one pg client: the advisory lock is per session, so not a pool. */
export function pgMigrationConnection(client: pg.Client): MigrationConnection {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <Row>(sql: string, params: unknown[] = []) => {
      // pg types rows loosely; the migration runner names the shape it selects.
      const result = await client.query(sql, params);
      return result.rows as Row[];
    },
  };
}
