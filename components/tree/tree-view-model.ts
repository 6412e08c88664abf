import type { EnvironmentStatus } from '@/lib/domain/environments/status';
import type { TreeNode } from '@/lib/domain/tree';

/** What the overview's toolbar narrows the tree to. Empty values mean "any". */
export interface TreeFilter {
  /** Part of a name, any case. */
  query: string;
  teamId: string;
  status: EnvironmentStatus | '';
}

export const NO_FILTER: TreeFilter = { query: '', teamId: '', status: '' };

/** A node with more descendants than this starts collapsed (roots never do: production stays open). */
export const COLLAPSE_ABOVE_DESCENDANTS = 10;

/** One node as the overview shows it. */
export interface TreeViewNode {
  node: TreeNode;
  /** Its children are hidden (by the viewer, or by default for a large subtree). */
  collapsed: boolean;
  /** Children it has under the current filter (what collapsing hides or expanding shows). */
  childCount: number;
  /** Nodes under it that collapsing hides right now. */
  hiddenCount: number;
  /** It matches the filter itself (false: it is shown only as the path to a match). */
  match: boolean;
}

export interface TreeView {
  /** The nodes to draw, each still naming its parent: a subset closed under "parent of". */
  nodes: TreeViewNode[];
  /** Nodes that match the filter, collapsed or not. */
  matchCount: number;
  total: number;
}

export const nameOf = (node: TreeNode) => (node.kind === 'environment' ? node.environment.name : node.snapshot.name);
const teamOf = (node: TreeNode) => (node.kind === 'environment' ? (node.environment.team?.id ?? null) : node.snapshot.teamId);

export function isFiltering(filter: TreeFilter): boolean {
  return filter.query.trim() !== '' || filter.teamId !== '' || filter.status !== '';
}

/** Whether a node matches every criterion set. A snapshot has no status: it never matches a status filter. */
export function matchesFilter(node: TreeNode, filter: TreeFilter): boolean {
  const query = filter.query.trim().toLowerCase();
  if (query && !nameOf(node).toLowerCase().includes(query)) return false;
  if (filter.teamId && teamOf(node) !== filter.teamId) return false;
  if (filter.status && (node.kind !== 'environment' || node.environment.status !== filter.status)) return false;
  return true;
}

/** Children lists by parent id; a node whose parent is not among `nodes` counts as a root. */
function childrenIndex(nodes: readonly TreeNode[]): { roots: TreeNode[]; childrenOf: Map<string, TreeNode[]> } {
  const ids = new Set(nodes.map((node) => node.id));
  const childrenOf = new Map<string, TreeNode[]>();
  const roots: TreeNode[] = [];
  for (const node of nodes) {
    if (node.parentId === null || node.parentId === node.id || !ids.has(node.parentId)) roots.push(node);
    else childrenOf.set(node.parentId, [...(childrenOf.get(node.parentId) ?? []), node]);
  }
  return { roots, childrenOf };
}

/** The ids of the matching nodes and of every ancestor on their way to a root. */
function keptByFilter(nodes: readonly TreeNode[], filter: TreeFilter): { kept: Set<string>; matches: Set<string> } {
  const matches = new Set(nodes.filter((node) => matchesFilter(node, filter)).map((node) => node.id));
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const kept = new Set<string>();
  for (const id of matches) {
    let current = byId.get(id);
    while (current && !kept.has(current.id)) {
      kept.add(current.id);
      current = current.parentId === null ? undefined : byId.get(current.parentId);
    }
  }
  return { kept, matches };
}

/**
 * What the overview draws for a filter and the viewer's collapse choices (`overrides`: id →
 * collapsed). Filtering keeps the matches and the path from each up to its root; while a
 * filter is set, nodes are expanded unless the viewer collapsed them, so every match shows.
 * Without one, a non-root node with more than `COLLAPSE_ABOVE_DESCENDANTS` descendants starts
 * collapsed. A node under a collapsed one is not drawn.
 */
export function buildTreeView(nodes: readonly TreeNode[], filter: TreeFilter, overrides: ReadonlyMap<string, boolean>): TreeView {
  const filtering = isFiltering(filter);
  const { kept, matches } = keptByFilter(nodes, filter);
  const { roots, childrenOf } = childrenIndex(nodes.filter((node) => kept.has(node.id)));
  const descendants = new Map<string, number>();
  const countDescendants = (node: TreeNode): number => {
    const known = descendants.get(node.id);
    if (known !== undefined) return known;
    const count = (childrenOf.get(node.id) ?? []).reduce((total, child) => total + 1 + countDescendants(child), 0);
    descendants.set(node.id, count);
    return count;
  };
  const shown: TreeViewNode[] = [];
  const visit = (node: TreeNode, isRoot: boolean, seen: Set<string>) => {
    if (seen.has(node.id)) return;
    seen.add(node.id);
    const children = childrenOf.get(node.id) ?? [];
    const below = countDescendants(node);
    const byDefault = !filtering && !isRoot && below > COLLAPSE_ABOVE_DESCENDANTS;
    const collapsed = children.length > 0 && (overrides.get(node.id) ?? byDefault);
    shown.push({ node, collapsed, childCount: children.length, hiddenCount: collapsed ? below : 0, match: matches.has(node.id) });
    if (!collapsed) for (const child of children) visit(child, false, seen);
  };
  const seen = new Set<string>();
  for (const root of roots) visit(root, true, seen);
  return { nodes: shown, matchCount: matches.size, total: nodes.length };
}

/** The teams that own something in the tree, for the team filter, by name. */
export function teamsInTree(nodes: readonly TreeNode[]): Array<{ id: string; name: string }> {
  const teams = new Map<string, string>();
  for (const node of nodes) {
    if (node.kind === 'environment' && node.environment.team) teams.set(node.environment.team.id, node.environment.team.displayName);
  }
  return [...teams].map(([id, name]) => ({ id, name })).sort((left, right) => left.name.localeCompare(right.name));
}
