import { integer, list, text, url } from './kinds';
import type { VariableSpec } from './variables';

const variable = (schema: VariableSpec['schema'], shownDefault: string, meaning: string): VariableSpec => ({
  schema,
  default: shownDefault,
  meaning,
});

/**
 * Read only by the tests, the benchmark and development scripts — never by the dashboard or the CLI.
 * Listed here so the README documents them beside the rest; the test files read them directly.
 */
export const TEST_VARIABLES = {
  CLONEDECK_TEST_PG_URL: variable(url(['postgres:']), 'started by `npm test`', 'a PostgreSQL server for integration tests'),
  CLONEDECK_TEST_MYSQL_URL: variable(url(['mysql:']), 'started by `npm test`', 'a MariaDB server for integration tests'),
  CLONEDECK_TEST_REFLINK_DIR: variable(text(), 'mounted by `npm test` as root', "an XFS folder with reflinks for the engines' clone tests"),
  CLONEDECK_CONTRACT_ENGINES: variable(list(), 'all', 'the engines the engine contract suite runs on (`npm run test:engine`)'),
  CLONEDECK_CONTRACT_SCRATCH_ACCOUNT: variable(text(), '—', 'a MatrixOne account the contract suite may restore into'),
  CLONEDECK_E2E_PORT: variable(integer(3210, { min: 1, max: 65535 }), '3210', 'port of the dashboard the browser specs start'),
  CLONEDECK_E2E_BASE_URL: variable(url(['http:', 'https:']), 'the started one', 'run the CLI spec against another dashboard'),
  CLONEDECK_E2E_API_TOKEN: variable(text(), 'made through the UI', 'an API token for the CLI spec'),
  CLONEDECK_E2E_LEAD_QA_EMAIL: variable(text(), '`lead.qa@clonedeck.local`', 'the user the CLI spec signs in as'),
  NEXT_DIST_DIR: variable(text(), '`.next`', 'the Next.js build folder (the browser specs build into `.next-e2e`)'),
  CHROMIUM_PATH: variable(text(), '`/usr/bin/chromium`', 'the browser Playwright drives'),
  CRASH_KILLS: variable(integer(50, { min: 1 }), '50', "how many times the embedded engine's crash test kills a writer"),
  SCHEMA_ENGINE_WASM: variable(text(), "prisma's", 'the schema engine `npm run db:migration` runs (WebAssembly)'),
  BENCH_PG_URL: variable(url(['postgres:']), 'a started server', 'the PostgreSQL the benchmark compares against'),
  CLONEDECK_PROPERTY_SEED: variable(
    integer(0, { min: 0 }),
    'from the clock (printed on failure)',
    "replays a storage property test's random walk",
  ),
  RECLAIM_ROUNDS: variable(integer(100, { min: 1 }), '100', 'write+snapshot rounds of `npm run bench:reclaim`'),
};
