import { validation } from '@/lib/errors';
import { assertName } from '@/lib/engines/names';
import type { PitrRange } from '@/lib/engines/types';

/**
 * MatrixOne's system databases: the server refuses to snapshot or restore them
 * (frontend `skipDbs`), and Clonedeck never clones or drops them either, so they are
 * refused here before any statement reaches the server.
 */
export const MATRIXONE_SYSTEM_DATABASES: readonly string[] = [
  'mo_catalog',
  'information_schema',
  'system',
  'system_metrics',
  'mysql',
  'mo_task',
  'mo_debug',
];

/** The PITR MatrixOne keeps for its own catalog; creating or dropping one of that name fails. */
export const RESERVED_PITR_NAME = 'sys_mo_catalog_pitr';

/** MatrixOne 4.2+ hides snapshots named `ccpr_…` from SHOW SNAPSHOTS (replication uses them). */
const HIDDEN_SNAPSHOT_PREFIX = 'ccpr_';

export function isSystemDatabase(name: string): boolean {
  return MATRIXONE_SYSTEM_DATABASES.includes(name);
}

/** A valid database name that is not one of MatrixOne's system databases. */
export function assertUserDatabase(name: unknown, field = 'database'): asserts name is string {
  assertName('database', name, field);
  if (isSystemDatabase(name)) {
    const message = `"${name}" is a MatrixOne system database: Clonedeck does not snapshot, clone, restore or drop it.`;
    throw validation(message, { [field]: [message] });
  }
}

export function assertSnapshotName(name: unknown, field = 'snapshot'): asserts name is string {
  assertName('snapshot', name, field);
  if (name.startsWith(HIDDEN_SNAPSHOT_PREFIX)) {
    const message = `Snapshot names starting with "${HIDDEN_SNAPSHOT_PREFIX}" are reserved by MatrixOne and hidden from its snapshot list.`;
    throw validation(message, { [field]: [message] });
  }
}

export function assertPitrName(name: unknown, field = 'pitr'): asserts name is string {
  assertName('pitr', name, field);
  if (name === RESERVED_PITR_NAME) {
    const message = `"${RESERVED_PITR_NAME}" is reserved by MatrixOne for its own catalog.`;
    throw validation(message, { [field]: [message] });
  }
}

const PITR_UNITS: readonly PitrRange['unit'][] = ['h', 'd', 'mo', 'y'];

/** MatrixOne accepts a PITR range of 1–100 hours, days, months or years. */
export function assertPitrRange(range: PitrRange): void {
  const valueOk = Number.isInteger(range.value) && range.value >= 1 && range.value <= 100;
  if (!valueOk || !PITR_UNITS.includes(range.unit)) {
    const message = 'A PITR range is 1–100 followed by h, d, mo or y (e.g. 1d).';
    throw validation(message, { range: [message] });
  }
}

const LOCAL_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** A PITR restore point: 'YYYY-MM-DD HH:MM:SS' naming a real calendar time. */
export function assertServerLocalTime(text: unknown, field = 'at'): asserts text is string {
  const match = typeof text === 'string' ? LOCAL_TIME_PATTERN.exec(text) : null;
  const fields = match ? match.slice(1).map(Number) : [];
  const [year, month, day, hour, minute, second] = fields as [number, number, number, number, number, number];
  const probe = match ? new Date(Date.UTC(year, month - 1, day, hour, minute, second)) : null;
  const real =
    probe !== null &&
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!real) {
    const message = `Expected a time as 'YYYY-MM-DD HH:MM:SS' (server local time), got "${String(text)}".`;
    throw validation(message, { [field]: [message] });
  }
}
