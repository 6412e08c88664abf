import type { Environment, Snapshot } from '@/lib/generated/prisma/client';
import type { Need } from '../access';
import type { Actor } from '../actor';
import type { AuditTarget } from '../audit';
import type { DomainContext } from '../context';
import { loadEnvironment, loadSnapshot } from '../environments/load';

/** How operations on one environment find it: by id, authorized for the operation's need. */
export const loadEnvironmentSubject = (context: DomainContext, actor: Actor, input: { environmentId: string }, need: Need) =>
  loadEnvironment(context, actor, input.environmentId, need);

export const loadSnapshotSubject = (context: DomainContext, actor: Actor, input: { snapshotId: string }, need: Need) =>
  loadSnapshot(context, actor, input.snapshotId, need);

/** The audit target of an environment operation: the environment, or the id asked for when it could not be loaded. */
export function environmentTarget(environment: Environment | null, rawInput: unknown): AuditTarget {
  if (environment) return { type: 'environment', name: environment.name, teamId: environment.teamId };
  return { type: 'environment', name: field(rawInput, 'environmentId') };
}

export function snapshotTarget(snapshot: Snapshot | null, rawInput: unknown): AuditTarget {
  if (snapshot) return { type: 'snapshot', name: snapshot.name, teamId: snapshot.teamId };
  return { type: 'snapshot', name: field(rawInput, 'snapshotId') };
}

/** A field of input that failed validation or loading, for naming it in the audit log. */
export function field(rawInput: unknown, name: string): string {
  const value = typeof rawInput === 'object' && rawInput !== null ? (rawInput as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value.slice(0, 128) : '';
}

/** An operation that only changes metadata: no engine steps, on the environment's engine. */
export const noEngineWork = (environment: Environment) => Promise.resolve({ engineId: environment.engineId, steps: [] });
