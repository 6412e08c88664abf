'use client';

import { useId } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistoryPoint } from '@/lib/domain/storage-history-types';
import { formatBytes } from '@/lib/format/bytes';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { formatTimestamp } from '@/lib/format/time';
import { formatTimeTick, type TickMode } from './storage-format';

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

interface UsageLineChartProps {
  title: string;
  description: string;
  points: HistoryPoint[];
  series: ChartSeries[];
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Below this span, minutes repeat on the axis: show seconds. */
const SHORT_SPAN_MS = 2 * HOUR_MS;
/** Rows of the data table under the chart (newest first). */
const TABLE_ROWS = 24;

/** A single sample has no width: give the time axis an hour either side so the point shows. */
function timeDomain(points: HistoryPoint[]): [number, number] | ['dataMin', 'dataMax'] {
  const first = points[0]?.at;
  const last = points.at(-1)?.at;
  return first !== undefined && first === last ? [first - HOUR_MS, first + HOUR_MS] : ['dataMin', 'dataMax'];
}

/** Bytes over time, one line per series, with a title, a description and the numbers as a table. */
export function UsageLineChart({ title, description, points, series }: UsageLineChartProps) {
  const titleId = useId();
  const descriptionId = useId();
  const span = (points.at(-1)?.at ?? 0) - (points[0]?.at ?? 0);
  const tickMode: TickMode = span < SHORT_SPAN_MS ? 'seconds' : span < 2 * DAY_MS ? 'clock' : 'date';
  return (
    <figure aria-labelledby={titleId} aria-describedby={descriptionId} className="space-y-2">
      <figcaption>
        <h3 id={titleId} className="text-sm font-semibold text-slate-900">
          {title}
        </h3>
        <p id={descriptionId} className="text-xs text-slate-600">
          {description}
        </p>
      </figcaption>
      <div className="h-64">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis
              dataKey="at"
              type="number"
              scale="time"
              domain={timeDomain(points)}
              tickCount={6}
              tickFormatter={(at: number) => formatTimeTick(at, tickMode)}
              tick={{ fontSize: 12, fill: '#475569' }}
            />
            <YAxis tickFormatter={(bytes: number) => formatBytes(bytes)} width={80} tick={{ fontSize: 12, fill: '#475569' }} />
            <Tooltip labelFormatter={(at) => formatTimestamp(Number(at))} formatter={(value) => formatBytes(Number(value))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((line) => (
              <Line
                key={line.key}
                type="linear"
                name={line.label}
                dataKey={(point: HistoryPoint) => point.values[line.key] ?? null}
                stroke={line.color}
                strokeWidth={2}
                dot={points.length <= 30}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-xs font-medium text-indigo-700">Show the numbers as a table</summary>
        <Table className="mt-2">
          <TableCaption>
            {title}: the latest {Math.min(TABLE_ROWS, points.length)} points
          </TableCaption>
          <TableHead>
            <TableRow>
              <TableHeaderCell>Time</TableHeaderCell>
              {series.map((line) => (
                <TableHeaderCell key={line.key} className="text-right">
                  {line.label}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {[...points]
              .reverse()
              .slice(0, TABLE_ROWS)
              .map((point) => (
                <TableRow key={point.at}>
                  <TableHeaderCell scope="row" className="font-normal">
                    {formatTimestamp(point.at)}
                  </TableHeaderCell>
                  {series.map((line) => (
                    <TableCell key={line.key} className="text-right tabular-nums">
                      {formatBytes(point.values[line.key] ?? null)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
          </TableBody>
        </Table>
      </details>
    </figure>
  );
}
