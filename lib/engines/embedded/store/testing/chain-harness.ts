import fs from 'node:fs';
import path from 'node:path';
import { ChainView } from '../chain-view';
import { type FrozenExtent, LayerFile } from '../layer-file';

/**
 * A chain of real layer files in a directory, driven the way the store drives them:
 * freeze the top and stack a new one, or close everything and reopen it from disk
 * (frozen layers from their index blocks, the top by scanning). No catalog: the extents
 * of frozen layers are kept here.
 */
export class ChainHarness {
  private layers: LayerFile[] = [];
  private readonly extents = new Map<number, FrozenExtent>();
  private nextId = 1;
  view: ChainView;

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    this.layers = [this.createLayer()];
    this.view = new ChainView(this.layers);
  }

  get depth(): number {
    return this.layers.length;
  }

  /** Snapshot-style: freeze the top, stack an empty writable layer, and let the live view follow. */
  freezeAndPush(): void {
    const top = this.layers[this.layers.length - 1]!;
    this.extents.set(top.id, top.freeze());
    const fresh = this.createLayer();
    this.layers = [...this.layers, fresh];
    this.view.pushTop(fresh);
  }

  /** As after a restart: every layer file closed and opened again, a new view built from them. */
  reopen(): void {
    for (const layer of this.layers) layer.close();
    this.layers = this.layers.map((layer) => LayerFile.open(layer.path, layer.id, this.extents.get(layer.id) ?? null));
    this.view = new ChainView(this.layers);
  }

  /** Bytes of all layer files on disk. */
  bytesOnDisk(): number {
    return this.layers.reduce((sum, layer) => sum + layer.bytes, 0);
  }

  close(): void {
    for (const layer of this.layers) layer.close();
  }

  private createLayer(): LayerFile {
    const id = this.nextId++;
    return LayerFile.create(path.join(this.dir, `${id}.layer`), id);
  }
}
