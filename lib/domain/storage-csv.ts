import type { EngineStorageReport, StorageReport } from './storage-types';

type Cell = string | number | boolean | null;

const COLUMNS = [
  'row',
  'engine',
  'team',
  'environment',
  'status',
  'expires_at',
  'last_activity_at',
  'expired',
  'idle',
  'environments',
  'logical_bytes',
  'own_bytes',
  'freed_if_dropped_bytes',
  'pinned_bytes',
  'physical_bytes',
  'full_copy_bytes',
  'saved_bytes',
  'saved_percent',
  'ratio',
] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], Cell>>;

/**
 * The storage breakdown as CSV (RFC 4180, CRLF line ends): one `engine` row per engine the
 * viewer may see totals of, then one row per team and per environment. Byte figures are
 * exact integers, the ones the page shows (a team's or engine's frees-if-dropped and pinned
 * are sums over its environments); an empty cell means the engine does not report the figure.
 */
export function storageReportCsv(report: StorageReport): string {
  const rows: Row[] = report.engines.flatMap((engine) => [...engineRows(engine), ...teamRows(engine), ...environmentRows(engine)]);
  return [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((column) => csvCell(row[column] ?? null)).join(','))].join('\r\n') + '\r\n';
}

function engineRows(engine: EngineStorageReport): Row[] {
  const totals = engine.totals;
  if (!totals) return [];
  return [
    {
      row: 'engine',
      engine: engine.engineId,
      logical_bytes: totals.logicalBytes,
      freed_if_dropped_bytes: totals.freedIfDroppedBytes,
      pinned_bytes: totals.pinnedBytes,
      physical_bytes: totals.physicalBytes,
      full_copy_bytes: totals.fullCopyBytes,
      saved_bytes: totals.savedBytes,
      saved_percent: totals.savedPercent === null ? null : round(totals.savedPercent, 2),
      ratio: totals.ratio === null ? null : round(totals.ratio, 3),
    },
  ];
}

function teamRows(engine: EngineStorageReport): Row[] {
  return engine.teams.map((team) => ({
    row: 'team',
    engine: engine.engineId,
    team: team.displayName,
    environments: team.environmentCount,
    logical_bytes: team.logicalBytes,
    own_bytes: team.ownBytes,
    freed_if_dropped_bytes: team.freedIfDroppedBytes,
    pinned_bytes: team.pinnedBytes,
  }));
}

function environmentRows(engine: EngineStorageReport): Row[] {
  return engine.environments.map((environment) => ({
    row: 'environment',
    engine: engine.engineId,
    team: environment.teamName,
    environment: environment.name,
    status: environment.status,
    expires_at: environment.expiresAt,
    last_activity_at: environment.lastActivityAt,
    expired: environment.expired,
    idle: environment.idle,
    logical_bytes: environment.logicalBytes,
    own_bytes: environment.ownBytes,
    freed_if_dropped_bytes: environment.freedIfDroppedBytes,
    pinned_bytes: environment.pinnedBytes,
  }));
}

/**
 * One CSV field. Text that a spreadsheet would run as a formula (starting with = + - @, tab
 * or carriage return) is prefixed with an apostrophe; numbers are written as they are, so a
 * negative saving stays a number.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
