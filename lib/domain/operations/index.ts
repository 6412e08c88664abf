import type { AnyOperation } from './definition';
import { dropOperation, dropSnapshotOperation } from './drop-operations';
import { provisionOperation } from './provision-operation';
import { resetOperation, restoreOperation } from './restore-operations';
import { extendOperation, protectOperation, rotateCredentialsOperation } from './settings-operations';
import { snapshotOperation } from './snapshot-operation';

export type { OperationDefinition, Plan, PlanStep, Transition } from './definition';
export { planOperation, previewOperation, runOperation, startOperation, type DryRun } from './runner';

/**
 * Every operation that changes an environment or a snapshot, by the name "Show SQL" asks for
 * it with. Server actions, REST handlers (and through them the CLI) run these definitions;
 * nothing else decides what an operation does to the engine.
 */
export const OPERATIONS = {
  provision: provisionOperation,
  snapshot: snapshotOperation,
  reset: resetOperation,
  restore: restoreOperation,
  drop: dropOperation,
  dropSnapshot: dropSnapshotOperation,
  extend: extendOperation,
  protect: protectOperation,
  rotateCredentials: rotateCredentialsOperation,
} satisfies Record<string, AnyOperation>;

export type OperationName = keyof typeof OPERATIONS;
