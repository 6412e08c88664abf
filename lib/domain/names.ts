import { conflict } from '@/lib/errors';
import { formatNameStamp } from '@/lib/format/time';
import { ENVIRONMENT_NAME_MAX } from '@/lib/validations/environments';

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/**
 * The suggested environment name `team_purpose_yyyymmdd_hhmm` (UTC), e.g.
 * `qa_regression_20261121_0930`, shortened to fit and made a valid identifier.
 */
export function suggestEnvironmentName(team: string, purpose: string, at: Date): string {
  const stamp = formatNameStamp(at);
  const teamPart = slug(team).slice(0, 16) || 'env';
  const room = ENVIRONMENT_NAME_MAX - teamPart.length - stamp.length - 2;
  const purposePart = slug(purpose).slice(0, Math.max(0, room)).replace(/_+$/, '');
  const name = [teamPart, purposePart, stamp].filter(Boolean).join('_');
  return /^[a-z]/.test(name) ? name : `e_${name}`.slice(0, ENVIRONMENT_NAME_MAX);
}

/** The snapshot an environment is reset to: its state right after provisioning. */
export const baseSnapshotName = (environment: string) => `${environment}_base`;

/**
 * A name someone else holds. Nothing more is said — not which team, not whether Clonedeck
 * manages it — so trying names cannot map other teams' objects.
 */
export const nameTaken = () => conflict('That name is taken.', 'name');

/**
 * The snapshot a restore takes of the current state first, so the restore can itself be
 * undone: `<database>_undo_yyyymmddhhmmssSSS` (UTC, to the millisecond, so restores in a row
 * never collide), within the 63 characters a name may have.
 */
export function undoSnapshotName(database: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 17);
  return `${database.slice(0, 39)}_undo_${stamp}`;
}
