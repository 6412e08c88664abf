import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkStoreFiles, checkStoreStructure } from './integrity';
import { LayerStore } from './layer-store';
import { cloneNow, createDatabase, scribble, snapshot } from './testing/store-ops';
import { makeTempDir, seededRandom } from './testing/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let store: LayerStore;
beforeEach(() => {
  temp = makeTempDir('integrity');
  store = LayerStore.open(temp.dir);
  const random = seededRandom(3);
  createDatabase(store, 'app');
  scribble(store, 'app', random);
  snapshot(store, 'app', 'v1');
  cloneNow(store, 'app', 'branch');
});
afterEach(() => {
  store.close();
  temp.remove();
});

const layerFile = (id: number) => path.join(temp.dir, 'layers', `${id}.layer`);

describe('the store integrity checks', () => {
  it('find nothing wrong with a sound store', () => {
    expect(checkStoreFiles(temp.dir)).toEqual({ missing: [], unreferenced: [] });
    expect(checkStoreStructure(store)).toEqual([]);
  });

  it('report a layer file nothing references, and a referenced one that is missing', () => {
    fs.writeFileSync(layerFile(500), 'leftover');
    const top = store.database('branch').chain.at(-1)!;
    fs.renameSync(layerFile(top), `${layerFile(top)}.moved`);
    expect(checkStoreFiles(temp.dir)).toEqual({ missing: [top], unreferenced: [500] });
    expect(checkStoreStructure(store)).toEqual(
      expect.arrayContaining([expect.stringContaining('missing on disk: ' + top), expect.stringContaining('nothing references: 500')]),
    );
  });

  it('report chains that break the rules: a shared writable top, a frozen top, a frozen layer of the wrong size', () => {
    const appTop = store.database('app').chain.at(-1)!;
    const frozen = store.snapshotOfCatalog.snapshots.v1!.chain[0]!;
    store.commit((next) => {
      next.databases.branch!.chain = [...next.databases.app!.chain];
      next.databases.stale = { chain: [frozen], createdAt: '' };
    });
    fs.appendFileSync(layerFile(frozen), 'junk after the index block');
    const problems = checkStoreStructure(store).join('\n');
    expect(problems).toContain(`share the writable top ${appTop}`);
    expect(problems).toContain(`database stale: its top ${frozen} is frozen`);
    expect(problems).toMatch(new RegExp(`layer ${frozen} is \\d+ bytes, its record says \\d+`));
  });
});
