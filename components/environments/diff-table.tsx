'use client';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import type { EnvironmentDiff } from '@/lib/domain/environments/data-diff';
import type { RowChangeCounts, TableDiffSample } from '@/lib/engines/types';

const countsText = (counts: RowChangeCounts | null) => (counts === null ? '—' : `+${counts.added} −${counts.deleted} ~${counts.updated}`);

/** Per table: this environment's changes, the other side's, and a button for its changed rows. */
export function DiffTable({ diff, onShowRows }: { diff: EnvironmentDiff; onShowRows: (table: string) => void }) {
  if (diff.tables.length === 0) return <p className="text-sm text-slate-600">No tables on either side.</p>;
  return (
    <Table>
      <TableCaption>Changes in {diff.environment} per table</TableCaption>
      <TableHead>
        <tr>
          <TableHeaderCell>Table</TableHeaderCell>
          <TableHeaderCell>Added</TableHeaderCell>
          <TableHeaderCell>Deleted</TableHeaderCell>
          <TableHeaderCell>Updated</TableHeaderCell>
          <TableHeaderCell title="Rows changed on the other side since the common base">Other side</TableHeaderCell>
          <TableHeaderCell aria-label="Rows" />
        </tr>
      </TableHead>
      <TableBody>
        {diff.tables.map((table) => (
          <TableRow key={table.table}>
            <TableCell className="font-mono">{table.table}</TableCell>
            {table.presence === 'both' && table.here ? (
              <>
                <TableCell>{table.here.added}</TableCell>
                <TableCell>{table.here.deleted}</TableCell>
                <TableCell>{table.here.updated}</TableCell>
              </>
            ) : (
              <TableCell colSpan={3} className="whitespace-normal! text-slate-600">
                {table.presence === 'only-here' ? (
                  <Badge tone="neutral">only here</Badge>
                ) : table.presence === 'only-there' ? (
                  <Badge tone="neutral">only there</Badge>
                ) : (
                  table.refused
                )}
              </TableCell>
            )}
            <TableCell className="whitespace-normal!">
              {countsText(table.there)}
              {table.columns && (table.columns.added.length > 0 || table.columns.removed.length > 0) && (
                <span className="block text-xs text-slate-500">
                  {table.columns.added.length > 0 && `columns added: ${table.columns.added.join(', ')} `}
                  {table.columns.removed.length > 0 && `columns removed: ${table.columns.removed.join(', ')}`}
                </span>
              )}
            </TableCell>
            <TableCell>
              {table.presence === 'both' && table.here && (
                <Button size="sm" variant="secondary" onClick={() => onShowRows(table.table)}>
                  Changed rows
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function csvOf(sample: TableDiffSample): string {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [['change', ...sample.columns], ...sample.rows.map((row) => [row.change, ...row.values])]
    .map((row) => row.map(cell).join(','))
    .join('\n');
}

/** The changed rows of one table, as the engine listed them, with a CSV export. */
export function DiffSample({ sample }: { sample: TableDiffSample }) {
  const href = `data:text/csv;charset=utf-8,${encodeURIComponent(csvOf(sample))}`;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <h3 className="text-sm font-semibold text-slate-900">
          Changed rows of <span className="font-mono">{sample.table}</span>
        </h3>
        <a href={href} download={`${sample.table}-changes.csv`} className="text-xs font-medium text-indigo-700 hover:underline">
          Export CSV
        </a>
      </div>
      {!sample.allFromHere && (
        <p className="text-xs text-slate-600">Both sides changed: the engine does not say on which side each row changed.</p>
      )}
      {sample.rows.length === 0 ? (
        <p className="text-sm text-slate-600">No changed rows.</p>
      ) : (
        <Table>
          <TableCaption>Changed rows of {sample.table}</TableCaption>
          <TableHead>
            <tr>
              <TableHeaderCell>Change</TableHeaderCell>
              {sample.columns.map((column) => (
                <TableHeaderCell key={column}>{column}</TableHeaderCell>
              ))}
            </tr>
          </TableHead>
          <TableBody>
            {sample.rows.map((row, index) => (
              <TableRow key={index}>
                <TableCell>{row.change}</TableCell>
                {row.values.map((value, column) => (
                  <TableCell key={column} className="font-mono">
                    {value === null ? 'NULL' : String(value)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {sample.truncated && <p className="text-xs text-slate-500">Only the first {sample.rows.length} changed rows are shown.</p>}
    </div>
  );
}
