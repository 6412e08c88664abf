import { describe, expect, it } from 'vitest';
import type { TreeNode } from '@/lib/domain/tree';
import { buildTreeView, COLLAPSE_ABOVE_DESCENDANTS, NO_FILTER, teamsInTree, type TreeFilter } from './tree-view-model';
import { environment, snapshot } from './tree-test-nodes';

const QA = { id: 'team-qa', name: 'qa', displayName: 'QA' };
const DEV = { id: 'team-dev', name: 'dev', displayName: 'Dev' };

// production → daily (snapshot) → qa_from_daily; production → qa_clone → qa_nested (failed); production → dev_clone
const NODES: TreeNode[] = [
  environment('production', null, 0, { isProduction: true }),
  snapshot('daily', 'env:production', 1),
  environment('qa_from_daily', 'snap:daily', 2, { team: QA }),
  environment('qa_clone', 'env:production', 3, { team: QA }),
  environment('qa_nested', 'env:qa_clone', 4, { team: QA, status: 'failed' }),
  environment('dev_clone', 'env:production', 5, { team: DEV }),
];

const names = (nodes: TreeNode[], filter: Partial<TreeFilter> = {}, overrides = new Map<string, boolean>()) =>
  buildTreeView(nodes, { ...NO_FILTER, ...filter }, overrides).nodes.map((item) => item.node.id.replace(/^\w+:/, ''));

describe('buildTreeView: filtering', () => {
  it('shows everything without a filter, parents before children', () => {
    expect(names(NODES)).toEqual(['production', 'daily', 'qa_from_daily', 'qa_clone', 'qa_nested', 'dev_clone']);
  });

  it('keeps the matches of a name search and the path to each, in any case', () => {
    expect(names(NODES, { query: '  NESTED ' })).toEqual(['production', 'qa_clone', 'qa_nested']);
    const view = buildTreeView(NODES, { ...NO_FILTER, query: 'nested' }, new Map());
    expect(view.matchCount).toBe(1);
    expect(view.nodes.map((item) => item.match)).toEqual([false, false, true]);
  });

  it('narrows by team and by status, together', () => {
    expect(names(NODES, { teamId: DEV.id })).toEqual(['production', 'dev_clone']);
    expect(names(NODES, { teamId: QA.id })).toEqual(['production', 'daily', 'qa_from_daily', 'qa_clone', 'qa_nested']);
    expect(names(NODES, { status: 'failed' })).toEqual(['production', 'qa_clone', 'qa_nested']);
    expect(names(NODES, { teamId: DEV.id, status: 'failed' })).toEqual([]);
  });

  it('keeps a dropped snapshot on the way to a matching clone', () => {
    const nodes = [...NODES, environment('rerun', 'snap:gone', 6, { team: QA })];
    nodes.push({ ...snapshot('gone', 'env:production', 5), dropped: { databaseLive: false } } as TreeNode);
    expect(names(nodes, { query: 'rerun' })).toEqual(['production', 'gone', 'rerun']);
  });

  it('never matches a snapshot on a status', () => {
    expect(names(NODES, { query: 'daily', status: 'ready' })).toEqual(['production', 'daily', 'qa_from_daily']);
  });
});

describe('buildTreeView: collapsing', () => {
  it('hides a collapsed node’s subtree and counts what it hides', () => {
    const view = buildTreeView(NODES, NO_FILTER, new Map([['env:qa_clone', true]]));
    expect(view.nodes.map((item) => item.node.id)).not.toContain('env:qa_nested');
    expect(view.nodes.find((item) => item.node.id === 'env:qa_clone')).toMatchObject({ collapsed: true, childCount: 1, hiddenCount: 1 });
    expect(view.nodes.find((item) => item.node.id === 'env:production')).toMatchObject({ collapsed: false, hiddenCount: 0 });
  });

  it('collapses a large subtree by default, never a root, and expands it on request', () => {
    const big = Array.from({ length: COLLAPSE_ABOVE_DESCENDANTS + 1 }, (_, index) =>
      environment(`leaf_${index}`, 'env:qa_clone', 10 + index, { team: QA }),
    );
    const nodes = [...NODES, ...big];
    const collapsedByDefault = buildTreeView(nodes, NO_FILTER, new Map());
    expect(collapsedByDefault.nodes.find((item) => item.node.id === 'env:qa_clone')).toMatchObject({
      collapsed: true,
      hiddenCount: COLLAPSE_ABOVE_DESCENDANTS + 2,
    });
    expect(collapsedByDefault.nodes.find((item) => item.node.id === 'env:production')?.collapsed).toBe(false);
    expect(names(nodes, {}, new Map([['env:qa_clone', false]]))).toContain('leaf_0');
  });

  it('opens default-collapsed subtrees while filtering, so matches show, unless the viewer collapsed them', () => {
    const big = Array.from({ length: COLLAPSE_ABOVE_DESCENDANTS + 1 }, (_, index) =>
      environment(`leaf_${index}`, 'env:qa_clone', 10 + index),
    );
    const nodes = [...NODES, ...big];
    expect(names(nodes, { query: 'leaf_3' })).toEqual(['production', 'qa_clone', 'leaf_3']);
    expect(names(nodes, { query: 'leaf_3' }, new Map([['env:qa_clone', true]]))).toEqual(['production', 'qa_clone']);
  });

  it('does not mark a leaf collapsed', () => {
    const view = buildTreeView(NODES, NO_FILTER, new Map([['env:dev_clone', true]]));
    expect(view.nodes.find((item) => item.node.id === 'env:dev_clone')).toMatchObject({ collapsed: false, childCount: 0 });
  });
});

describe('teamsInTree', () => {
  it('lists each owning team once, by name', () => {
    expect(teamsInTree(NODES)).toEqual([
      { id: DEV.id, name: 'Dev' },
      { id: QA.id, name: 'QA' },
    ]);
  });
});
