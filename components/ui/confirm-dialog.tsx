'use client';

import { useId, useState, type ReactNode } from 'react';
import { Button } from './button';
import { Dialog } from './dialog';
import { Input } from './input';
import { Label } from './label';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in plain words (e.g. "Drops qa_run and frees 120 MB."). */
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Destructive operations get a red button. */
  tone?: 'danger' | 'primary';
  /** Shown busy while the operation runs. */
  pending?: boolean;
  /** When set, the user must type this text to enable the button (restoring production). */
  confirmText?: string;
}

export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
  tone = 'danger',
  pending = false,
  confirmText,
}: ConfirmDialogProps) {
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const typedMatches = confirmText === undefined || typed === confirmText;
  const close = () => {
    setTyped('');
    onCancel();
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title={title}
      description={message}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button variant={tone} onClick={onConfirm} disabled={!typedMatches} pending={pending}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {confirmText !== undefined && (
        <div>
          <Label htmlFor={inputId}>
            Type <span className="font-mono">{confirmText}</span> to confirm
          </Label>
          <Input id={inputId} className="mt-1.5" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" />
        </div>
      )}
    </Dialog>
  );
}
