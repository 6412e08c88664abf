'use client';

import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import type { SnapshotTreeNode } from '@/lib/domain/tree';
import { cn } from '@/lib/class-names';
import { CollapseToggle } from './collapse-toggle';
import { useShownOnlyAsPath } from './tree-view-state';
import { NODE_WIDTH, SNAPSHOT_NODE_HEIGHT } from './node-size';
import { SnapshotCard } from './snapshot-card';

export type SnapshotFlowNode = Node<{ node: SnapshotTreeNode }, 'snapshot'>;

const HANDLE_CLASS = '!size-2 !min-h-0 !min-w-0 !border-0 !bg-amber-500';

/** A snapshot on the canvas, between the database it was taken of and the clones made from it. */
export function SnapshotNode({ data }: NodeProps<SnapshotFlowNode>) {
  return (
    <div
      className={cn('relative', useShownOnlyAsPath(data.node.id) && 'opacity-60')}
      style={{ width: NODE_WIDTH, height: SNAPSHOT_NODE_HEIGHT }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className={HANDLE_CLASS} />
      <SnapshotCard node={data.node} className="h-full overflow-hidden" />
      <CollapseToggle id={data.node.id} className="absolute -top-3 right-3 z-10" />
      <Handle type="source" position={Position.Right} isConnectable={false} className={HANDLE_CLASS} />
    </div>
  );
}
