'use client';

import '@xyflow/react/dist/style.css';
import {
  Background,
  type FitViewOptions,
  MiniMap,
  type NodeTypes,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useReactFlow,
} from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { Button } from '@/components/ui/button';
import type { TreeNode } from '@/lib/domain/tree';
import { cn } from '@/lib/class-names';
import { EnvironmentNode } from './environment-node';
import { type OverviewFlowNode, toFlow } from './flow-model';
import { FocusableContext } from './overview-context';
import { SnapshotNode } from './snapshot-node';

const NODE_TYPES: NodeTypes = { environment: EnvironmentNode, snapshot: SnapshotNode };
const FIT_VIEW: FitViewOptions = { padding: 0.08, maxZoom: 1 };
const MIN_HEIGHT = 320;
const minimapColour = (node: OverviewFlowNode) => (node.type === 'environment' ? '#7dd3fc' : '#fcd34d');
const MAX_HEIGHT = 760;

export interface EnvironmentTreeProps {
  nodes: readonly TreeNode[];
  /** True while the outline shows the same tree: the canvas is then a picture only, for the eyes. */
  hiddenFromAssistiveTech: boolean;
  className?: string;
}

/**
 * The family tree drawn with React Flow: fit to view, zoomable, read-only, with a minimap to
 * find one's way on a large tree (only nodes in view are rendered).
 */
export function EnvironmentTree({ nodes, hiddenFromAssistiveTech, className }: EnvironmentTreeProps) {
  const flow = useMemo(() => toFlow(nodes), [nodes]);
  const signature = flow.nodes.map((node) => node.id).join(' ');
  const height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, flow.height + 48));

  return (
    <ReactFlowProvider>
      <div className={cn('space-y-2', className)}>
        <ZoomToolbar />
        <div
          aria-hidden={hiddenFromAssistiveTech || undefined}
          style={{ height }}
          className="overflow-hidden rounded-lg border border-slate-200 bg-white"
        >
          <FocusableContext value={!hiddenFromAssistiveTech}>
            <ReactFlow
              nodes={flow.nodes}
              edges={flow.edges}
              nodeTypes={NODE_TYPES}
              nodeOrigin={[0, 0.5]}
              fitView
              fitViewOptions={FIT_VIEW}
              minZoom={0.2}
              maxZoom={1.5}
              nodesDraggable={false}
              nodesConnectable={false}
              nodesFocusable={false}
              edgesFocusable={false}
              elementsSelectable={false}
              deleteKeyCode={null}
              zoomOnScroll={false}
              zoomOnDoubleClick={false}
              preventScrolling={false}
              proOptions={{ hideAttribution: true }}
              onlyRenderVisibleElements
            >
              <Background gap={24} color="#e2e8f0" />
              <MiniMap pannable zoomable ariaLabel="Tree minimap" nodeColor={minimapColour} nodeStrokeWidth={0} />
              <FitWhenNodesChange signature={signature} />
            </ReactFlow>
          </FocusableContext>
        </div>
      </div>
    </ReactFlowProvider>
  );
}

/** Fits the view again when nodes come or go (not on every poll, so a zoom the user chose stays). */
function FitWhenNodesChange({ signature }: { signature: string }) {
  const { fitView } = useReactFlow();
  const initialized = useNodesInitialized();
  useEffect(() => {
    if (initialized) void fitView(FIT_VIEW);
  }, [signature, initialized, fitView]);
  return null;
}

/** Zoom controls outside the canvas, so they stay reachable while the canvas is hidden from assistive technology. */
function ZoomToolbar() {
  const { zoomIn, zoomOut, fitView } = useReactFlow();
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <div role="group" aria-label="Tree zoom" className="flex gap-1.5">
        <Button variant="secondary" size="sm" onClick={() => void zoomIn()}>
          Zoom in
        </Button>
        <Button variant="secondary" size="sm" onClick={() => void zoomOut()}>
          Zoom out
        </Button>
        <Button variant="secondary" size="sm" onClick={() => void fitView(FIT_VIEW)}>
          Fit to view
        </Button>
      </div>
      <p className="ml-auto text-xs text-slate-500">
        Drag to pan; Ctrl + scroll to zoom. Drawn with{' '}
        <a href="https://reactflow.dev" className="underline underline-offset-2" target="_blank" rel="noreferrer">
          React Flow
        </a>
        .
      </p>
    </div>
  );
}
