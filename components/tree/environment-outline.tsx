'use client';

import { useId, useMemo } from 'react';
import type { TreeNode } from '@/lib/domain/tree';
import { EnvironmentCard } from './environment-card';
import { toLayoutItem, type TreeLayoutItem } from './flow-model';
import { cn } from '@/lib/class-names';
import { CollapseToggle } from './collapse-toggle';
import { buildHierarchy, type TreeHierarchy } from './layout-tree';
import { SnapshotCard } from './snapshot-card';
import { useShownOnlyAsPath } from './tree-view-state';

/**
 * The tree as nested lists, in the canvas's order: the accessible view of the overview.
 * Each item is named by its environment or snapshot, so it can be found by that name; one
 * with children can be collapsed.
 */
export function EnvironmentOutline({ nodes }: { nodes: readonly TreeNode[] }) {
  const hierarchy = useMemo(() => buildHierarchy(nodes.map(toLayoutItem)), [nodes]);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-sm font-semibold text-slate-700">
        Environments and snapshots, as a list
      </h2>
      <ul className="space-y-3">
        {hierarchy.roots.map((item) => (
          <OutlineItem key={item.id} item={item} hierarchy={hierarchy} />
        ))}
      </ul>
    </section>
  );
}

function OutlineItem({ item, hierarchy }: { item: TreeLayoutItem; hierarchy: TreeHierarchy<TreeLayoutItem> }) {
  const nameId = useId();
  const cardClass = cn('max-w-xl', useShownOnlyAsPath(item.id) && 'opacity-60');
  const children = hierarchy.childrenOf(item.id);
  return (
    <li aria-labelledby={nameId}>
      {item.node.kind === 'environment' ? (
        <EnvironmentCard node={item.node} nameId={nameId} className={cardClass} />
      ) : (
        <SnapshotCard node={item.node} nameId={nameId} className={cardClass} />
      )}
      <CollapseToggle id={item.id} className="mt-2" />
      {children.length > 0 && (
        <ul className="mt-3 ml-4 space-y-3 border-l-2 border-slate-200 pl-4">
          {children.map((child) => (
            <OutlineItem key={child.id} item={child} hierarchy={hierarchy} />
          ))}
        </ul>
      )}
    </li>
  );
}
