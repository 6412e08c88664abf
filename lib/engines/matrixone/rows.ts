import type { PitrInfo, PitrRange, SnapshotInfo, SnapshotLevel } from '@/lib/engines/types';
import type { DriverRow } from './pool';

/**
 * Readers for MatrixOne's SHOW output. Column names differ in case between versions
 * (SNAPSHOT_NAME vs snapshot_name), so every column is looked up case-insensitively,
 * and each value is checked before it becomes part of a typed row.
 */

export function columnOf(row: DriverRow, name: string): unknown {
  if (name in row) return row[name];
  const wanted = name.toLowerCase();
  const key = Object.keys(row).find((candidate) => candidate.toLowerCase() === wanted);
  return key === undefined ? undefined : row[key];
}

/** Text of a column; MatrixOne writes '' or '*' where a level has no such part. */
export function optionalText(row: DriverRow, name: string): string | undefined {
  const value = columnOf(row, name);
  if (value === null || value === undefined) return undefined;
  const text = String(value);
  return text === '' || text === '*' ? undefined : text;
}

function requiredText(row: DriverRow, name: string): string {
  const text = optionalText(row, name);
  if (text === undefined) throw new TypeError(`MatrixOne returned a row without ${name}.`);
  return text;
}

const LEVELS: readonly SnapshotLevel[] = ['cluster', 'account', 'database', 'table'];

function levelOf(row: DriverRow, name: string): SnapshotLevel {
  const level = requiredText(row, name).toLowerCase();
  const known = LEVELS.find((candidate) => candidate === level);
  if (!known) throw new TypeError(`MatrixOne returned an unknown level "${level}".`);
  return known;
}

/** 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC (how SHOW SNAPSHOTS writes TIMESTAMP) → Date. */
export function parseUtcTimestamp(text: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/.exec(text);
  if (!match) throw new TypeError(`Unexpected timestamp "${text}".`);
  const [, year, month, day, hour, minute, second, fraction = '0'] = match;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millis));
}

export function snapshotFromRow(row: DriverRow): SnapshotInfo {
  return {
    name: requiredText(row, 'SNAPSHOT_NAME'),
    level: levelOf(row, 'SNAPSHOT_LEVEL'),
    createdAt: parseUtcTimestamp(requiredText(row, 'TIMESTAMP')),
    account: optionalText(row, 'ACCOUNT_NAME'),
    database: optionalText(row, 'DATABASE_NAME'),
    table: optionalText(row, 'TABLE_NAME'),
  };
}

const PITR_UNITS: readonly PitrRange['unit'][] = ['h', 'd', 'mo', 'y'];

function pitrRangeOf(row: DriverRow): PitrRange {
  const value = Number(requiredText(row, 'PITR_LENGTH'));
  const unitText = requiredText(row, 'PITR_UNIT').toLowerCase();
  const unit = PITR_UNITS.find((candidate) => candidate === unitText);
  if (!unit || !Number.isInteger(value)) throw new TypeError(`MatrixOne returned an unknown PITR range "${value} ${unitText}".`);
  return { value, unit };
}

/**
 * A row of SHOW PITR. Its CREATED_TIME is in the server's time zone, which the client
 * cannot know reliably, so it is left out rather than guessed.
 */
export function pitrFromRow(row: DriverRow): PitrInfo {
  return {
    name: requiredText(row, 'PITR_NAME'),
    level: levelOf(row, 'PITR_LEVEL'),
    database: optionalText(row, 'DATABASE_NAME'),
    range: pitrRangeOf(row),
  };
}
