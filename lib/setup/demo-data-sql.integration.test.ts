import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProductionSql, DEMO_PRODUCTS_V1, DEMO_USER_BEHAVIOR_ROWS } from './demo-data-sql';

// The script alone, on a plain PGlite with pgvector (the engine adds copy-on-write, not SQL).
async function loadedDatabase(): Promise<PGlite> {
  const database = new PGlite('memory://', { extensions: { vector } });
  await database.exec(demoProductionSql('vector(128)'));
  return database;
}

interface Fingerprint {
  rows: number;
  checksum: string;
}

async function fingerprint(database: PGlite): Promise<Fingerprint> {
  const result = await database.query<{ rows: number; checksum: string }>(
    `SELECT count(*)::int AS rows, sum(hashtext(user_behavior::text)::bigint)::text AS checksum FROM user_behavior`,
  );
  const [row] = result.rows;
  if (!row) throw new Error('no fingerprint row');
  return row;
}

describe('demo production SQL', () => {
  let database: PGlite;
  beforeAll(async () => {
    database = await loadedDatabase();
  });
  afterAll(() => database.close());

  it('creates the tutorial log with 100k rows and 128-dimension embeddings', async () => {
    const { rows } = await fingerprint(database);
    expect(rows).toBe(DEMO_USER_BEHAVIOR_ROWS);
    expect(rows).toBeGreaterThanOrEqual(100_000);
    const first = await database.query(
      `SELECT id, user_id, product_id, action, session_id, device_type, price, quantity, vector_dims(embedding) AS dims
         FROM user_behavior WHERE id = 1`,
    );
    expect(first.rows[0]).toEqual({
      id: 1,
      user_id: 1,
      product_id: 1,
      action: 'view',
      session_id: 'session_0',
      device_type: 'mobile',
      price: 10,
      quantity: 1,
      dims: 128,
    });
    const actions = await database.query<{ action: string }>('SELECT DISTINCT action FROM user_behavior ORDER BY action');
    expect(actions.rows.map((row) => row.action)).toEqual(['add_to_cart', 'click', 'purchase', 'review', 'view']);
  });

  it('builds the same log with real[] embeddings where there is no pgvector: 128 numbers in one dimension', async () => {
    const plain = new PGlite('memory://');
    try {
      await plain.exec(demoProductionSql('real[]'));
      const shape = await plain.query<{ rows: number; dims: number; length: number; first: number }>(
        `SELECT count(*)::int AS rows, max(array_ndims(embedding)) AS dims, min(array_length(embedding, 1)) AS length,
                (SELECT embedding[1] FROM user_behavior WHERE id = 2) AS first FROM user_behavior`,
      );
      const withVector = await database.query<{ first: number }>('SELECT (embedding::real[])[1] AS first FROM user_behavior WHERE id = 2');
      expect(shape.rows[0]).toEqual({ rows: DEMO_USER_BEHAVIOR_ROWS, dims: 1, length: 128, first: withVector.rows[0]!.first });
    } finally {
      await plain.close();
    }
  });

  it('creates the v1 products table with exactly the five seed products', async () => {
    const products = await database.query('SELECT id, name, price, stock FROM products ORDER BY id');
    expect(products.rows).toEqual(DEMO_PRODUCTS_V1.map((product, index) => ({ id: index + 1, ...product })));
    const columns = await database.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'products' ORDER BY ordinal_position`,
    );
    expect(columns.rows.map((row) => row.column_name)).toEqual(['id', 'name', 'price', 'stock']);
  });

  it('produces the same rows on every install', async () => {
    const second = await loadedDatabase();
    try {
      expect(await fingerprint(second)).toEqual(await fingerprint(database));
    } finally {
      await second.close();
    }
  });
});
