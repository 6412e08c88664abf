import { describe, expect, it } from 'vitest';
import { diffSchema } from '@/lib/api/schemas-branches';
import { diffText } from './api-branch-commands';

describe('env diff output', () => {
  it('shows each table’s changes on both sides, tables on one side only, and the sample', () => {
    const diff = diffSchema.parse({
      environment: 'qa_env',
      against: { kind: 'base', name: 'qa_env_base' },
      tables: [
        { table: 'added', presence: 'only-here', here: null, there: null },
        {
          table: 'orders',
          presence: 'both',
          here: { added: 2, deleted: 1, updated: 1 },
          there: { added: 0, deleted: 0, updated: 0 },
          columns: { added: ['note'], removed: [] },
        },
      ],
      sample: { table: 'orders', columns: ['id', 'v'], rows: [{ change: 'added', values: [4, null] }], truncated: true, allFromHere: true },
    });
    expect(diffText(diff).split('\n')).toEqual([
      'qa_env compared with its base snapshot qa_env_base:',
      'TABLE   ADDED      DELETED  UPDATED  OTHER SIDE (added/deleted/updated)',
      '------  ---------  -------  -------  ----------------------------------',
      'added   only here',
      'orders  2          1        1        0/0/0  +columns note',
      '',
      'Changed rows of orders (first rows only):',
      'CHANGE  id  v',
      '------  --  ----',
      'added   4   NULL',
    ]);
  });
});
