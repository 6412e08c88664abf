import { conflict, notFound, validation } from '@/lib/errors';
import type { PitrInfo } from '@/lib/engines/types';

/**
 * PITR checks MatrixOne makes itself but reports only as error 20101: made here against
 * SHOW PITR and the server's clock, they give the user a precise code. Pure functions.
 * Times are 'YYYY-MM-DD HH:MM:SS' in the server's local time, so they compare as text.
 */

/** The server's local time now, and the earliest time a PITR's range still reaches. */
export interface PitrWindow {
  now: string;
  earliest: string;
}

function refuse(message: string, field = 'at'): never {
  throw validation(message, { [field]: [message] });
}

export function findPitrOrThrow<T extends PitrInfo>(pitrs: readonly T[], name: string): T {
  const found = pitrs.find((pitr) => pitr.name === name);
  if (!found) throw notFound(`There is no PITR "${name}".`);
  return found;
}

export function assertPitrNameFree(pitrs: readonly PitrInfo[], name: string): void {
  if (pitrs.some((pitr) => pitr.name === name)) throw conflict(`A PITR named "${name}" exists already.`, 'pitr');
}

/** A database is restored from a PITR of that database, or of its whole account (never a cluster or table PITR). */
export function assertPitrCoversDatabase(pitr: PitrInfo, database: string): void {
  if (pitr.level === 'cluster' || pitr.level === 'table') {
    refuse(`PITR "${pitr.name}" is a ${pitr.level} PITR: MatrixOne restores a database only from a database or account PITR.`, 'pitr');
  }
  if (pitr.level === 'database' && pitr.database !== database) {
    refuse(`PITR "${pitr.name}" covers database "${pitr.database}", not "${database}".`, 'pitr');
  }
}

/**
 * MatrixOne restores only to a time after the PITR was created (strictly: its creation time
 * carries nanoseconds, SHOW PITR the whole second), within its range, and not in the future.
 */
export function assertWithinPitrWindow(at: string, pitr: { name: string; createdLocal?: string }, window: PitrWindow): void {
  if (pitr.createdLocal !== undefined && at <= pitr.createdLocal) {
    refuse(`${at} is not after PITR "${pitr.name}" began (${pitr.createdLocal}, server time): pick a later time.`);
  }
  if (at < window.earliest) refuse(`${at} is older than PITR "${pitr.name}" reaches (${window.earliest}, server time).`);
  if (at > window.now) refuse(`${at} is in the future: the server's clock says ${window.now}.`);
}
