import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '@/lib/engines/registry';
import type { Engine } from '@/lib/engines/types';
import { matrixOneDemoProductionSql } from './demo-data-matrixone';
import { DEMO_PRODUCTS_V1, DEMO_USER_BEHAVIOR_ROWS } from './demo-data-sql';

const url = process.env.MATRIXONE_URL;
if (!url) console.log('demo production on MatrixOne skipped: MATRIXONE_URL is not set');

describe.skipIf(!url)('the demo production script on a real MatrixOne server', () => {
  const database = `demo${Math.random()
    .toString(36)
    .slice(2, 7)
    .replace(/[^a-z0-9]/g, 'x')}_production`;
  let engine: Engine | null = null;
  afterAll(async () => {
    await engine?.dropDatabase(database).catch(() => undefined);
    await engine?.close();
  });

  it('loads the same rows as the PostgreSQL script, with vecf32(128) embeddings', async () => {
    engine = await openEngine({ id: 'matrixone', kind: 'matrixone', url });
    await engine.createDatabase(database, { initialSql: matrixOneDemoProductionSql() });
    const rows = async (sql: string) =>
      (await engine!.query(database, sql, { readOnly: true })).rows.map((row) => row.map(String).join('|'));
    expect(await rows('SELECT count(*), sum(price) FROM user_behavior')).toEqual([`${DEMO_USER_BEHAVIOR_ROWS}|38425000`]);
    expect(
      await rows(
        'SELECT id, user_id, product_id, action, session_id, device_type, price, quantity, vector_dims(embedding) FROM user_behavior WHERE id = 1',
      ),
    ).toEqual(['1|1|1|view|session_0|mobile|10|1|128']);
    // Slot 1 of the embeddings, first value: ((1 * 7919 + 1 * 104729) % 10000) / 10000, as in the PostgreSQL script.
    const [embedding] = (await engine.query(database, 'SELECT embedding FROM user_behavior WHERE id = 2')).rows[0]!;
    expect(String(embedding).startsWith('[0.2648,')).toBe(true);
    expect(await rows('SELECT name, price, stock FROM products ORDER BY id')).toEqual(
      DEMO_PRODUCTS_V1.map((product) => `${product.name}|${product.price}|${product.stock}`),
    );
    expect(await rows('SHOW TABLES')).toEqual(['products', 'user_behavior']);
  });
});
