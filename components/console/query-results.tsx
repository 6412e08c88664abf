import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import type { QueryResult } from '@/lib/engines/types';

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Shortens long values (a 128-dimension vector) in the grid; the full text is in the title. */
const SHOWN_CHARACTERS = 120;

export function QueryResults({ result }: { result: QueryResult }) {
  if (result.columns.length === 0) {
    return (
      <p role="status" className="text-sm text-slate-700">
        <span className="font-mono">{result.command}</span>: {result.rowCount} {result.rowCount === 1 ? 'row' : 'rows'} affected.
      </p>
    );
  }
  return (
    <div className="space-y-2">
      <p role="status" className="text-sm text-slate-700">
        {result.rowCount} {result.rowCount === 1 ? 'row' : 'rows'}
        {result.truncated && (
          <span className="text-amber-700"> · showing the first {result.rows.length}; add a LIMIT or a WHERE to see the rest</span>
        )}
      </p>
      <div className="max-h-96 overflow-auto rounded-md border border-slate-200">
        <Table>
          <TableCaption>Query results</TableCaption>
          <TableHead>
            <tr>
              {result.columns.map((column, index) => (
                <TableHeaderCell key={`${column}-${index}`} className="font-mono text-xs">
                  {column}
                </TableHeaderCell>
              ))}
            </tr>
          </TableHead>
          <TableBody>
            {result.rows.map((row, rowIndex) => (
              <TableRow key={rowIndex}>
                {row.map((value, columnIndex) => {
                  const text = cellText(value);
                  return (
                    <TableCell
                      key={columnIndex}
                      className={value === null ? 'font-mono text-xs italic text-slate-400' : 'font-mono text-xs'}
                      title={text.length > SHOWN_CHARACTERS ? text : undefined}
                    >
                      {text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}…` : text}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
