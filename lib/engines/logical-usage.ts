import type { DatabaseUsage, StorageUsage } from './types';

/**
 * Usage for engines that report only logical sizes (MatrixOne, YugabyteDB): no physical
 * bytes, no per-database delta — the UI says so rather than inventing a number.
 */
export function logicalOnlyUsage(databases: DatabaseUsage[]): StorageUsage {
  return {
    measuredAt: new Date(),
    deltaAccounting: false,
    physicalBytes: null,
    logicalBytes: databases.reduce((sum, entry) => sum + entry.logicalBytes, 0),
    databases,
    snapshots: [],
  };
}
