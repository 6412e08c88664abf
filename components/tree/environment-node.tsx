'use client';

import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import type { EnvironmentTreeNode } from '@/lib/domain/tree';
import { EnvironmentCard } from './environment-card';
import { cn } from '@/lib/class-names';
import { CollapseToggle } from './collapse-toggle';
import { useShownOnlyAsPath } from './tree-view-state';
import { ENVIRONMENT_NODE_HEIGHT, NODE_WIDTH } from './node-size';

export type EnvironmentFlowNode = Node<{ node: EnvironmentTreeNode }, 'environment'>;

const HANDLE_CLASS = '!size-2 !min-h-0 !min-w-0 !border-0 !bg-slate-400';

/** An environment on the canvas: its card, with edge anchors left (parent) and right (children). */
export function EnvironmentNode({ data }: NodeProps<EnvironmentFlowNode>) {
  return (
    <div
      className={cn('relative', useShownOnlyAsPath(data.node.id) && 'opacity-60')}
      style={{ width: NODE_WIDTH, height: ENVIRONMENT_NODE_HEIGHT }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className={HANDLE_CLASS} />
      <EnvironmentCard node={data.node} className="h-full overflow-hidden" />
      <CollapseToggle id={data.node.id} className="absolute -top-3 right-3 z-10" />
      <Handle type="source" position={Position.Right} isConnectable={false} className={HANDLE_CLASS} />
    </div>
  );
}
