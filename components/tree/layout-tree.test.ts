import { describe, expect, it } from 'vitest';
import { buildHierarchy, type LayoutItem, layoutTree } from './layout-tree';

function item(id: string, parentId: string | null, minute: number, isProduction = false): LayoutItem {
  return { id, parentId, isProduction, createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString() };
}

const OPTIONS = { columnWidth: 300, rowGap: 20, heightOf: () => 100 };

describe('buildHierarchy', () => {
  it('puts production first among roots, then orders siblings by creation time', () => {
    const { roots, childrenOf } = buildHierarchy([
      item('late', null, 9),
      item('b', 'prod', 5),
      item('prod', null, 30, true),
      item('a', 'prod', 2),
    ]);
    expect(roots.map((root) => root.id)).toEqual(['prod', 'late']);
    expect(childrenOf('prod').map((child) => child.id)).toEqual(['a', 'b']);
  });

  it('breaks ties by id so the order never flickers between polls', () => {
    const { childrenOf } = buildHierarchy([item('p', null, 0), item('y', 'p', 1), item('x', 'p', 1)]);
    expect(childrenOf('p').map((child) => child.id)).toEqual(['x', 'y']);
  });

  it('treats a node whose parent is not visible as a root', () => {
    const { roots } = buildHierarchy([item('orphan', 'env:hidden', 1)]);
    expect(roots.map((root) => root.id)).toEqual(['orphan']);
  });

  it('keeps every node of a cycle, as a root, instead of losing them', () => {
    const { roots, childrenOf } = buildHierarchy([item('a', 'b', 1), item('b', 'a', 2), item('self', 'self', 3)]);
    expect(roots.map((root) => root.id)).toEqual(['a', 'self']);
    expect(childrenOf('a').map((child) => child.id)).toEqual(['b']);
    expect(childrenOf('b')).toEqual([]);
  });
});

describe('layoutTree', () => {
  it('places x by depth and centres a parent over its children', () => {
    const positions = layoutTree(
      [item('prod', null, 0, true), item('c1', 'prod', 1), item('c2', 'prod', 2), item('c3', 'prod', 3)],
      OPTIONS,
    );
    expect(positions.get('prod')).toEqual({ x: 0, y: 170, depth: 0 });
    expect([1, 2, 3].map((n) => positions.get(`c${n}`))).toEqual([
      { x: 300, y: 50, depth: 1 },
      { x: 300, y: 170, depth: 1 },
      { x: 300, y: 290, depth: 1 },
    ]);
  });

  it('nests clones of clones one column further and stacks leaves in order', () => {
    const positions = layoutTree(
      [item('prod', null, 0, true), item('snap', 'prod', 1), item('tt', 'snap', 2), item('qa', 'prod', 3), item('qa2', 'qa', 4)],
      OPTIONS,
    );
    expect(positions.get('tt')).toMatchObject({ x: 600, y: 50 });
    expect(positions.get('qa2')).toMatchObject({ x: 600, y: 170 });
    expect(positions.get('snap')?.y).toBe(50);
    expect(positions.get('qa')?.y).toBe(170);
    expect(positions.get('prod')?.y).toBe(110);
  });

  it('gives a node taller than its subtree room, so neighbours in its column do not overlap', () => {
    const heights: Record<string, number> = { env1: 240, snap: 80, env2: 240 };
    const positions = layoutTree([item('env1', null, 0), item('snap', 'env1', 1), item('env2', null, 2)], {
      ...OPTIONS,
      heightOf: (node) => heights[node.id] ?? 100,
    });
    const env1 = positions.get('env1')!;
    const env2 = positions.get('env2')!;
    expect(env1.y).toBe(120);
    expect(positions.get('snap')?.y).toBe(120);
    expect(env2.y - 120 - (env1.y + 120)).toBe(20);
  });

  it('positions every node exactly once, also for an empty input', () => {
    expect(layoutTree([], OPTIONS).size).toBe(0);
    const items = [item('r', null, 0), item('a', 'r', 1), item('b', 'a', 2), item('c', 'missing', 3)];
    expect([...layoutTree(items, OPTIONS).keys()].sort()).toEqual(['a', 'b', 'c', 'r']);
  });

  it('is stable: the same input in another order gives the same positions', () => {
    const items = [item('prod', null, 0, true), item('x', 'prod', 1), item('y', 'prod', 2), item('z', 'x', 3)];
    const forward = layoutTree(items, OPTIONS);
    const backward = layoutTree([...items].reverse(), OPTIONS);
    expect([...backward.entries()].sort()).toEqual([...forward.entries()].sort());
  });
});
