'use client';

import { cn } from '@/lib/class-names';
import { useNodeTabIndex } from './overview-context';
import { nameOf } from './tree-view-model';
import { useTreeViewControls } from './tree-view-state';

/**
 * Collapses or expands the subtree under a node; says how many nodes a collapsed one hides.
 * Nothing for a node without children.
 */
export function CollapseToggle({ id, className }: { id: string; className?: string }) {
  const { byId, setCollapsed } = useTreeViewControls();
  const tabIndex = useNodeTabIndex();
  const item = byId.get(id);
  if (!item || item.childCount === 0) return null;
  const name = nameOf(item.node);
  return (
    <button
      type="button"
      aria-expanded={!item.collapsed}
      tabIndex={tabIndex}
      onClick={() => setCollapsed(id, !item.collapsed)}
      className={cn(
        'nodrag nopan inline-flex items-center gap-1 rounded-full bg-white px-2 py-0.5 text-xs font-medium text-slate-700 shadow-xs ring-1 ring-slate-300 ring-inset hover:bg-slate-50',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
        className,
      )}
    >
      <span aria-hidden="true">{item.collapsed ? '▸' : '▾'}</span>
      {item.collapsed ? 'Expand' : 'Collapse'}
      <span className="sr-only"> {name}</span>
      {item.collapsed && <span className="text-slate-500">· {item.hiddenCount} hidden</span>}
    </button>
  );
}
