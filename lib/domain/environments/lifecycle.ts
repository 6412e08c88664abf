import type { Actor } from '../actor';
import type { DomainContext } from '../context';
import { dropOperation } from '../operations/drop-operations';
import { type RestoreResult, resetOperation, restoreOperation } from '../operations/restore-operations';
import { planOperation, runOperation } from '../operations/runner';
import { extendOperation, protectOperation } from '../operations/settings-operations';

/**
 * The environment lifecycle by name, for callers that hold an id: each runs its operation's
 * one definition (lib/domain/operations), which says what it needs, does and records.
 */

export { finishDrop } from '../operations/drop-operations';

/** Drops an environment and its snapshots. Production and protected environments refuse. */
export function dropEnvironment(context: DomainContext, actor: Actor, environmentId: string): Promise<{ freedBytes: number | null }> {
  return runOperation(dropOperation, context, actor, { environmentId });
}

/** What dropping it (with its snapshots) would free now, refused where the drop would be (nothing changes). */
export async function predictDropEnvironment(context: DomainContext, actor: Actor, environmentId: string): Promise<number | null> {
  return (await planOperation(dropOperation, context, actor, { environmentId }, 'dryRun')).freedBytes;
}

/** QA's one click: back to the environment's reset point (its state when provisioned). */
export async function resetEnvironment(context: DomainContext, actor: Actor, environmentId: string): Promise<void> {
  await runOperation(resetOperation, context, actor, { environmentId });
}

/** Restores from one of its snapshots, after a snapshot of the current state (named in the result). */
export function restoreEnvironment(context: DomainContext, actor: Actor, rawInput: unknown): Promise<RestoreResult> {
  return runOperation(restoreOperation, context, actor, rawInput);
}

/** Sets a new expiry, counted from now, within the same limits as at provisioning. */
export function extendEnvironment(context: DomainContext, actor: Actor, rawInput: unknown): Promise<Date | null> {
  return runOperation(extendOperation, context, actor, rawInput);
}

/** Protects for `hours`, until unprotected (null, admins), or unprotects (0). */
export async function protectEnvironment(context: DomainContext, actor: Actor, rawInput: unknown): Promise<void> {
  await runOperation(protectOperation, context, actor, rawInput);
}
