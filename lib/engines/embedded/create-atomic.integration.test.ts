import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbeddedEngine } from './index';
import { readCatalog } from './store/catalog';
import { killHard, spawnTypeScript, waitForLine } from './store/testing/child';
import { makeTempDir } from './store/testing/temp-dir';

const WORKER = path.join(import.meta.dirname, 'interrupted-load-worker.ts');
const { dir: dataDir, remove } = makeTempDir('clonedeck-atomic-create-');
afterAll(remove);

/** Resolves once the catalog on disk lists `name` as still loading. */
async function untilLoading(name: string): Promise<void> {
  for (;;) {
    const catalog = fs.existsSync(path.join(dataDir, 'catalog.json')) ? readCatalog(dataDir) : null;
    if (catalog?.databases[name]?.loading) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('creating a database from SQL is all or nothing', () => {
  it('leaves no half-loaded database when its process is killed during the load, and the name can be used again', async () => {
    const child = spawnTypeScript(WORKER, [dataDir]);
    await waitForLine(child, (line) => line === 'opened');
    await untilLoading('loaded');
    await killHard(child);

    const engine = await openEmbeddedEngine({ dataDir, idleMs: 60_000 });
    try {
      expect(await engine.getDatabase('loaded')).toBeNull();
      expect((await engine.listDatabases()).map((database) => database.name)).not.toContain('loaded');
      await engine.createDatabase('loaded', { initialSql: 'CREATE TABLE rows (id int); INSERT INTO rows VALUES (1), (2), (3);' });
      expect((await engine.query('loaded', 'SELECT count(*)::int FROM rows')).rows).toEqual([[3]]);
      expect(readCatalog(dataDir)?.databases.loaded?.loading).toBeUndefined();
    } finally {
      await engine.close();
    }
  });
});
