import { describe, expect, it } from 'vitest';
import { toFlow } from './flow-model';
import { environment, snapshot } from './tree-test-nodes';

describe('toFlow', () => {
  const nodes = [
    environment('production', null, 0, { isProduction: true }),
    snapshot('daily', 'env:production', 1),
    environment('tt', 'snap:daily', 2),
    environment('qa', 'env:production', 3, { status: 'provisioning' }),
  ];

  it('types each node and draws one edge per visible parent, animated while the child provisions', () => {
    const flow = toFlow(nodes);
    expect(flow.nodes.map((node) => [node.id, node.type])).toEqual([
      ['env:production', 'environment'],
      ['snap:daily', 'snapshot'],
      ['env:tt', 'environment'],
      ['env:qa', 'environment'],
    ]);
    expect(flow.edges.map((edge) => [edge.source, edge.target, edge.animated])).toEqual([
      ['env:production', 'snap:daily', false],
      ['snap:daily', 'env:tt', false],
      ['env:production', 'env:qa', true],
    ]);
  });

  it('puts production in the first column and its children one column on', () => {
    const flow = toFlow(nodes);
    const x = (id: string) => flow.nodes.find((node) => node.id === id)?.position.x;
    expect(x('env:production')).toBe(0);
    expect(x('snap:daily')).toBe(x('env:qa'));
    expect(x('env:tt')).toBeGreaterThan(x('snap:daily')!);
    expect(flow.height).toBeGreaterThan(0);
  });

  it('draws no edge to a parent the viewer cannot see', () => {
    const flow = toFlow([environment('qa_nested', 'env:hidden', 0)]);
    expect(flow.edges).toEqual([]);
    expect(flow.nodes).toHaveLength(1);
  });
});
