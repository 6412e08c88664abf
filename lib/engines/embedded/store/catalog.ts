import fs from 'node:fs';
import path from 'node:path';
import type { SealedCredentials } from '../../front-door/environment-keys';
import type { FrozenExtent } from './layer-file';

export interface LayerRecord {
  createdAt: string;
  /** Set once frozen: where its records end and its index block ends. Null for a writable top. */
  frozen: FrozenExtent | null;
}

export interface DatabaseRecord {
  /** Layer ids, bottom → top; the last one is the database's writable top. */
  chain: number[];
  createdAt: string;
  origin?: { database: string; snapshot?: string };
  /** Its clients' passwords (sealed); made on first need, kept by reset and restore, new for a clone. */
  credentials?: SealedCredentials;
  /**
   * Being created from SQL. A create is all or nothing: a store opened with a record still
   * loading (its process died during the load) removes that database.
   */
  loading?: true;
}

export interface SnapshotRecord {
  database: string;
  /** Frozen layer ids, bottom → top. */
  chain: number[];
  createdAt: string;
}

/**
 * The store's catalog: every database, snapshot and layer. It is the single source of
 * truth; layer files it does not name are leftovers of an interrupted operation.
 */
export interface Catalog {
  format: 1;
  generation: number;
  nextLayerId: number;
  layers: Record<string, LayerRecord>;
  /** The initdb result every new database starts from; null until created. */
  template: number[] | null;
  databases: Record<string, DatabaseRecord>;
  snapshots: Record<string, SnapshotRecord>;
}

export const CATALOG_FILE = 'catalog.json';

export function emptyCatalog(): Catalog {
  return { format: 1, generation: 0, nextLayerId: 1, layers: {}, template: null, databases: {}, snapshots: {} };
}

export function readCatalog(storeDir: string): Catalog | null {
  const file = path.join(storeDir, CATALOG_FILE);
  if (!fs.existsSync(file)) return null;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Catalog;
  if (parsed.format !== 1) throw new Error(`unknown catalog format ${String(parsed.format)} in ${file}`);
  return parsed;
}

/**
 * Replaces the catalog atomically: write a temporary file, fsync it, rename it over the
 * old one, fsync the directory. A crash at any instant leaves the old or the new catalog.
 */
export function writeCatalog(storeDir: string, catalog: Catalog): void {
  const file = path.join(storeDir, CATALOG_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  const descriptor = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(descriptor, JSON.stringify(catalog));
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
  fs.renameSync(temporary, file);
  const directory = fs.openSync(storeDir, 'r');
  try {
    fs.fsyncSync(directory);
  } finally {
    fs.closeSync(directory);
  }
}

/** Every layer id some chain (database, snapshot, template) refers to. */
export function referencedLayers(catalog: Catalog): Set<number> {
  const ids = new Set<number>(catalog.template ?? []);
  for (const database of Object.values(catalog.databases)) for (const id of database.chain) ids.add(id);
  for (const snapshot of Object.values(catalog.snapshots)) for (const id of snapshot.chain) ids.add(id);
  return ids;
}

/** Who refers to each layer: "db:NAME", "snap:NAME", "template". */
export function layerReferrers(catalog: Catalog): Map<number, Set<string>> {
  const referrers = new Map<number, Set<string>>();
  const note = (id: number, who: string) => {
    let set = referrers.get(id);
    if (!set) referrers.set(id, (set = new Set()));
    set.add(who);
  };
  for (const id of catalog.template ?? []) note(id, 'template');
  for (const [name, database] of Object.entries(catalog.databases)) for (const id of database.chain) note(id, `db:${name}`);
  for (const [name, snapshot] of Object.entries(catalog.snapshots)) for (const id of snapshot.chain) note(id, `snap:${name}`);
  return referrers;
}
