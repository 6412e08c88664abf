import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../../types';
import { type Catalog, readCatalog, referencedLayers } from './catalog';
import { LAYER_DIR, layerFileName, type LayerStore } from './layer-store';

/**
 * Integrity checks of a store, for tests (the crash test runs them after every kill) and
 * for an operator's "check the store" command. Each returns the problems found, in words;
 * an empty list means the store is sound.
 */

/** Layer files on disk against the catalog, read from disk only, so it also runs before a store is opened. */
export function checkStoreFiles(dir: string): { missing: number[]; unreferenced: number[] } {
  const catalog = readCatalog(dir);
  const referenced = catalog ? referencedLayers(catalog) : new Set<number>();
  const layerDir = path.join(dir, LAYER_DIR);
  const onDisk = new Set(
    (fs.existsSync(layerDir) ? fs.readdirSync(layerDir) : [])
      .map((file) => Number.parseInt(file, 10))
      .filter((id) => Number.isInteger(id) && fs.existsSync(path.join(layerDir, layerFileName(id)))),
  );
  return {
    missing: [...referenced].filter((id) => !onDisk.has(id)).sort((a, b) => a - b),
    unreferenced: [...onDisk].filter((id) => !referenced.has(id)).sort((a, b) => a - b),
  };
}

/**
 * The structure of an open store: files and catalog agree, every chain is frozen layers
 * under (for a database) one writable top of its own, every chain stands on the template,
 * and every layer opens with the size its catalog record says.
 */
export function checkStoreStructure(store: LayerStore): string[] {
  const catalog = store.snapshotOfCatalog;
  const problems: string[] = [];
  const files = checkStoreFiles(store.dir);
  if (files.missing.length) problems.push(`layers referenced but missing on disk: ${files.missing.join(', ')}`);
  if (files.unreferenced.length) problems.push(`layer files nothing references: ${files.unreferenced.join(', ')}`);
  const referenced = referencedLayers(catalog);
  for (const id of Object.keys(catalog.layers).map(Number)) {
    if (!referenced.has(id)) problems.push(`the catalog keeps a record of unreferenced layer ${id}`);
  }
  for (const id of referenced) {
    if (!catalog.layers[id]) problems.push(`layer ${id} is referenced but has no record`);
    if (id >= catalog.nextLayerId) problems.push(`layer ${id} is not below nextLayerId ${catalog.nextLayerId}`);
  }
  problems.push(...checkChains(catalog), ...checkLayersOpen(store, referenced));
  return problems;
}

function checkChains(catalog: Readonly<Catalog>): string[] {
  const problems: string[] = [];
  const isFrozen = (id: number) => Boolean(catalog.layers[id]?.frozen);
  const template = catalog.template ?? [];
  const topOwners = new Map<number, string>();
  const check = (who: string, chain: number[], hasTop: boolean) => {
    if (chain.length === 0) return problems.push(`${who} has an empty chain`);
    if (new Set(chain).size !== chain.length) problems.push(`${who} holds a layer twice: ${chain.join(',')}`);
    if (template.some((id, index) => chain[index] !== id)) problems.push(`${who} does not stand on the template: ${chain.join(',')}`);
    const frozenPart = hasTop ? chain.slice(0, -1) : chain;
    for (const id of frozenPart) if (!isFrozen(id)) problems.push(`${who}: layer ${id} below the top is not frozen`);
    if (!hasTop) return;
    const top = chain[chain.length - 1]!;
    if (isFrozen(top)) problems.push(`${who}: its top ${top} is frozen`);
    const other = topOwners.get(top);
    if (other) problems.push(`${who} and ${other} share the writable top ${top}`);
    topOwners.set(top, who);
  };
  if (catalog.template) check('the template', catalog.template, false);
  for (const [name, record] of Object.entries(catalog.databases)) check(`database ${name}`, record.chain, true);
  for (const [name, record] of Object.entries(catalog.snapshots)) check(`snapshot ${name}`, record.chain, false);
  for (const [id, who] of topOwners) {
    const elsewhere = [...Object.values(catalog.snapshots).map((record) => record.chain), template].some((chain) => chain.includes(id));
    if (elsewhere) problems.push(`the writable top ${id} of ${who} is also in a frozen chain`);
  }
  return problems;
}

function checkLayersOpen(store: LayerStore, ids: Iterable<number>): string[] {
  const problems: string[] = [];
  for (const id of ids) {
    try {
      const [layer] = store.layersOf([id]);
      const frozen = store.snapshotOfCatalog.layers[id]?.frozen;
      if (frozen && layer!.bytes !== frozen.indexEnd)
        problems.push(`layer ${id} is ${layer!.bytes} bytes, its record says ${frozen.indexEnd}`);
    } catch (error) {
      problems.push(`layer ${id} does not open: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** Every database starts and answers a query. */
export async function checkDatabasesAnswer(engine: Pick<Engine, 'listDatabases' | 'query'>): Promise<string[]> {
  const problems: string[] = [];
  for (const { name } of await engine.listDatabases()) {
    try {
      const result = await engine.query(name, 'SELECT 1 AS alive');
      if (String(result.rows[0]?.[0]) !== '1') problems.push(`database ${name} answered ${JSON.stringify(result.rows)}`);
    } catch (error) {
      problems.push(`database ${name} does not answer: ${(error as Error).message}`);
    }
  }
  return problems;
}
