import type { Edge } from '@xyflow/react';
import type { TreeNode } from '@/lib/domain/tree';
import type { EnvironmentFlowNode } from './environment-node';
import { type LayoutItem, layoutTree } from './layout-tree';
import { COLUMN_WIDTH, ENVIRONMENT_NODE_HEIGHT, NODE_WIDTH, ROW_GAP, SNAPSHOT_NODE_HEIGHT } from './node-size';
import type { SnapshotFlowNode } from './snapshot-node';

export type OverviewFlowNode = EnvironmentFlowNode | SnapshotFlowNode;

export type TreeLayoutItem = LayoutItem & { node: TreeNode };

/** A tree node as the layout sees it: production first, then by creation time. */
export function toLayoutItem(node: TreeNode): TreeLayoutItem {
  const isProduction = node.kind === 'environment' && node.environment.isProduction;
  const createdAt = node.kind === 'environment' ? node.environment.createdAt : node.snapshot.createdAt;
  return { id: node.id, parentId: node.parentId, isProduction, createdAt, node };
}

const heightOf = (item: TreeLayoutItem) => (item.node.kind === 'environment' ? ENVIRONMENT_NODE_HEIGHT : SNAPSHOT_NODE_HEIGHT);

/** Height of the drawn tree, from the top of the highest node to the bottom of the lowest. */
function contentHeight(items: readonly TreeLayoutItem[], positions: ReturnType<typeof layoutTree>): number {
  if (items.length === 0) return 0;
  const tops = items.map((item) => (positions.get(item.id)?.y ?? 0) - heightOf(item) / 2);
  const bottoms = items.map((item) => (positions.get(item.id)?.y ?? 0) + heightOf(item) / 2);
  return Math.max(...bottoms) - Math.min(...tops);
}

const EDGE_COLOUR = { environment: '#0284c7', snapshot: '#d97706' } as const;

/**
 * The canvas for a tree: nodes placed by `layoutTree` (positions are left edge and vertical
 * centre; the canvas uses node origin [0, 0.5]) and parent → child edges, animated while
 * the child is still being provisioned.
 */
export function toFlow(treeNodes: readonly TreeNode[]): { nodes: OverviewFlowNode[]; edges: Edge[]; height: number } {
  const items = treeNodes.map(toLayoutItem);
  const positions = layoutTree(items, { columnWidth: COLUMN_WIDTH, rowGap: ROW_GAP, heightOf });
  const ids = new Set(treeNodes.map((node) => node.id));
  const nodes = treeNodes.map((node): OverviewFlowNode => {
    const { x, y } = positions.get(node.id) ?? { x: 0, y: 0 };
    // Fixed sizes, so the minimap and the in-view culling know them before the nodes are measured.
    return node.kind === 'environment'
      ? { id: node.id, type: 'environment', position: { x, y }, width: NODE_WIDTH, height: ENVIRONMENT_NODE_HEIGHT, data: { node } }
      : { id: node.id, type: 'snapshot', position: { x, y }, width: NODE_WIDTH, height: SNAPSHOT_NODE_HEIGHT, data: { node } };
  });
  const edges = treeNodes.flatMap((node): Edge[] => {
    if (node.parentId === null || !ids.has(node.parentId) || node.parentId === node.id) return [];
    const provisioning = node.kind === 'environment' && node.environment.status === 'provisioning';
    return [
      {
        id: `${node.parentId}->${node.id}`,
        source: node.parentId,
        target: node.id,
        type: 'smoothstep',
        animated: provisioning,
        style: { stroke: EDGE_COLOUR[node.kind], strokeWidth: 2 },
      },
    ];
  });
  return { nodes, edges, height: contentHeight(items, positions) };
}
