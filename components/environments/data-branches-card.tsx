'use client';

import { useId, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { SelectField } from '@/components/ui/form-field';
import type { BranchOptions } from '@/lib/domain/environments/branch-options';
import type { SnapshotView } from '@/lib/domain/environments/views';
import { type DiffAgainst, useDiffQuery, useDiffSampleQuery } from './environment-queries';
import { DiffSample, DiffTable } from './diff-table';
import { MergeDialog } from './merge-dialog';

export interface DataBranchesCardProps {
  environmentId: string;
  environmentName: string;
  hasBase: boolean;
  snapshots: SnapshotView[];
  options: BranchOptions;
  ready: boolean;
}

function againstOf(choice: string): DiffAgainst {
  if (choice.startsWith('snapshot:')) return { kind: 'snapshot', snapshotId: choice.slice('snapshot:'.length) };
  if (choice.startsWith('environment:')) return { kind: 'environment', environmentId: choice.slice('environment:'.length) };
  return undefined;
}

interface CompareFormProps {
  hasBase: boolean;
  snapshots: SnapshotView[];
  options: BranchOptions;
  ready: boolean;
  comparing: boolean;
  onCompare: (choice: string) => void;
  onMerge: () => void;
}

/** What to compare with: the base snapshot, one of its snapshots, or another environment as it is now. */
function CompareForm({ hasBase, snapshots, options, ready, comparing, onCompare, onMerge }: CompareFormProps) {
  const [choice, setChoice] = useState(hasBase ? 'base' : '');
  const fieldId = useId();
  const choices = [
    ...(hasBase ? [{ value: 'base', label: 'Its base snapshot (when provisioned or last reset)' }] : []),
    ...snapshots
      .filter((snapshot) => snapshot.level !== 'table' && !snapshot.resetPointOf)
      .map((snapshot) => ({ value: `snapshot:${snapshot.id}`, label: `Snapshot ${snapshot.name}` })),
    ...options.compareWith.map((peer) => ({ value: `environment:${peer.id}`, label: `Environment ${peer.name} as it is now` })),
  ];
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        onCompare(choice);
      }}
    >
      <div className="min-w-64">
        <SelectField
          id={fieldId}
          label="Compare with"
          value={choice}
          onChange={(event) => setChoice(event.target.value)}
          options={choices}
          placeholder={hasBase ? undefined : 'Choose…'}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={!ready || choice === ''} pending={comparing}>
        Compare
      </Button>
      {options.mergeTargets.length > 0 && (
        <Button type="button" variant="secondary" disabled={!ready} onClick={onMerge}>
          Merge into…
        </Button>
      )}
    </form>
  );
}

/**
 * "What changed here": the engine's own count of rows added, deleted and updated per table
 * since the base snapshot (or against another snapshot or environment), the changed rows of
 * a table, and merging them into another environment. Shown only where the engine can diff.
 */
export function DataBranchesCard({ environmentId, environmentName, hasBase, snapshots, options, ready }: DataBranchesCardProps) {
  const [compared, setCompared] = useState<string | null>(null);
  const [sampleTable, setSampleTable] = useState<string | null>(null);
  const [merging, setMerging] = useState(false);
  const against = againstOf(compared ?? '');
  const diff = useDiffQuery(environmentId, against, compared !== null);
  const sample = useDiffSampleQuery(environmentId, against, compared !== null ? sampleTable : null);

  return (
    <Card>
      <CardHeader>
        <CardTitle>What changed here</CardTitle>
        <CardDescription>
          Rows added, deleted and updated per table, as the engine counts them (MatrixOne DATA BRANCH DIFF).
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <CompareForm
          hasBase={hasBase}
          snapshots={snapshots}
          options={options}
          ready={ready}
          comparing={diff.isFetching}
          onCompare={(choice) => {
            setSampleTable(null);
            setCompared(choice);
          }}
          onMerge={() => setMerging(true)}
        />
        {diff.error && <Alert tone="danger">{diff.error.message}</Alert>}
        {diff.data && <DiffTable diff={diff.data} onShowRows={setSampleTable} />}
        {sample.error && <Alert tone="danger">{sample.error.message}</Alert>}
        {sample.isFetching && <p className="text-sm text-slate-600">Reading changed rows…</p>}
        {sample.data?.sample && <DiffSample sample={sample.data.sample} />}
      </CardContent>
      {merging && (
        <MergeDialog
          open
          environmentId={environmentId}
          environmentName={environmentName}
          targets={options.mergeTargets}
          choices={options.conflictChoices}
          onClose={() => setMerging(false)}
        />
      )}
    </Card>
  );
}
