import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import type { EngineStatus } from '@/lib/domain/engines';
import { formatTimestamp } from '@/lib/format/time';

function formatCheckedAt(iso: string | null): string {
  return iso ? formatTimestamp(iso) : 'never';
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

function HealthCell({ health }: { health: EngineStatus['health'] }) {
  return (
    <div className="space-y-0.5 whitespace-normal">
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge tone={health.ok ? 'success' : 'danger'}>{health.ok ? 'ok' : 'error'}</Badge>
        {health.version && <span className="text-xs text-slate-600">{health.version}</span>}
      </div>
      {!health.ok && health.message && <p className="max-w-xs text-xs text-red-700">{health.message}</p>}
      <p className="text-xs text-slate-500">
        Checked <time dateTime={health.checkedAt ?? undefined}>{formatCheckedAt(health.checkedAt)}</time>
      </p>
    </div>
  );
}

/** Each configured engine: is it up, and what can it do (so missing buttons make sense). */
export function EnginesCard({ engines }: { engines: EngineStatus[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Engines</CardTitle>
        <CardDescription>Where the databases live, whether each engine answers, and what it can do.</CardDescription>
      </CardHeader>
      <CardContent className="px-0 py-0">
        <Table>
          <TableCaption>Configured engines, their health and capabilities</TableCaption>
          <TableHead>
            <TableRow>
              <TableHeaderCell>Engine</TableHeaderCell>
              <TableHeaderCell>Health</TableHeaderCell>
              <TableHeaderCell>Snapshot levels</TableHeaderCell>
              <TableHeaderCell>Table clone</TableHeaderCell>
              <TableHeaderCell>Restore</TableHeaderCell>
              <TableHeaderCell>Point in time</TableHeaderCell>
              <TableHeaderCell>Delta accounting</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {engines.map((engine) => {
              const capabilities = engine.capabilities;
              return (
                <TableRow key={engine.id}>
                  <TableHeaderCell scope="row" className="font-normal">
                    <span className="block font-medium text-slate-900">{capabilities?.label ?? engine.id}</span>
                    <span className="text-xs text-slate-500">
                      {engine.id}
                      {engine.isDefault && ' · default'}
                    </span>
                  </TableHeaderCell>
                  <TableCell className="align-top">
                    <HealthCell health={engine.health} />
                  </TableCell>
                  {capabilities ? (
                    <>
                      <TableCell>{capabilities.snapshotLevels.join(', ') || 'none'}</TableCell>
                      <TableCell>{yesNo(capabilities.tableClone)}</TableCell>
                      <TableCell>{capabilities.restore || 'no'}</TableCell>
                      <TableCell>{yesNo(capabilities.pointInTime)}</TableCell>
                      <TableCell>{capabilities.deltaAccounting ? 'per clone' : 'not reported'}</TableCell>
                    </>
                  ) : (
                    <TableCell colSpan={5} className="text-slate-500">
                      Unknown until the engine can be reached.
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
