/**
 * Child process of create-atomic.integration.test.ts: creates a database from a long SQL
 * load in the store given as argv[2], for the test to kill with SIGKILL during the load.
 */
import { openEmbeddedEngine } from './index';

const dataDir = process.argv[2]!;
const engine = await openEmbeddedEngine({ dataDir, idleMs: 60_000 });
console.log('opened');
await engine.createDatabase('loaded', {
  initialSql: "CREATE TABLE rows AS SELECT g AS id, repeat('x', 200) AS filler FROM generate_series(1, 5000000) AS g;",
});
console.log('loaded'); // not reached when the test kills it in time
await engine.close();
