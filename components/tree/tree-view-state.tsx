'use client';

import { createContext, useCallback, useContext, useDeferredValue, useMemo, useState } from 'react';
import type { TreeNode } from '@/lib/domain/tree';
import { buildTreeView, NO_FILTER, type TreeFilter, type TreeView, type TreeViewNode } from './tree-view-model';

/** What a node needs to draw its collapse control: its place in the current view, and how to toggle it. */
export interface TreeViewControls {
  byId: ReadonlyMap<string, TreeViewNode>;
  setCollapsed(id: string, collapsed: boolean): void;
}

export const TreeViewContext = createContext<TreeViewControls | null>(null);

export function useTreeViewControls(): TreeViewControls {
  const controls = useContext(TreeViewContext);
  if (!controls) throw new Error('useTreeViewControls needs a TreeViewContext provider.');
  return controls;
}

/**
 * The overview's filter and the viewer's collapse choices, and the view they make of the
 * tree. The filter is applied deferred, so typing stays responsive on a tree of hundreds.
 */
export function useTreeView(nodes: readonly TreeNode[]) {
  const [filter, setFilter] = useState<TreeFilter>(NO_FILTER);
  const [overrides, setOverrides] = useState<ReadonlyMap<string, boolean>>(() => new Map());
  const appliedFilter = useDeferredValue(filter);
  const view: TreeView = useMemo(() => buildTreeView(nodes, appliedFilter, overrides), [nodes, appliedFilter, overrides]);
  const setCollapsed = useCallback(
    (id: string, collapsed: boolean) => setOverrides((previous) => new Map(previous).set(id, collapsed)),
    [],
  );
  const controls = useMemo<TreeViewControls>(
    () => ({ byId: new Map(view.nodes.map((item) => [item.node.id, item])), setCollapsed }),
    [view, setCollapsed],
  );
  const shown = useMemo(() => view.nodes.map((item) => item.node), [view]);
  return { filter, setFilter, view, shown, controls };
}

/** True for a node drawn only as the way to a match of the filter (drawn faded). */
export function useShownOnlyAsPath(id: string): boolean {
  const item = useTreeViewControls().byId.get(id);
  return item !== undefined && !item.match;
}
