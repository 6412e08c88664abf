import { pathToFileURL } from 'node:url';
import { matrixOneCapabilities } from './matrixone/capabilities';
import type { CapabilitySummary } from './types';
import { yugabyteCapabilities } from './yugabyte/capabilities';
import { embeddedCapabilities } from './embedded/capabilities';
import { postgresCapabilities } from './postgres/capabilities';

/**
 * The capability table of the README, rendered from the engines' own descriptors (the
 * same values `summarizeCapabilities` gives for an open engine, which their tests check),
 * so it never drifts from the code. Regenerate with `npx tsx lib/engines/capability-table.ts`.
 */

/** Engines whose capabilities are known without a server. */
export const STATIC_CAPABILITIES: readonly CapabilitySummary[] = [
  embeddedCapabilities,
  postgresCapabilities,
  matrixOneCapabilities,
  yugabyteCapabilities,
];

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

const RESTORE_TEXT: Record<CapabilitySummary['restore'] & string, string> = {
  'in-place': 'yes, in place',
  'clone-and-swap': 'yes: clone at the snapshot, check, swap names',
};

/** Rows of the table: what the user asks, and how each engine answers. */
const ROWS: [string, (summary: CapabilitySummary) => string][] = [
  ['Snapshot levels', (summary) => summary.snapshotLevels.join(', ')],
  ['Clone a database (now / from a snapshot)', () => 'yes'],
  ['Clone a single table', (summary) => yesNo(summary.tableClone)],
  ['Restore a database from a snapshot', (summary) => (summary.restore ? RESTORE_TEXT[summary.restore] : 'no')],
  ['Restore a single table', (summary) => yesNo(summary.tableRestore)],
  ['Restore a whole account', (summary) => yesNo(summary.accountRestore)],
  ['Point-in-time recovery objects (PITR)', (summary) => yesNo(summary.pointInTime)],
  [
    'Row-level diff / merge between databases (data branches)',
    (summary) => (summary.dataMerge ? 'diff and merge' : summary.dataDiff ? 'diff' : 'no'),
  ],
  ['Per-clone storage (own / shared bytes)', (summary) => (summary.deltaAccounting ? 'measured' : 'not reported by the engine')],
  ['Clone completes', (summary) => (summary.asyncClone ? 'in the background (Clonedeck waits)' : 'when the statement returns')],
  ['Own credentials per environment (SCRAM; read-only role)', (summary) => yesNo(summary.credentials)],
  // The credentials carry the environment's expiry (VALID UNTIL): engines without them cannot enforce it.
  ['Expired environment refused at connect (28P01, before the reaper drops it)', (summary) => yesNo(summary.credentials)],
  ['Who is connected; end a session', (summary) => yesNo(summary.sessions)],
];

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** A markdown table: one column per engine, one row per capability. */
export function renderCapabilityTable(summaries: readonly CapabilitySummary[]): string {
  const header = `| | ${summaries.map((summary) => cell(summary.label)).join(' | ')} |`;
  const rule = `|---|${summaries.map(() => '---').join('|')}|`;
  const body = ROWS.map(([label, describe]) => `| ${label} | ${summaries.map((summary) => cell(describe(summary))).join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${renderCapabilityTable(STATIC_CAPABILITIES)}\n`);
}
