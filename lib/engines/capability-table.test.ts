import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STATIC_CAPABILITIES, renderCapabilityTable } from './capability-table';
import type { CapabilitySummary } from './types';

const base: CapabilitySummary = {
  kind: 'embedded',
  label: 'Test | engine',
  snapshotLevels: ['database'],
  tableClone: false,
  restore: false,
  tableRestore: false,
  accountRestore: false,
  pointInTime: false,
  dataDiff: false,
  dataMerge: false,
  deltaAccounting: true,
  asyncClone: false,
  credentials: false,
  sessions: false,
};

describe('the capability table', () => {
  it('has a column per engine and a row per capability, escaping pipes', () => {
    const lines = renderCapabilityTable([base, { ...base, label: 'Other', restore: 'in-place', tableClone: true }]).split('\n');
    expect(lines[0]).toBe('| | Test \\| engine | Other |');
    expect(lines[1]).toBe('|---|---|---|');
    expect(lines).toContain('| Clone a single table | no | yes |');
    expect(lines).toContain('| Restore a database from a snapshot | no | yes, in place |');
    expect(lines).toContain('| Per-clone storage (own / shared bytes) | measured | measured |');
    expect(lines).toContain('| Own credentials per environment (SCRAM; read-only role) | no | no |');
    expect(lines).toContain('| Expired environment refused at connect (28P01, before the reaper drops it) | no | no |');
    expect(lines).toHaveLength(2 + 13);
  });

  it('renders the embedded, PostgreSQL, MatrixOne and YugabyteDB descriptors without a server', () => {
    const table = renderCapabilityTable(STATIC_CAPABILITIES);
    expect(table).toContain('| Snapshot levels | database | database | cluster, account, database, table | database |');
    expect(table).toContain(
      '| Restore a database from a snapshot | yes, in place | yes, in place | yes, in place | yes: clone at the snapshot, check, swap names |',
    );
    expect(table).toContain('| Point-in-time recovery objects (PITR) | no | no | yes | no |');
    expect(table).toContain(
      '| Per-clone storage (own / shared bytes) | measured | measured | not reported by the engine | not reported by the engine |',
    );
    expect(table).toContain('| Own credentials per environment (SCRAM; read-only role) | yes | yes | no | no |');
    expect(table).toContain('| Expired environment refused at connect (28P01, before the reaper drops it) | yes | yes | no | no |');
    expect(table).toContain('| Row-level diff / merge between databases (data branches) | no | no | diff and merge | no |');
  });

  it('is the table the README and docs/engines.md show (regenerate them when it changes)', () => {
    const table = renderCapabilityTable(STATIC_CAPABILITIES);
    for (const document of ['README.md', 'docs/engines.md']) expect(fs.readFileSync(document, 'utf8')).toContain(table);
  });
});
