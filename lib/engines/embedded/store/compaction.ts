import type { Catalog } from './catalog';
import type { LayerFile } from './layer-file';
import { PAGE_SIZE } from './record-format';

/**
 * A pair of frozen layers that can become one: `child` sits right above `parent` in every
 * chain that holds `parent`, and no chain ends at `parent`. Merging copies only the child's
 * records into the parent, so shared data is never duplicated.
 */
export interface MergeCandidate {
  parent: number;
  child: number;
}

/** Layers form a tree (each layer was created on top of one chain); finds parents with one child. */
export function findMergeCandidates(catalog: Catalog): MergeCandidate[] {
  const chains = [
    ...(catalog.template ? [catalog.template] : []),
    ...Object.values(catalog.databases).map((database) => database.chain),
    ...Object.values(catalog.snapshots).map((snapshot) => snapshot.chain),
  ];
  const children = new Map<number, Set<number>>();
  const chainEnds = new Set<number>();
  for (const chain of chains) {
    chainEnds.add(chain[chain.length - 1]!);
    for (let position = 1; position < chain.length; position++) {
      const parent = chain[position - 1]!;
      let set = children.get(parent);
      if (!set) children.set(parent, (set = new Set()));
      set.add(chain[position]!);
    }
  }
  const frozen = (id: number) => Boolean(catalog.layers[id]?.frozen);
  const candidates: MergeCandidate[] = [];
  for (const [parent, set] of children) {
    const [child] = [...set];
    if (set.size === 1 && child !== undefined && !chainEnds.has(parent) && frozen(parent) && frozen(child)) {
      candidates.push({ parent, child });
    }
  }
  return candidates;
}

/** The depth of the deepest chain. */
export function deepestChain(catalog: Catalog): number {
  const lengths = [
    ...Object.values(catalog.databases).map((database) => database.chain.length),
    ...Object.values(catalog.snapshots).map((snapshot) => snapshot.chain.length),
  ];
  return lengths.length ? Math.max(...lengths) : 0;
}

/**
 * Appends the child's effect to the parent: truncations and sizes first (they hide the
 * parent's pages the child hid), then the child's pages, then its paths.
 */
export function appendChildInto(parent: LayerFile, child: LayerFile): void {
  parent.reopenForMerge();
  copyRecords(parent, child, () => true);
}

/**
 * Copies a layer's live records into `target`, keeping only files `keep` accepts: pages of
 * deleted files and overwritten records stay behind, which is how a layer sheds garbage.
 */
export function copyRecords(target: LayerFile, source: LayerFile, keep: (inode: number) => boolean): void {
  const index = source.index;
  for (const [inode, state] of index.inodes) {
    if (keep(inode)) target.appendInode(inode, state.size, Number.isFinite(state.lowerCutoff) ? state.lowerCutoff : -1, state.mode);
  }
  const page = Buffer.alloc(PAGE_SIZE);
  for (const [inode, pages] of index.pages) {
    if (!keep(inode)) continue;
    const size = index.inodes.get(inode)?.size ?? 0;
    for (const [pageNumber, offset] of pages) {
      source.readPayload(offset, page, 0, PAGE_SIZE);
      target.appendPage(inode, pageNumber, size, page);
    }
  }
  for (const [path, entry] of index.entries) target.appendEntry(path, entry.kind, entry.inode, entry.mode);
}

/** Replaces `[parent, child]` by `[parent]` in every chain of the catalog (in place). */
export function dropMergedChild(catalog: Catalog, candidate: MergeCandidate): void {
  const strip = (chain: number[]) => chain.filter((id) => id !== candidate.child);
  if (catalog.template) catalog.template = strip(catalog.template);
  for (const database of Object.values(catalog.databases)) database.chain = strip(database.chain);
  for (const snapshot of Object.values(catalog.snapshots)) snapshot.chain = strip(snapshot.chain);
  delete catalog.layers[candidate.child];
}
