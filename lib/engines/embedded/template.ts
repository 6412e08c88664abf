import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { LEAN_SETTINGS } from './instances';
import { ChainView } from './store/chain-view';
import { CowFilesystem } from './store/cow-filesystem';
import type { LayerStore } from './store/layer-store';

/**
 * initdb takes seconds, so it runs once per store: its result, shut down cleanly, becomes
 * a frozen template layer, and every new database is an empty top over it.
 */
export async function ensureTemplate(store: LayerStore): Promise<void> {
  if (store.hasTemplate()) return;
  const layer = store.createLooseLayer();
  const startParams = [...PGlite.defaultStartParams, ...LEAN_SETTINGS.flatMap((setting) => ['-c', setting])];
  const pg = await PGlite.create({ fs: new CowFilesystem(new ChainView([layer])), extensions: { vector }, startParams });
  await pg.close();
  const extent = layer.freeze();
  store.commit((next) => {
    store.adoptLayer(next, layer, extent);
    next.template = [layer.id];
  });
}
