import type { EngineStorageReport } from '@/lib/domain/storage';
import { formatBytes } from '@/lib/format/bytes';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EnvironmentStorageTable } from './environment-storage-table';
import { StorageCharts } from './storage-charts';
import { formatTimestamp } from '@/lib/format/time';
import { EngineTotalsFigures, TeamSliceFigures } from './storage-headline';
import { ExpiredOrIdleList, TopByDeltaList } from './storage-lists';
import { TeamStorageTable } from './team-storage-table';

/** Everything the storage page shows about one engine, in the viewer's scope. */
export function EngineStorageSection({ engine, idleAfterDays }: { engine: EngineStorageReport; idleAfterDays: number }) {
  const headingId = `storage-${engine.engineId}`;
  const { totals } = engine;
  return (
    <section aria-labelledby={headingId} className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          {engine.label}
        </h2>
        <Badge tone={engine.deltaAccounting ? 'success' : 'warning'}>
          {engine.deltaAccounting ? 'Measures deltas' : 'Logical sizes only'}
        </Badge>
        {engine.measuredAt && <span className="text-xs text-slate-500">Measured {formatTimestamp(engine.measuredAt)}</span>}
      </div>
      {!engine.available && <Alert tone="danger">{engine.message}</Alert>}
      {engine.available && !engine.deltaAccounting && (
        <Alert tone="warning" title="This engine does not report deltas">
          It reports each database&apos;s logical size only: no per-clone delta and no bytes stored on disk (a fresh clone reports its full
          logical size). Physical bytes, own bytes, pinned bytes and savings are therefore shown as “not reported”, never estimated.
        </Alert>
      )}
      {engine.available &&
        engine.notes.map((note) => (
          <p key={note} className="text-sm text-slate-600">
            {note}
          </p>
        ))}
      {engine.available &&
        (totals ? (
          <EngineTotalsFigures totals={totals} engineLabel={engine.label} />
        ) : (
          <TeamSliceFigures teams={engine.teams} engineLabel={engine.label} />
        ))}
      {totals && totals.unmanaged.count > 0 && (
        <p className="text-sm text-slate-600">
          The totals include {totals.unmanaged.count} database{totals.unmanaged.count === 1 ? '' : 's'} on the engine that Clonedeck does
          not manage ({formatBytes(totals.unmanaged.logicalBytes)} logical).
        </p>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Over time</CardTitle>
          <CardDescription>Sampled on a schedule; older samples are averaged into hours, then days.</CardDescription>
        </CardHeader>
        <CardContent>
          <StorageCharts engineId={engine.engineId} engineLabel={engine.label} />
        </CardContent>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Largest deltas</CardTitle>
            <CardDescription>The environments that add the most on top of what they share.</CardDescription>
          </CardHeader>
          <CardContent>
            <TopByDeltaList environments={engine.topByDelta} deltaAccounting={engine.deltaAccounting} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Expired or idle, holding the most</CardTitle>
            <CardDescription>
              Past their expiry, or no activity for {idleAfterDays} days: dropping them frees about their own bytes.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ExpiredOrIdleList environments={engine.expiredOrIdle} deltaAccounting={engine.deltaAccounting} idleAfterDays={idleAfterDays} />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Per team</CardTitle>
          <CardDescription>
            Snapshots belong to the team of the environment they were taken of; production belongs to the organisation.
          </CardDescription>
        </CardHeader>
        <TeamStorageTable teams={engine.teams} caption={`${engine.label}: storage per team`} />
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Per environment</CardTitle>
          <CardDescription>Sort by a size column; own (delta) bytes first.</CardDescription>
        </CardHeader>
        <EnvironmentStorageTable environments={engine.environments} caption={`${engine.label}: storage per environment`} />
      </Card>
    </section>
  );
}
