/**
 * The demo production database, from the seed tutorials: the multi-team tutorial's
 * `user_behavior` log (with a 128-dimension embedding) and the safe-upgrade tutorial's v1
 * `products` catalogue. Generated in SQL with generate_series, so loading is fast, and from
 * integer arithmetic only, so every install gets exactly the same rows.
 */

export const DEMO_PRODUCTION_DATABASE = 'production';
export const DEMO_USER_BEHAVIOR_ROWS = 100_000;
/** Distinct embeddings, reused round-robin: computing 128 values for every row would be slow. */
const DISTINCT_EMBEDDINGS = 1_000;
/** 2025-01-01T00:00:00Z in milliseconds: the log's first event. */
const FIRST_EVENT_MILLIS = 1_735_689_600_000;

/** The seed's v1 catalogue, exactly (safe-upgrade tutorial, "Insert v1.0 Data"). */
export const DEMO_PRODUCTS_V1 = [
  { name: 'Gaming Laptop', price: 1500, stock: 20 },
  { name: 'Wireless Mouse', price: 30, stock: 150 },
  { name: 'Mechanical Keyboard', price: 120, stock: 80 },
  { name: '4K Monitor', price: 400, stock: 45 },
  { name: 'USB-C Hub', price: 50, stock: 200 },
] as const;

/**
 * The embedding column: pgvector's `vector(128)` where the engine has pgvector (PGlite ships
 * it), else `real[]` of the same 128 values (the PostgreSQL engine's npm binaries have no
 * pgvector; an operator's own build may).
 */
export type EmbeddingType = 'vector(128)' | 'real[]';

const userBehaviorTable = (embedding: EmbeddingType) => `CREATE TABLE user_behavior (
  id bigserial PRIMARY KEY,
  user_id bigint,
  product_id bigint,
  action varchar(50),
  "timestamp" bigint,
  session_id varchar(100),
  device_type varchar(50),
  price double precision,
  quantity int,
  embedding ${embedding}
);`;

/**
 * Row i's embedding out of the prebuilt ones. A vector array is indexed; an array of real[]
 * is one 2-D array, where an index gives a single number, so the slot is sliced and flattened.
 */
const pickEmbedding = (embedding: EmbeddingType) =>
  embedding === 'vector(128)'
    ? `embeddings.all_slots[i % ${DISTINCT_EMBEDDINGS} + 1]`
    : `ARRAY(SELECT unnest(embeddings.all_slots[i % ${DISTINCT_EMBEDDINGS} + 1:i % ${DISTINCT_EMBEDDINGS} + 1]))::real[]`;

// Column formulas follow the tutorial's generator (actions, devices, price, quantity, sessions
// of ten events), over more users so the data looks like a real log. The embeddings are built
// once into an array and indexed per row: a join against them was 15x slower in PGlite.
const userBehaviorRows = (
  embedding: EmbeddingType,
) => `INSERT INTO user_behavior (user_id, product_id, action, "timestamp", session_id, device_type, price, quantity, embedding)
SELECT (i % 10000) + 1,
       (i % 50) + 1,
       (ARRAY['view', 'click', 'add_to_cart', 'purchase', 'review'])[i % 5 + 1],
       ${FIRST_EVENT_MILLIS} + i * 1000,
       'session_' || (i / 10),
       (ARRAY['mobile', 'desktop', 'tablet'])[i % 3 + 1],
       10 + (i % 500) * 1.5,
       (i % 5) + 1,
       ${pickEmbedding(embedding)}
  FROM (SELECT array_agg(embedding ORDER BY slot) AS all_slots
          FROM (SELECT slot,
                       (SELECT array_agg(((slot * 7919 + dimension * 104729) % 10000) / 10000.0 ORDER BY dimension)
                          FROM generate_series(1, 128) AS dimension)::${embedding} AS embedding
                  FROM generate_series(0, ${DISTINCT_EMBEDDINGS - 1}) AS slot) AS slots) AS embeddings,
       generate_series(0, ${DEMO_USER_BEHAVIOR_ROWS - 1}) AS i
 ORDER BY i;`;

const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

const PRODUCTS_TABLE = `CREATE TABLE products (
  id bigserial PRIMARY KEY,
  name varchar(200),
  price int,
  stock int
);
INSERT INTO products (name, price, stock) VALUES
${DEMO_PRODUCTS_V1.map((product) => `  (${sqlString(product.name)}, ${product.price}, ${product.stock})`).join(',\n')};`;

/** The whole script, run once in the new `production` database. */
export const demoProductionSql = (embedding: EmbeddingType) =>
  [
    embedding === 'vector(128)' ? 'CREATE EXTENSION IF NOT EXISTS vector;' : '',
    userBehaviorTable(embedding),
    userBehaviorRows(embedding),
    PRODUCTS_TABLE,
    'ANALYZE user_behavior;',
    'ANALYZE products;',
  ].join('\n\n');
