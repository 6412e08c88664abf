import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../embedded/store/testing/temp-dir';
import { BASE_SQL, type DropCheck, dropEverything, runStorageWalk, type WalkOptions } from '../testing/storage-walk';
import { accountBlocks } from './extents';
import { openPostgresEngine, type PostgresEngine } from './index';

/**
 * The storage property on the PostgreSQL engine, on a file system with reflinks (where its
 * clones share blocks): before every drop in a seeded walk, frees-if-dropped is what left the
 * disk, and dropping everything gives the store back. What is on disk is counted by physical
 * block (FIEMAP) over the whole store folder, each block once, since reflinked files share
 * blocks and their sizes would count them many times.
 *
 * The servers are stopped before each prediction (they start again on the walk's next use):
 * a running one makes or removes a whole zero-filled 16 MB WAL segment whenever its WAL
 * writer or checkpointer gets to it, which would land between the two measures under load.
 * Tolerance: what a server still writes as it stops, up to SERVER_SLACK_BYTES. A wrong prediction
 * misses by whole relation files or WAL segments (MiBs: predicting own bytes instead of
 * frees-if-dropped missed by 17–51 MiB).
 */
const SERVER_SLACK_BYTES = 1024 * 1024;
const reflinkDir = process.env.CLONEDECK_TEST_REFLINK_DIR;
const seed = Number(process.env.CLONEDECK_PROPERTY_SEED ?? Date.now() % 1_000_000);

describe.skipIf(!reflinkDir)('storage property: PostgreSQL engine on reflinks', () => {
  let dataDir: string;
  let engine: PostgresEngine;
  const lines: string[] = [];
  const physical = async () => (await accountBlocks([dataDir])).physicalBytes;
  /**
   * The store without the base's own folder: what the walk may leave behind. The base is only
   * read and cloned from, but each online copy moves its server to a new WAL segment, which
   * it owns once written: its WAL is its own business, not something the walk leaked.
   */
  const besideBase = async () => {
    const store = path.join(dataDir, 'store');
    const databases = fs.readdirSync(path.join(store, 'databases')).filter((name) => name !== 'base');
    const dirs = ['template', 'wal-blank', 'snapshots', ...databases.map((name) => path.join('databases', name))];
    return (await accountBlocks(dirs.map((dir) => path.join(store, dir)))).physicalBytes;
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(reflinkDir!, 'property-'));
    engine = await openPostgresEngine({ dataDir: path.join(dataDir, 'store'), idleMs: 600_000 });
    await engine.createDatabase('base', { initialSql: BASE_SQL });
    // Cloning from "now" starts the base's server once; its first WAL and statistics files
    // are the base's, not the walk's, so the walk starts after them.
    await engine.cloneDatabase({ source: 'base', target: 'warm_up', from: { kind: 'now' } });
    await engine.dropDatabase('warm_up');
  });
  afterAll(async () => {
    await engine?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`frees what it predicts on every drop, and gives everything back (seed ${seed})`, { timeout: 900_000 }, async () => {
    const start = await besideBase();
    const options: WalkOptions = {
      engine,
      random: seededRandom(seed),
      base: 'base',
      prefix: 'w_',
      steps: 40,
      measure: physical,
      // Servers stop before each prediction: their WAL writer and checkpointer make and remove
      // whole 16 MB segments at moments of their own, which are not the drop's bytes.
      settle: () => engine.servers.stopAll(),
      log: (line) => lines.push(line),
    };
    try {
      const checks = await runStorageWalk(options);
      await dropEverything(options, checks);
      const end = await besideBase();
      const worst = Math.max(...checks.map((check) => Math.abs(check.freedBytes - check.predictedBytes)));
      console.log(
        `storage property (postgres), seed ${seed}: ${checks.length} drops, worst |freed − predicted| ${worst} B; ${start} B beside the base before, ${end} B after`,
      );
      expect(checks.length).toBeGreaterThan(0);
      expect(checks.filter((check: DropCheck) => Math.abs(check.freedBytes - check.predictedBytes) > SERVER_SLACK_BYTES)).toEqual([]);
      expect(Math.abs(end - start)).toBeLessThanOrEqual(SERVER_SLACK_BYTES);
    } catch (error) {
      console.error(`storage property (postgres) failed with CLONEDECK_PROPERTY_SEED=${seed}; the walk:\n${lines.join('\n')}`);
      throw error;
    }
  });
});
