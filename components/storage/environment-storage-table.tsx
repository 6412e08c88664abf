'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { EnvironmentStorage } from '@/lib/domain/storage';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { Bytes } from './bytes';
import { formatDay } from '@/lib/format/time';

type SortKey = 'ownBytes' | 'logicalBytes' | 'freedIfDroppedBytes' | 'pinnedBytes';
type Direction = 'descending' | 'ascending';

const SORTABLE: Array<{ key: SortKey; label: string; description: string }> = [
  { key: 'logicalBytes', label: 'Logical', description: 'Logical size' },
  { key: 'ownBytes', label: 'Own (delta)', description: 'Own (delta) bytes' },
  { key: 'freedIfDroppedBytes', label: 'Frees if dropped', description: 'Bytes dropping it frees' },
  { key: 'pinnedBytes', label: 'Pinned', description: 'Bytes pinned by its snapshots' },
];

function sorted(environments: EnvironmentStorage[], key: SortKey, direction: Direction): EnvironmentStorage[] {
  const sign = direction === 'descending' ? -1 : 1;
  // Figures the engine does not report sort last either way.
  return [...environments].sort((a, b) => {
    const left = a[key];
    const right = b[key];
    if (left === null || right === null) return left === right ? a.name.localeCompare(b.name) : left === null ? 1 : -1;
    return sign * (left - right) || a.name.localeCompare(b.name);
  });
}

/** Every environment in the viewer's scope, sortable by its size columns (own delta first). */
export function EnvironmentStorageTable({ environments, caption }: { environments: EnvironmentStorage[]; caption: string }) {
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction }>({ key: 'ownBytes', direction: 'descending' });
  if (environments.length === 0) return <p className="text-sm text-slate-600">No environment to show.</p>;
  const toggle = (key: SortKey) =>
    setSort((current) => ({ key, direction: current.key === key && current.direction === 'descending' ? 'ascending' : 'descending' }));
  return (
    <Table>
      <TableCaption>
        {caption}, sorted by {SORTABLE.find((column) => column.key === sort.key)?.description.toLowerCase()} ({sort.direction})
      </TableCaption>
      <TableHead>
        <TableRow>
          <TableHeaderCell>Environment</TableHeaderCell>
          <TableHeaderCell>Team</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          {SORTABLE.map((column) => (
            <TableHeaderCell
              key={column.key}
              className="whitespace-nowrap text-right"
              aria-sort={sort.key === column.key ? sort.direction : 'none'}
            >
              <button
                type="button"
                onClick={() => toggle(column.key)}
                title={`Sort by ${column.description.toLowerCase()}`}
                className="inline-flex items-center gap-1 font-semibold hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {column.label}
                <span aria-hidden="true" className="text-xs text-slate-400">
                  {sort.key === column.key ? (sort.direction === 'descending' ? '▼' : '▲') : '↕'}
                </span>
              </button>
            </TableHeaderCell>
          ))}
          <TableHeaderCell>Expires</TableHeaderCell>
          <TableHeaderCell className="whitespace-nowrap">Last activity</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sorted(environments, sort.key, sort.direction).map((environment) => (
          <TableRow key={environment.id} data-environment={environment.name}>
            <TableHeaderCell scope="row" className="font-medium">
              <Link href={`/environments/${environment.id}`} className="font-mono text-indigo-700 hover:underline">
                {environment.name}
              </Link>
            </TableHeaderCell>
            <TableCell>{environment.teamName}</TableCell>
            <TableCell>
              <span className="flex gap-1">
                <Badge
                  tone={
                    environment.status === 'ready'
                      ? 'success'
                      : environment.status === 'failed' || environment.status === 'missing'
                        ? 'danger'
                        : 'neutral'
                  }
                >
                  {environment.status}
                </Badge>
                {environment.expired && <Badge tone="danger">expired</Badge>}
                {environment.idle && !environment.isProduction && <Badge tone="warning">idle</Badge>}
              </span>
            </TableCell>
            {SORTABLE.map((column) => (
              <TableCell key={column.key} className="text-right">
                <Bytes value={environment[column.key]} figure={column.key.replace('Bytes', '')} />
              </TableCell>
            ))}
            <TableCell>{environment.expiresAt ? formatDay(environment.expiresAt) : 'never'}</TableCell>
            <TableCell>{environment.lastActivityAt ? formatDay(environment.lastActivityAt) : '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
