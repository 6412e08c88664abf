import { diffSchema, mergeResultSchema, type ApiDiff } from '@/lib/api/schemas-branches';
import { validation } from '@/lib/errors';
import { textTable } from '@/lib/format/text-table';
import type { ApiClient } from './api-client';
import { done } from './api-output';
import type { ParsedArgs } from './args';
import type { CliIO } from './io';

/** `clonedeck env diff` and `env merge`: data branches through the REST API. */

const path = (name: string, action: string) => `/api/v1/environments/${encodeURIComponent(name)}/${action}`;

export async function diffCommand(client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean): Promise<number> {
  const query = {
    engine: args.options.get('engine'),
    against: args.options.get('against'),
    table: args.options.get('table'),
    limit: args.options.get('limit'),
  };
  const { body } = await client.request('GET', path(args.positionals[0]!, 'diff'), { query, schema: diffSchema });
  return done(io, json, { diff: body }, diffText(body));
}

const counts = (value: { added: number; deleted: number; updated: number } | null) =>
  value === null ? ['-', '-', '-'] : [String(value.added), String(value.deleted), String(value.updated)];

const WHAT: Record<ApiDiff['against']['kind'], string> = { base: 'its base snapshot', snapshot: 'snapshot', environment: 'environment' };

/** One row per table: this side's changes, then the other side's; tables on one side only are said so. */
export function diffText(diff: ApiDiff): string {
  const heading = `${diff.environment} compared with ${WHAT[diff.against.kind]} ${diff.against.name}:`;
  const rows = diff.tables.map((table) => {
    if (table.presence !== 'both') return [table.table, table.presence === 'only-here' ? 'only here' : 'only there', '', '', ''];
    const other = table.there === null ? '-' : counts(table.there).join('/');
    const note =
      table.refused ?? (table.columns && (table.columns.added.length || table.columns.removed.length) ? columnsNote(table.columns) : '');
    return [table.table, ...counts(table.here), other + (note ? `  ${note}` : '')];
  });
  const lines = [
    heading,
    rows.length ? textTable(['TABLE', 'ADDED', 'DELETED', 'UPDATED', 'OTHER SIDE (added/deleted/updated)'], rows) : 'No tables.',
  ];
  if (diff.sample) lines.push('', sampleText(diff.sample));
  return lines.join('\n');
}

function columnsNote(columns: { added: string[]; removed: string[] }): string {
  const parts = [
    columns.added.length ? `+columns ${columns.added.join(',')}` : '',
    columns.removed.length ? `-columns ${columns.removed.join(',')}` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

function sampleText(sample: NonNullable<ApiDiff['sample']>): string {
  const title = `Changed rows of ${sample.table}${sample.truncated ? ' (first rows only)' : ''}${sample.allFromHere ? '' : ' (either side: both changed)'}:`;
  if (sample.rows.length === 0) return `${title}\n  none`;
  const cell = (value: unknown) => (value === null ? 'NULL' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return `${title}\n${textTable(
    ['CHANGE', ...sample.columns],
    sample.rows.map((row) => [row.change, ...row.values.map(cell)]),
  )}`;
}

export async function mergeCommand(client: ApiClient, args: ParsedArgs, io: CliIO, json: boolean): Promise<number> {
  const into = args.options.get('into');
  if (!into) throw validation('merge needs --into ENV: the environment the changes go into.');
  const onConflict = args.options.get('on-conflict') ?? 'fail';
  if (!['fail', 'skip', 'accept'].includes(onConflict)) throw validation('--on-conflict is fail, skip or accept.');
  const tables = args.options
    .get('tables')
    ?.split(',')
    .map((table) => table.trim())
    .filter(Boolean);
  const body = { into, onConflict, tables, confirmation: args.options.get('confirm') };
  const { body: result } = await client.request('POST', path(args.positionals[0]!, 'merge'), {
    body,
    query: { engine: args.options.get('engine') },
    schema: mergeResultSchema,
  });
  const text =
    result.tables.length === 0
      ? `Nothing to merge: ${result.name} and ${result.into} hold the same rows.`
      : `Merged ${result.tables.join(', ')} from ${result.name} into ${result.into}.`;
  return done(io, json, result, text);
}
