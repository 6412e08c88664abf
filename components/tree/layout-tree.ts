/** What the layout needs to know about a node: where it hangs and how it sorts among siblings. */
export interface LayoutItem {
  id: string;
  parentId: string | null;
  /** Production sorts before everything else at its level. */
  isProduction: boolean;
  /** ISO time; siblings are ordered by it (oldest first). */
  createdAt: string;
}

export interface TreeHierarchy<T extends LayoutItem> {
  roots: T[];
  childrenOf(id: string): T[];
}

export interface LayoutOptions<T extends LayoutItem> {
  /** Horizontal distance between depths. */
  columnWidth: number;
  /** Vertical space between neighbouring subtrees. */
  rowGap: number;
  /** A node's height as drawn. */
  heightOf(item: T): number;
}

/** The left edge (x) and the vertical centre (y) of a node. */
export interface NodePosition {
  x: number;
  y: number;
  depth: number;
}

function compareSiblings(a: LayoutItem, b: LayoutItem): number {
  if (a.isProduction !== b.isProduction) return a.isProduction ? -1 : 1;
  const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Parent/child lists from `parentId`, in a stable order (production first, then oldest
 * first). A node whose parent is not in the set is a root; nodes caught in a cycle (which
 * the data should never hold) become roots rather than disappearing.
 */
export function buildHierarchy<T extends LayoutItem>(items: readonly T[]): TreeHierarchy<T> {
  const ids = new Set(items.map((item) => item.id));
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const item of items) {
    if (item.parentId !== null && item.parentId !== item.id && ids.has(item.parentId)) {
      children.set(item.parentId, [...(children.get(item.parentId) ?? []), item]);
    } else {
      roots.push(item);
    }
  }
  for (const list of children.values()) list.sort(compareSiblings);
  const reached = new Set<string>();
  const visit = (item: T) => {
    if (reached.has(item.id)) return;
    reached.add(item.id);
    for (const child of children.get(item.id) ?? []) visit(child);
  };
  roots.forEach(visit);
  for (const item of [...items].sort(compareSiblings)) {
    if (reached.has(item.id)) continue;
    children.set(
      item.parentId ?? '',
      (children.get(item.parentId ?? '') ?? []).filter((child) => child.id !== item.id),
    );
    roots.push(item);
    visit(item);
  }
  roots.sort(compareSiblings);
  return { roots, childrenOf: (id) => children.get(id) ?? [] };
}

/**
 * Positions for a left-to-right tree: x by depth, y by leaf order, each parent centred
 * over its children. A subtree takes the height of its children or of its own node,
 * whichever is taller, so neighbouring subtrees never overlap.
 */
export function layoutTree<T extends LayoutItem>(items: readonly T[], options: LayoutOptions<T>): Map<string, NodePosition> {
  const { roots, childrenOf } = buildHierarchy(items);
  const spans = new Map<string, number>();
  const spanOf = (item: T): number => {
    const known = spans.get(item.id);
    if (known !== undefined) return known;
    const span = Math.max(options.heightOf(item), stackHeight(childrenOf(item.id), spanOf, options.rowGap));
    spans.set(item.id, span);
    return span;
  };
  const positions = new Map<string, NodePosition>();
  const place = (item: T, top: number, depth: number): number => {
    const span = spanOf(item);
    const children = childrenOf(item.id);
    let cursor = top + (span - stackHeight(children, spanOf, options.rowGap)) / 2;
    for (const child of children) cursor = place(child, cursor, depth + 1) + options.rowGap;
    const half = options.heightOf(item) / 2;
    const centre = children.length > 0 ? (positions.get(children[0]!.id)!.y + positions.get(children.at(-1)!.id)!.y) / 2 : top + span / 2;
    positions.set(item.id, { x: depth * options.columnWidth, y: clamp(centre, top + half, top + span - half), depth });
    return top + span;
  };
  let cursor = 0;
  for (const root of roots) cursor = place(root, cursor, 0) + options.rowGap;
  return positions;
}

function stackHeight<T>(items: readonly T[], spanOf: (item: T) => number, gap: number): number {
  if (items.length === 0) return 0;
  return items.reduce((total, item) => total + spanOf(item), 0) + gap * (items.length - 1);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
