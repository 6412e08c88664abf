'use client';

import { useId } from 'react';
import { statusLabel } from '@/components/environments/status-badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, type SelectOption } from '@/components/ui/select';
import { ENVIRONMENT_STATUSES, type EnvironmentStatus } from '@/lib/domain/environments/status';
import { isFiltering, NO_FILTER, type TreeFilter } from './tree-view-model';

// Dropped environments are not in the tree.
const STATUS_OPTIONS = ENVIRONMENT_STATUSES.filter((status) => status !== 'dropped').map((status) => ({
  value: status,
  label: statusLabel(status),
}));

const statusOf = (value: string): EnvironmentStatus | '' => ENVIRONMENT_STATUSES.find((status) => status === value) ?? '';

export interface TreeFiltersProps {
  filter: TreeFilter;
  onChange: (filter: TreeFilter) => void;
  teams: ReadonlyArray<{ id: string; name: string }>;
  matchCount: number;
  total: number;
}

/** Search by name and filter by team and status; says how much of the tree matches. */
export function TreeFilters({ filter, onChange, teams, matchCount, total }: TreeFiltersProps) {
  const id = useId();
  const filtering = isFiltering(filter);
  return (
    <div role="search" aria-label="Filter the tree" className="flex flex-wrap items-end gap-3">
      <div className="w-full sm:w-64">
        <Label htmlFor={`${id}-query`} className="text-xs">
          Search by name
        </Label>
        <Input
          id={`${id}-query`}
          type="search"
          value={filter.query}
          placeholder="e.g. qa_"
          autoComplete="off"
          onChange={(event) => onChange({ ...filter, query: event.target.value })}
          className="mt-1"
        />
      </div>
      <FilterSelect
        id={`${id}-team`}
        label="Team"
        value={filter.teamId}
        anyLabel="All teams"
        options={teams.map((team) => ({ value: team.id, label: team.name }))}
        onChange={(teamId) => onChange({ ...filter, teamId })}
      />
      <FilterSelect
        id={`${id}-status`}
        label="Status"
        value={filter.status}
        anyLabel="Any status"
        options={STATUS_OPTIONS}
        onChange={(status) => onChange({ ...filter, status: statusOf(status) })}
      />
      {filtering && (
        <Button variant="ghost" size="sm" onClick={() => onChange(NO_FILTER)}>
          Clear filters
        </Button>
      )}
      <p role="status" className="w-full text-xs text-slate-500 sm:ml-auto sm:w-auto">
        {filtering
          ? `${matchCount} of ${total} match, shown with the way to them from production.`
          : `${total} ${total === 1 ? 'environment or snapshot' : 'environments and snapshots'} in the tree.`}
      </p>
    </div>
  );
}

interface FilterSelectProps {
  id: string;
  label: string;
  value: string;
  /** The empty first choice: no narrowing. */
  anyLabel: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
}

function FilterSelect({ id, label, value, anyLabel, options, onChange }: FilterSelectProps) {
  return (
    <div className="min-w-0 flex-1 sm:w-44 sm:flex-none">
      <Label htmlFor={id} className="text-xs">
        {label}
      </Label>
      <Select
        id={id}
        value={value}
        placeholder={anyLabel}
        options={options}
        onChange={(event) => onChange(event.target.value)}
        className="mt-1"
      />
    </div>
  );
}
