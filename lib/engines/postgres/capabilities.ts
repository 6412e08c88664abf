import type { CapabilitySummary } from '@/lib/engines/types';

/** What the PostgreSQL engine can do, known without opening a store (the README's table). */
export const postgresCapabilities: CapabilitySummary = {
  kind: 'postgres',
  label: 'PostgreSQL 18 servers (file-level clones)',
  snapshotLevels: ['database'],
  tableClone: false,
  restore: 'in-place',
  tableRestore: false,
  accountRestore: false,
  pointInTime: false,
  dataDiff: false,
  dataMerge: false,
  deltaAccounting: true,
  asyncClone: false,
  credentials: true,
  sessions: true,
};
