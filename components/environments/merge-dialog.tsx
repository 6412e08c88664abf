'use client';

import { useId, useState } from 'react';
import { SqlPreviewToggle } from '@/components/sql/sql-preview';
import { Alert } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import type { BranchPeer } from '@/lib/domain/environments/branch-options';
import { useMergeEnvironmentMutation } from './environment-mutations';

type Choice = 'fail' | 'skip' | 'accept';

const CHOICE_TEXT: Record<Choice, string> = {
  fail: 'Stop: merge nothing if a row changed on both sides',
  skip: "Keep the target's row where both changed",
  accept: "Take this environment's row where both changed",
};

export interface MergeDialogProps {
  open: boolean;
  environmentId: string;
  environmentName: string;
  targets: BranchPeer[];
  choices: Choice[];
  onClose: () => void;
}

/**
 * Merges this environment's changed rows into another environment, all tables or none, with
 * the engine's conflict choices and its SQL. Production as target: its name must be typed.
 */
export function MergeDialog({ open, environmentId, environmentName, targets, choices, onClose }: MergeDialogProps) {
  const [targetId, setTargetId] = useState(targets[0]?.id ?? '');
  const [onConflict, setOnConflict] = useState<Choice>('fail');
  const merge = useMergeEnvironmentMutation(environmentId);
  const [targetField, conflictField] = [useId(), useId()];
  const target = targets.find((candidate) => candidate.id === targetId) ?? null;
  const confirmText = target?.isProduction ? target.name : undefined;
  const confirm = () => {
    if (!target) return;
    merge.mutate(
      { targetEnvironmentId: target.id, onConflict, confirmation: confirmText },
      { onSuccess: (result) => result.tables.length > 0 && onClose() },
    );
  };

  const message = (
    <div className="space-y-3">
      <p>
        Rows that differ in <span className="font-mono">{environmentName}</span> are written into the target, every table in one
        transaction: if one table fails, none changes. Rows deleted here are deleted there only where the engine knows both share a history.
      </p>
      <div className="space-y-1">
        <Label htmlFor={targetField}>Merge into</Label>
        <Select
          id={targetField}
          value={targetId}
          onChange={(event) => setTargetId(event.target.value)}
          options={targets.map((candidate) => ({
            value: candidate.id,
            label: candidate.isProduction ? `${candidate.name} (production)` : candidate.name,
          }))}
        />
      </div>
      <div className="space-y-1">
        <Label htmlFor={conflictField}>When a row changed on both sides</Label>
        <Select
          id={conflictField}
          value={onConflict}
          onChange={(event) => setOnConflict(event.target.value as Choice)}
          options={choices.map((choice) => ({ value: choice, label: CHOICE_TEXT[choice] }))}
        />
      </div>
      {target && <SqlPreviewToggle intent={{ kind: 'merge', environmentId, targetEnvironmentId: target.id, onConflict }} />}
      {merge.data?.tables.length === 0 && <Alert tone="info">Nothing to merge: both hold the same rows.</Alert>}
      {merge.error && <Alert tone="danger">{merge.error.message}</Alert>}
    </div>
  );

  return (
    <ConfirmDialog
      open={open}
      title={`Merge ${environmentName} into…`}
      message={message}
      confirmLabel="Merge"
      tone="primary"
      onConfirm={confirm}
      onCancel={onClose}
      pending={merge.isPending}
      confirmText={confirmText}
    />
  );
}
