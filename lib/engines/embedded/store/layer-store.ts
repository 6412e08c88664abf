import fs from 'node:fs';
import path from 'node:path';
import { conflict, notFound } from '@/lib/errors';
import { type Catalog, CATALOG_FILE, type DatabaseRecord, emptyCatalog, readCatalog, referencedLayers, writeCatalog } from './catalog';
import { ChainView } from './chain-view';
import { appendChildInto, deepestChain, dropMergedChild, findMergeCandidates } from './compaction';
import { type FrozenExtent, LayerFile } from './layer-file';
import { StoreLock } from './lock';

export const LAYER_DIR = 'layers';
export const layerFileName = (id: number) => `${id}.layer`;

/** Told when a database's chain changed, so a running instance can follow. */
export type ChainListener = (database: string, layers: LayerFile[], change: 'new-top' | 'compacted') => void;

/**
 * The copy-on-write store: layer files plus the catalog naming them. Every change is
 * computed on a copy of the catalog and made visible by one atomic catalog write; layer
 * files are created before that write and deleted after it (or once no running worker
 * holds them), so a crash leaves at worst unreferenced files, which the next open removes.
 */
export class LayerStore {
  private readonly layers = new Map<number, LayerFile>();
  /** Tops that a database's worker thread writes: this side only reads them, and never cuts them. */
  private readonly lent = new Set<number>();
  /** Layers running workers read or are about to open, with how many hold each (`holdLayers`). */
  private readonly held = new Map<number, number>();
  private closed = false;
  onChainChange: ChainListener = () => {};

  private constructor(
    readonly dir: string,
    private catalog: Catalog,
    private readonly lock: StoreLock,
  ) {}

  static open(dir: string): LayerStore {
    // Owner-only whatever the umask: the layers hold every database's pages.
    fs.mkdirSync(path.join(dir, LAYER_DIR), { recursive: true, mode: 0o700 });
    const lock = StoreLock.acquire(dir);
    try {
      const catalog = readCatalog(dir) ?? emptyCatalog();
      const store = new LayerStore(dir, catalog, lock);
      store.recover();
      return store;
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  get snapshotOfCatalog(): Readonly<Catalog> {
    return this.catalog;
  }

  hasTemplate(): boolean {
    return this.catalog.template !== null;
  }

  database(name: string): DatabaseRecord {
    const record = this.catalog.databases[name];
    if (!record) throw notFound(`Database "${name}" does not exist.`);
    return record;
  }

  layersOf(chain: readonly number[]): LayerFile[] {
    return chain.map((id) => this.layer(id));
  }

  /** Creates an empty writable layer file (not yet referenced by the catalog). */
  newLayer(next: Catalog): LayerFile {
    const id = next.nextLayerId++;
    const file = LayerFile.create(this.layerPath(id), id);
    next.layers[id] = { createdAt: new Date().toISOString(), frozen: null };
    this.layers.set(id, file);
    return file;
  }

  /**
   * A writable layer file the catalog does not know yet (the template while initdb runs);
   * the caller's next commit enters it with `adoptLayer`, or a crash leaves it for cleanup.
   */
  createLooseLayer(): LayerFile {
    const id = this.catalog.nextLayerId;
    const file = LayerFile.create(this.layerPath(id), id);
    this.layers.set(id, file);
    return file;
  }

  /** A loose layer that will not be used after all (its writer had nothing to freeze). */
  discardLooseLayer(id: number): void {
    this.lent.delete(id);
    if (!this.catalog.layers[id]) this.discardLayer(id);
  }

  frozenExtentOf(id: number): FrozenExtent | null {
    const record = this.catalog.layers[id];
    if (!record) throw new Error(`catalog names no layer ${id}`);
    return record.frozen;
  }

  adoptLayer(next: Catalog, layer: LayerFile, frozen: FrozenExtent | null): void {
    next.nextLayerId = Math.max(next.nextLayerId, layer.id + 1);
    next.layers[layer.id] = { createdAt: new Date().toISOString(), frozen };
  }

  /**
   * Runs `change` on a copy of the catalog and commits it atomically. `undo` reverses
   * in-memory effects on layer files if the commit fails. Afterwards deletes layer files
   * nothing refers to any more and returns how many bytes that freed.
   */
  commit(change: (next: Catalog) => void, undo?: () => void): number {
    this.assertOpen();
    const next = structuredClone(this.catalog);
    const layerCount = next.nextLayerId;
    try {
      change(next);
      const referenced = referencedLayers(next);
      for (const id of Object.keys(next.layers).map(Number)) if (!referenced.has(id)) delete next.layers[id];
      next.generation++;
      writeCatalog(this.dir, next);
    } catch (error) {
      undo?.();
      for (let id = layerCount; id < next.nextLayerId; id++) this.discardLayer(id);
      throw error;
    }
    this.catalog = next;
    return this.collectGarbage();
  }

  /**
   * Freezes a database's top so its current state can be shared: returns the frozen chain.
   * An empty top is not frozen (nothing to share): the chain below it is returned as is.
   */
  freezeTop(next: Catalog, database: string, undoList: Array<() => void>): number[] {
    const record = next.databases[database];
    if (!record) throw notFound(`Database "${database}" does not exist.`);
    const topId = record.chain[record.chain.length - 1]!;
    if (this.lent.has(topId)) throw new Error(`the top of ${database} is written by its worker: it freezes it`);
    const top = this.layer(topId);
    if (top.index.isEmpty && record.chain.length > 1) return record.chain.slice(0, -1);
    const reachable = new Set(new ChainView(this.layersOf(record.chain)).files().map(([, entry]) => entry.inode));
    const extent = top.freeze((inode) => reachable.has(inode));
    undoList.push(() => top.unfreeze(extent));
    next.layers[topId] = { ...next.layers[topId]!, frozen: extent };
    const frozenChain = [...record.chain];
    record.chain = [...frozenChain, this.newLayer(next).id];
    return frozenChain;
  }

  /** Tells listeners about new tops after a commit (called by operations that froze tops). */
  announceNewTop(database: string): void {
    const record = this.catalog.databases[database];
    if (record) this.onChainChange(database, this.layersOf(record.chain), 'new-top');
  }

  /**
   * Hands a top layer to the thread that will write it (a database's worker). Until it is
   * given back, the store reads the layer as a follower and never writes or cuts it.
   */
  lendLayer(id: number): void {
    this.lent.add(id);
    this.reloadLayer(id);
  }

  /** The writer is gone (stopped, or terminated mid-write): read the layer afresh from disk. */
  takeBackLayer(id: number): void {
    this.lent.delete(id);
    this.reloadLayer(id);
  }

  /**
   * Keeps layer files that a running worker reads, or is about to be told to open: a commit
   * that leaves them out of the catalog (a compaction, a reclaim, a drop) deletes them only
   * once `releaseLayers` says the last holder moved off them. Workers open layers by path at
   * their own pace, so a file removed in between would stop them.
   */
  holdLayers(ids: Iterable<number>): void {
    for (const id of ids) this.held.set(id, (this.held.get(id) ?? 0) + 1);
  }

  /** The holder no longer reads these layers: those the catalog dropped meanwhile go now. Returns the bytes freed. */
  releaseLayers(ids: Iterable<number>): number {
    const referenced = referencedLayers(this.catalog);
    let freed = 0;
    for (const id of ids) {
      const holders = this.held.get(id);
      if (holders === undefined) continue;
      if (holders > 1) {
        this.held.set(id, holders - 1);
        continue;
      }
      this.held.delete(id);
      // After close another process may own the store: its files are no longer ours to delete.
      if (!this.closed && !referenced.has(id) && !this.lent.has(id)) freed += this.discardLayer(id);
    }
    return freed;
  }

  /**
   * Records a freeze that the top's writer made (a running database): the top becomes frozen
   * with `extent` and `newTop` (a loose layer, already lent to the writer) takes its place.
   */
  recordFrozenTop(next: Catalog, database: string, extent: FrozenExtent, newTop: number): number[] {
    const record = next.databases[database];
    if (!record) throw notFound(`Database "${database}" does not exist.`);
    const topId = record.chain[record.chain.length - 1]!;
    next.layers[topId] = { ...next.layers[topId]!, frozen: extent };
    next.nextLayerId = Math.max(next.nextLayerId, newTop + 1);
    next.layers[newTop] = { createdAt: new Date().toISOString(), frozen: null };
    const frozenChain = [...record.chain];
    record.chain = [...frozenChain, newTop];
    return frozenChain;
  }

  assertNameFree(next: Readonly<Catalog>, kind: 'database' | 'snapshot', name: string): void {
    const taken = kind === 'database' ? next.databases[name] : next.snapshots[name];
    if (taken) throw conflict(`A ${kind} named "${name}" already exists.`);
  }

  /** Bytes of every layer file plus the catalog: what the store really occupies. */
  physicalBytes(): number {
    let total = fs.statSync(path.join(this.dir, CATALOG_FILE), { throwIfNoEntry: false })?.size ?? 0;
    for (const id of referencedLayers(this.catalog)) total += this.layer(id).bytes;
    return total;
  }

  layerBytes(id: number): number {
    return this.layer(id).bytes;
  }

  /**
   * Merges layers while some chain is deeper than `maxDepth`, only where a parent has a
   * single child and no chain ends at it: data shared between chains is never copied.
   * `into` names the layers merged into: the child's pages supersede some of theirs.
   */
  compact(maxDepth: number): { merged: number; into: Set<number> } {
    let merged = 0;
    const into = new Set<number>();
    while (deepestChain(this.catalog) > maxDepth) {
      const candidate = findMergeCandidates(this.catalog).sort(
        (left, right) => this.layer(left.child).bytes - this.layer(right.child).bytes,
      )[0];
      if (!candidate) break;
      const parent = this.layer(candidate.parent);
      appendChildInto(parent, this.layer(candidate.child));
      const extent = parent.freeze();
      this.commit(
        (next) => {
          next.layers[candidate.parent] = { ...next.layers[candidate.parent]!, frozen: extent };
          dropMergedChild(next, candidate);
        },
        () => this.reloadLayer(candidate.parent),
      );
      merged++;
      into.add(candidate.parent);
      for (const [name, record] of Object.entries(this.catalog.databases)) {
        if (record.chain.includes(candidate.parent)) this.onChainChange(name, this.layersOf(record.chain), 'compacted');
      }
    }
    return { merged, into };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const layer of this.layers.values()) layer.close();
    this.layers.clear();
    this.lock.release();
  }

  private layer(id: number): LayerFile {
    let layer = this.layers.get(id);
    if (layer && this.lent.has(id)) layer.catchUp();
    if (!layer) {
      const record = this.catalog.layers[id];
      if (!record) throw new Error(`catalog names no layer ${id}`);
      const open = this.lent.has(id) ? LayerFile.openReader : LayerFile.open;
      layer = open(this.layerPath(id), id, record.frozen);
      this.layers.set(id, layer);
    }
    return layer;
  }

  private reloadLayer(id: number): void {
    this.layers.get(id)?.close();
    this.layers.delete(id);
  }

  layerPath(id: number): string {
    return path.join(this.dir, LAYER_DIR, layerFileName(id));
  }

  /** After a crash: remove layer files and records nothing refers to; check the rest exist. */
  private recover(): void {
    const referenced = referencedLayers(this.catalog);
    for (const id of referenced) {
      if (!fs.existsSync(this.layerPath(id))) throw new Error(`store damaged: layer ${id} is missing from ${this.dir}`);
    }
    if (Object.keys(this.catalog.layers).some((id) => !referenced.has(Number(id)))) this.commit(() => {});
    this.collectGarbage();
    for (const file of fs.readdirSync(this.dir)) {
      if (file.startsWith(`${CATALOG_FILE}.`) && file.endsWith('.tmp')) fs.rmSync(path.join(this.dir, file), { force: true });
    }
  }

  /**
   * Deletes layer files the catalog does not reference, except those a worker holds or writes
   * (a loose new top before its commit); returns the bytes freed.
   */
  private collectGarbage(): number {
    const referenced = referencedLayers(this.catalog);
    let freed = 0;
    for (const file of fs.readdirSync(path.join(this.dir, LAYER_DIR))) {
      const id = Number.parseInt(file, 10);
      if (file !== layerFileName(id) || referenced.has(id) || this.held.has(id) || this.lent.has(id)) continue;
      freed += this.discardLayer(id);
    }
    return freed;
  }

  private discardLayer(id: number): number {
    this.layers.get(id)?.close();
    this.layers.delete(id);
    const file = this.layerPath(id);
    const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    fs.rmSync(file, { force: true });
    return size;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the store is closed');
  }
}
