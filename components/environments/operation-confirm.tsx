'use client';

import { useState, type ReactNode } from 'react';
import { SqlPreviewToggle } from '@/components/sql/sql-preview';
import { Alert } from '@/components/ui/alert';
import { BodyPortal } from '@/components/ui/body-portal';
import { Button, type ButtonVariant } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { Intent } from '@/lib/domain/sql-preview';
import { DisconnectWarning, disconnectsClients } from './disconnect-warning';

/** What the caller's mutation reports back (a TanStack mutation fits). */
export interface OperationState {
  isPending: boolean;
  isSuccess: boolean;
  error: Error | null;
}

export interface OperationConfirmProps {
  environmentName: string;
  /**
   * On the overview's small cards: a small button named for screen readers, the dialog on
   * <body> (the canvas is transformed), the error on one line, no success notice.
   */
  compact: boolean;
  /** The button's words on the environment page; compact buttons say `compactLabel` and the environment's name. */
  label: string;
  compactLabel: string;
  variant: ButtonVariant;
  disabled: boolean;
  tabIndex?: number;
  title: string;
  message: ReactNode;
  intent: Intent;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  /** Text the user must type to confirm. */
  confirmText?: string;
  state: OperationState;
  /** Shown under the button after success (not on compact cards). */
  successText?: string;
  /** Runs the operation; `close` closes the dialog (call it on success). */
  onConfirm: (close: () => void) => void;
}

/** A button that confirms an operation on one environment (with its SQL) and reports how it went. */
export function OperationConfirm(props: OperationConfirmProps) {
  const { environmentName, compact, state, disabled, tabIndex } = props;
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  const dialog = (
    <ConfirmDialog
      open={open}
      title={props.title}
      message={
        <div className="space-y-3">
          {props.message}
          {open && disconnectsClients(props.intent) && <DisconnectWarning environmentId={props.intent.environmentId} />}
          <SqlPreviewToggle intent={props.intent} />
          {state.error && <Alert tone="danger">{state.error.message}</Alert>}
        </div>
      }
      confirmLabel={props.confirmLabel}
      tone={props.tone}
      confirmText={props.confirmText}
      pending={state.isPending}
      onConfirm={() => props.onConfirm(close)}
      onCancel={close}
    />
  );
  return (
    <div className={compact ? 'contents' : 'space-y-2'}>
      <Button
        variant={props.variant}
        size={compact ? 'sm' : 'md'}
        tabIndex={tabIndex}
        disabled={disabled || state.isPending}
        onClick={() => setOpen(true)}
      >
        {compact ? props.compactLabel : props.label}
        {compact && <span className="sr-only"> {environmentName}</span>}
      </Button>
      {!compact && state.error && !open && <Alert tone="danger">{state.error.message}</Alert>}
      {!compact && state.isSuccess && !open && props.successText && <Alert tone="success">{props.successText}</Alert>}
      {compact ? <BodyPortal>{dialog}</BodyPortal> : dialog}
    </div>
  );
}
