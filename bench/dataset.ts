/**
 * The seeds' `user_behavior` table, generated in SQL with deterministic values so every
 * engine in one run holds the same rows. PGlite has pgvector; a server without it gets a
 * `real[]` of the same 128 floats instead.
 */
export type EmbeddingType = 'vector' | 'real[]';

/** Distinct embeddings, reused by row id modulo this count (enough to defeat any dedup). */
const EMBEDDING_COUNT = 1000;

export function schemaSql(embedding: EmbeddingType): string {
  const extension = embedding === 'vector' ? 'CREATE EXTENSION IF NOT EXISTS vector;' : '';
  const castTo = embedding === 'vector' ? 'vector(128)' : 'real[]';
  return `${extension}
CREATE TABLE user_behavior (
  id bigserial PRIMARY KEY,
  user_id bigint,
  product_id bigint,
  action varchar(50),
  timestamp bigint,
  session_id varchar(100),
  device_type varchar(50),
  price double precision,
  quantity int,
  embedding ${castTo}
);
CREATE TABLE bench_embeddings AS
  SELECT k AS slot, array_agg(round(sin(k * 128 + j)::numeric, 6)::real ORDER BY j)::${castTo} AS embedding
  FROM generate_series(0, ${EMBEDDING_COUNT - 1}) k, generate_series(1, 128) j
  GROUP BY k;
ALTER TABLE bench_embeddings ADD PRIMARY KEY (slot);`;
}

/**
 * Inserts rows with ids `first`..`last` (inclusive), in id order as a bigserial table fills:
 * the lateral index lookup keeps generate_series' order (a hash join would not, and would
 * scatter neighbouring ids over the table).
 */
export function insertBatchSql(first: number, last: number): string {
  return `INSERT INTO user_behavior (id, user_id, product_id, action, timestamp, session_id, device_type, price, quantity, embedding)
SELECT g,
  (g * 7919) % 100000,
  (g * 104729) % 50000,
  (ARRAY['view','click','add_to_cart','purchase','wishlist'])[1 + g % 5],
  1700000000000 + g * 1000,
  'session-' || md5((g / 20)::text),
  (ARRAY['desktop','mobile','tablet'])[1 + g % 3],
  round(((g * 2654435761) % 100000) / 100.0, 2),
  1 + g % 10,
  e.embedding
FROM generate_series(${first}::bigint, ${last}::bigint) g
CROSS JOIN LATERAL (SELECT embedding FROM bench_embeddings WHERE slot = g % ${EMBEDDING_COUNT}) e;`;
}

/**
 * After loading: the sequence behind the bigserial in step with the explicit ids, hint bits
 * and visibility map set (so later reads do not write), a clean point. One statement each:
 * VACUUM cannot run inside the implicit transaction of a multi-statement query.
 */
export function finishSql(lastId: number): string[] {
  return ['DROP TABLE bench_embeddings', `SELECT setval('user_behavior_id_seq', ${lastId})`, 'VACUUM ANALYZE user_behavior', 'CHECKPOINT'];
}

export const DATABASE_SIZE_SQL = 'SELECT pg_database_size(current_database())::float8 AS value';
