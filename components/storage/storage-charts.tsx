'use client';

import { useId, useState } from 'react';
import { HISTORY_RANGES, type EngineHistory, type HistoryRange } from '@/lib/domain/storage-history-types';
import { Alert } from '@/components/ui/alert';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';
import { useStorageHistoryQuery } from './storage-queries';
import { type ChartSeries, UsageLineChart } from './usage-line-chart';

const RANGE_LABELS: Record<HistoryRange, string> = {
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '1y': 'Last year',
};
/** Fewer samples than this (an hour at the default interval) and the charts say history is still being collected. */
const COLLECTING_BELOW = 12;
const TEAM_COLORS = ['#4f46e5', '#0891b2', '#d97706', '#db2777', '#16a34a', '#7c3aed', '#475569'];

/** The engine's usage over time: logical against physical (admins), and each team's share. */
export function StorageCharts({ engineId, engineLabel }: { engineId: string; engineLabel: string }) {
  const [range, setRange] = useState<HistoryRange>('24h');
  const selectId = useId();
  const query = useStorageHistoryQuery(range);
  const history = query.data?.engines.find((engine) => engine.engineId === engineId);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="w-48">
          <Label htmlFor={selectId}>Period</Label>
          <Select
            id={selectId}
            className="mt-1"
            value={range}
            onChange={(event) => setRange(HISTORY_RANGES.find((candidate) => candidate === event.target.value) ?? '24h')}
            options={HISTORY_RANGES.map((value) => ({ value, label: RANGE_LABELS[value] }))}
          />
        </div>
        {history && history.sampleCount < COLLECTING_BELOW && (
          <p role="status" className="text-sm text-slate-600">
            Collecting: {history.sampleCount} {history.sampleCount === 1 ? 'sample' : 'samples'} so far (one every{' '}
            {describeInterval(query.data?.sampleIntervalSeconds ?? 300)}).
          </p>
        )}
      </div>
      {query.isPending && <Spinner label="Loading the history" />}
      {query.error && <Alert tone="danger">{query.error.message}</Alert>}
      {history && <EngineCharts history={history} engineLabel={engineLabel} />}
    </div>
  );
}

function EngineCharts({ history, engineLabel }: { history: EngineHistory; engineLabel: string }) {
  if (history.sampleCount === 0) return <p className="text-sm text-slate-600">No sample in this period yet.</p>;
  const totals: ChartSeries[] = [{ key: 'logical', label: 'Logical (sum of all databases)', color: '#4f46e5' }];
  if (history.deltaAccounting) totals.push({ key: 'physical', label: 'Physical (on disk)', color: '#059669' });
  const teams = history.teamSeries.map((series, index) => ({ ...series, color: TEAM_COLORS[index % TEAM_COLORS.length]! }));
  const measure = history.teamMeasure === 'own' ? 'Own (delta) bytes' : 'Logical bytes';
  return (
    <div className={history.totals ? 'grid gap-6 xl:grid-cols-2' : 'grid gap-6'}>
      {history.totals && (
        <UsageLineChart
          title={`${engineLabel}: logical vs physical`}
          description={
            history.deltaAccounting
              ? 'What the databases see against what the engine stores; the gap between the lines is the saving.'
              : 'Logical sizes only: this engine does not report the bytes it stores.'
          }
          points={history.totals}
          series={totals}
        />
      )}
      <UsageLineChart
        title={`${measure} per team`}
        description={
          history.teamMeasure === 'own'
            ? 'What each team’s environments add on top of what they share.'
            : 'This engine reports no deltas, so each team’s logical size is drawn.'
        }
        points={history.teams}
        series={teams}
      />
    </div>
  );
}

function describeInterval(seconds: number): string {
  return seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}
