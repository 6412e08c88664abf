import type { CapabilitySummary } from '@/lib/engines/types';

/**
 * What the embedded engine can do, known without opening a store (the capability table in
 * the README reads this; a test checks the engine summarises to exactly this).
 */
export const embeddedCapabilities: CapabilitySummary = {
  kind: 'embedded',
  label: 'Embedded (PGlite on copy-on-write layers)',
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
