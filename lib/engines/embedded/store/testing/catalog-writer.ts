/**
 * Child process for the catalog test: rewrites the catalog of the directory given as the
 * first argument in a loop until killed. Every catalog it writes is self-consistent (one
 * layer record per generation, ~100 KB of them) so a reader can tell a torn or mixed file.
 */
import { type Catalog, emptyCatalog, writeCatalog } from '../catalog';

const dir = process.argv[2];
if (!dir) throw new Error('usage: catalog-writer.ts STORE_DIR');

let catalog: Catalog = emptyCatalog();
process.stdout.write('writing\n');
for (;;) {
  const next = structuredClone(catalog);
  next.generation++;
  next.nextLayerId = next.generation + 1;
  next.layers[next.generation] = {
    createdAt: new Date().toISOString(),
    frozen: { dataEnd: next.generation, indexEnd: 2 * next.generation },
  };
  if (next.generation % 400 === 0) next.layers = {};
  writeCatalog(dir, next);
  catalog = next;
}
