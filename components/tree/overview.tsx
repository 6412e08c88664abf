'use client';

import { type ReactNode, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import type { OverviewData } from '@/lib/domain/tree';
import { EnvironmentOutline } from './environment-outline';
import { EnvironmentTree } from './environment-tree';
import { OverviewContext, type OverviewSettings, useNow } from './overview-context';
import { BUSY_POLL_MS, IDLE_POLL_MS, useOverviewTreeQuery } from '@/components/environments/environment-queries';
import { TreeFilters } from './tree-filters';
import { teamsInTree } from './tree-view-model';
import { TreeViewContext, useTreeView } from './tree-view-state';
import { type OverviewView, ViewToggle } from './view-toggle';

/**
 * The live overview: the tree from the server's render, polled so provisioning clones turn
 * ready without a reload, drawn as a canvas and as an accessible outline.
 */
export function Overview({ initialData }: { initialData: OverviewData }) {
  const query = useOverviewTreeQuery(initialData);
  const { tree, expiryWarningHours } = query.data;
  const now = useNow(initialData.generatedAt);
  const [view, setView] = useState<OverviewView>('both');
  const treeView = useTreeView(tree.nodes);
  const settings = useMemo<OverviewSettings>(
    () => ({
      now,
      expiryWarningHours,
      maxOwnBytes: tree.maxOwnBytes,
      enginesWithoutDelta: tree.enginesWithoutDelta,
      canProvision: tree.canProvision,
    }),
    [now, expiryWarningHours, tree.maxOwnBytes, tree.enginesWithoutDelta, tree.canProvision],
  );

  return (
    <OverviewContext value={settings}>
      <TreeViewContext value={treeView.controls}>
        <div className="space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <ViewToggle view={view} onChange={setView} />
            <p className="text-xs text-slate-500">
              {tree.busy
                ? `An operation is in progress: refreshing every ${BUSY_POLL_MS / 1000} s.`
                : `Refreshes every ${IDLE_POLL_MS / 1000} s.`}
            </p>
          </div>
          {query.error && (
            <Alert tone="warning" title="The tree could not be refreshed.">
              {query.error.message} It shows what was last loaded.
            </Alert>
          )}
          {tree.enginesWithoutDelta.length > 0 && (
            <Alert tone="info">
              {tree.enginesWithoutDelta.join(', ')} {tree.enginesWithoutDelta.length === 1 ? 'does' : 'do'} not report how much each clone
              stores apart from its source, so environments there show their logical size only, never an estimated delta.
            </Alert>
          )}
          {tree.nodes.length === 0 ? (
            <EmptyTree>No environments you can see yet.</EmptyTree>
          ) : (
            <>
              <TreeFilters
                filter={treeView.filter}
                onChange={treeView.setFilter}
                teams={teamsInTree(tree.nodes)}
                matchCount={treeView.view.matchCount}
                total={treeView.view.total}
              />
              {treeView.shown.length === 0 ? (
                <EmptyTree>Nothing in the tree matches these filters.</EmptyTree>
              ) : (
                <>
                  {view !== 'list' && (
                    <EnvironmentTree
                      nodes={treeView.shown}
                      hiddenFromAssistiveTech={view === 'both'}
                      className={view === 'both' ? 'hidden md:block' : undefined}
                    />
                  )}
                  {view !== 'tree' && <EnvironmentOutline nodes={treeView.shown} />}
                </>
              )}
            </>
          )}
        </div>
      </TreeViewContext>
    </OverviewContext>
  );
}

function EmptyTree({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">{children}</p>
  );
}
