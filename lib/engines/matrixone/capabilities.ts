import type { CapabilitySummary } from '@/lib/engines/types';

/**
 * What the MatrixOne engine can do, known without a server: the capability table in the
 * docs and the dashboard read this. A test checks that the engine built by
 * `createMatrixOneEngine` summarises to exactly this.
 */
export const matrixOneCapabilities: CapabilitySummary = {
  kind: 'matrixone',
  label: 'MatrixOne (CLONE / SNAPSHOT / RESTORE / PITR)',
  snapshotLevels: ['cluster', 'account', 'database', 'table'],
  tableClone: true,
  restore: 'in-place',
  tableRestore: true,
  accountRestore: true,
  pointInTime: true,
  dataDiff: true,
  dataMerge: true,
  deltaAccounting: false,
  asyncClone: false,
  credentials: false,
  sessions: false,
};
