import { DEMO_PRODUCTS_V1, DEMO_USER_BEHAVIOR_ROWS } from './demo-data-sql';

/**
 * The demo production database in MatrixOne's SQL: the same rows as the PostgreSQL script
 * (same formulas, same 1 000 distinct embeddings, ids in the same order), with MatrixOne's
 * own vector type `vecf32(128)` that the multi-team tutorial's table uses. The embeddings are
 * built once in a helper table with GROUP_CONCAT (whose default limit of 1 024 characters
 * cuts a 128-value vector short, hence the SET), then joined per row.
 */
export function matrixOneDemoProductionSql(): string {
  const products = DEMO_PRODUCTS_V1.map((product) => `('${product.name.replace(/'/g, "''")}', ${product.price}, ${product.stock})`).join(
    ', ',
  );
  return `CREATE TABLE user_behavior (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT,
  product_id BIGINT,
  action VARCHAR(50),
  \`timestamp\` BIGINT,
  session_id VARCHAR(100),
  device_type VARCHAR(50),
  price DOUBLE,
  quantity INT,
  embedding VECF32(128)
);
CREATE TABLE demo_embeddings (slot INT PRIMARY KEY, embedding VECF32(128));
SET SESSION group_concat_max_len = 1048576;
INSERT INTO demo_embeddings (slot, embedding)
SELECT s.result, CAST(CONCAT('[', GROUP_CONCAT(((s.result * 7919 + d.result * 104729) % 10000) / 10000.0 ORDER BY d.result SEPARATOR ','), ']') AS VECF32(128))
  FROM generate_series(0, 999) s CROSS JOIN generate_series(1, 128) d
 GROUP BY s.result;
INSERT INTO user_behavior (user_id, product_id, action, \`timestamp\`, session_id, device_type, price, quantity, embedding)
SELECT (g.result % 10000) + 1,
       (g.result % 50) + 1,
       ELT(g.result % 5 + 1, 'view', 'click', 'add_to_cart', 'purchase', 'review'),
       1735689600000 + g.result * 1000,
       CONCAT('session_', g.result DIV 10),
       ELT(g.result % 3 + 1, 'mobile', 'desktop', 'tablet'),
       10 + (g.result % 500) * 1.5,
       (g.result % 5) + 1,
       e.embedding
  FROM generate_series(0, ${DEMO_USER_BEHAVIOR_ROWS - 1}) g JOIN demo_embeddings e ON e.slot = g.result % 1000
 ORDER BY g.result;
DROP TABLE demo_embeddings;
CREATE TABLE products (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200),
  price INT,
  stock INT
);
INSERT INTO products (name, price, stock) VALUES ${products};`;
}
