import type { LayerStore } from './store/layer-store';
import { reclaimSpace } from './store/reclaim';

const QUIET_DELAY_MS = 5_000;

/**
 * Space is given back without anyone asking: once the engine has been quiet for a moment (no
 * operation or query for QUIET_DELAY_MS, which also follows every idle stop), layers a drop
 * left held by the same chains are merged and layers that are mostly garbage are rewritten.
 * Drops themselves only remove the layers nothing else holds, so a drop frees exactly what it
 * was predicted to free (usage.ts); what maintenance gives back comes after.
 */
export class StoreMaintenance {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** Layers compaction appended to since maintenance last looked at them: they carry superseded pages. */
  private readonly mergedLayers = new Set<number>();

  constructor(
    private readonly store: LayerStore,
    private readonly isActive: (database: string) => boolean,
    /** Runs the pass in the engine's queue, after every store change queued before it. */
    private readonly inQueue: (pass: () => number) => Promise<number>,
  ) {}

  /** Something happened: the pass waits for another quiet moment. */
  postpone(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runNow().catch((error: unknown) => console.error('[clonedeck] reclaiming layer space failed:', error));
    }, QUIET_DELAY_MS);
    this.timer.unref();
  }

  /** The pass, now: merges what can be merged, then rewrites mostly-garbage layers; returns the bytes given back. */
  runNow(): Promise<number> {
    return this.inQueue(() => {
      const before = this.store.physicalBytes();
      // Every merge it can make, not only those a deep chain needs: layers that the same
      // chains hold are one layer's worth of data, and only merged can their overwritten pages go.
      this.compact(0);
      reclaimSpace(this.store, this.isActive, this.mergedLayers);
      // Layers a running database held were skipped: they get the same look next time.
      const databases = Object.entries(this.store.snapshotOfCatalog.databases);
      for (const id of this.mergedLayers) {
        if (!databases.some(([name, record]) => record.chain.includes(id) && this.isActive(name))) this.mergedLayers.delete(id);
      }
      return before - this.store.physicalBytes();
    });
  }

  /** Compacts chains deeper than `maxDepth`, remembering the layers merged into (see reclaim.ts). */
  compact(maxDepth: number): void {
    for (const id of this.store.compact(maxDepth).into) this.mergedLayers.add(id);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
