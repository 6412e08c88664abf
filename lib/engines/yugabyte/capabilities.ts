import type { CapabilitySummary } from '@/lib/engines/types';

/**
 * What the YugabyteDB engine can do, known without a server: the capability table in the
 * docs and the dashboard read this. A test checks that the engine built by
 * `createYugabyteEngine` summarises to exactly this.
 */
export const yugabyteCapabilities: CapabilitySummary = {
  kind: 'yugabyte',
  label: 'YugabyteDB (CREATE DATABASE … TEMPLATE … AS OF)',
  snapshotLevels: ['database'],
  tableClone: false,
  restore: 'clone-and-swap',
  tableRestore: false,
  accountRestore: false,
  pointInTime: false,
  dataDiff: false,
  dataMerge: false,
  deltaAccounting: false,
  asyncClone: true,
  credentials: false,
  sessions: false,
};
