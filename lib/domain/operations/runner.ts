import { executeEngineOperation } from '@/lib/engines/execute';
import type { Engine, EngineKind, SqlStatement } from '@/lib/engines/types';
import { isAppError } from '@/lib/errors';
import { parseOrThrow } from '@/lib/validations/parse';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DomainContext } from '../context';
import { invalidateUsage } from '../usage';
import type { OperationDefinition, Outcome, Plan, PlanStep } from './definition';
import { withTransition } from './transition';

export interface SqlPreview {
  engine: EngineKind;
  statements: SqlStatement[];
}

/**
 * Runs one operation: validate the input, load and authorize, check the rules, plan, then
 * carry out the plan inside the status transition and record the result; one audit event
 * says how it went, also when it was refused before anything happened.
 */
export async function runOperation<P, I extends P, S, R>(
  definition: OperationDefinition<P, I, S, R>,
  context: DomainContext,
  actor: Actor,
  rawInput: unknown,
): Promise<R> {
  const started = await startOperation(definition, context, actor, rawInput);
  return started.finished;
}

/**
 * The same, returning as soon as the work is underway: operations that record themselves
 * first (`start`, a provision) hand the engine work to the background jobs, and the caller
 * may wait for `finished` or answer at once with what was recorded.
 */
export async function startOperation<P, I extends P, S, R>(
  definition: OperationDefinition<P, I, S, R>,
  context: DomainContext,
  actor: Actor,
  rawInput: unknown,
): Promise<{ subject: S; finished: Promise<R> }> {
  let loaded: { input: I; subject: S } | null = null;
  let plan: Plan;
  try {
    const input = parseOrThrow(definition.input, rawInput);
    loaded = { input, subject: await definition.load(context, actor, input, definition.need) };
    await definition.check?.(context, actor, loaded.subject, input);
    plan = await definition.plan(context, actor, loaded.subject, input);
    if (definition.start) loaded.subject = await definition.start(context, actor, loaded.subject, input);
  } catch (error) {
    await audit(definition, context, actor, rawInput, loaded, { ok: false, error });
    throw error;
  }
  const { input, subject } = loaded;
  const finished = finish(definition, context, actor, { input, subject, plan, answers: [] });
  // A background failure is already recorded (status, audit, server log): the job only keeps it tracked.
  if (definition.start)
    void context.jobs.run(`${definition.action} ${definition.target(subject, rawInput).name}`, () => finished.then(noop, noop));
  return { subject, finished };
}

async function finish<P, I extends P, S, R>(
  definition: OperationDefinition<P, I, S, R>,
  context: DomainContext,
  actor: Actor,
  outcome: Outcome<I, S>,
): Promise<R> {
  const loaded = { input: outcome.input, subject: outcome.subject };
  try {
    const result = await carryOut(definition, context, actor, outcome);
    await audit(definition, context, actor, outcome.input, loaded, { ok: true }, result);
    return result;
  } catch (error) {
    await audit(definition, context, actor, outcome.input, loaded, { ok: false, error });
    throw error;
  }
}

/**
 * The engine work of a planned operation, inside its status transition: each step through
 * the one executor, then `commit`; on failure `onFailure`, then the transition's failure state.
 */
export async function carryOut<P, I extends P, S, R>(
  definition: OperationDefinition<P, I, S, R>,
  context: DomainContext,
  actor: Actor,
  outcome: Outcome<I, S>,
): Promise<R> {
  const engine = await context.engines.get(outcome.plan.engineId);
  const work = async () => {
    try {
      try {
        for (const step of outcome.plan.steps) outcome.answers.push(await executeStep(engine, step));
      } finally {
        // Engine work changes sizes (a new snapshot, a reset top): the next read measures afresh.
        if (outcome.plan.steps.length > 0) invalidateUsage(outcome.plan.engineId);
      }
      return await definition.commit(context, actor, outcome);
    } catch (error) {
      if (!isAppError(error)) console.error(`[clonedeck] ${definition.action} failed:`, error);
      await definition.onFailure?.(context, outcome, error);
      throw error;
    }
  };
  const transition = definition.transition?.(outcome.subject, outcome.input);
  return transition ? withTransition(context, transition, work) : work();
}

/** What a run would do now, without doing it. */
export interface DryRun {
  plan: Plan;
  /** What it would free (see `freedIfRun`); null where the operation frees nothing the engine can tell. */
  freedBytes: number | null;
}

/**
 * The plan an operation would carry out now, found as a run finds it. For Show SQL
 * (`preview`): authorized for `read` only, rules not checked. For a dry run (`dryRun`): the
 * whole input validated, authorized for the run's own permission and its rules checked, so it
 * is refused exactly where the run would be, with what the run would free. Neither changes
 * anything or is audited.
 */
export async function planOperation<P, I extends P, S, R>(
  definition: OperationDefinition<P, I, S, R>,
  context: DomainContext,
  actor: Actor,
  rawInput: unknown,
  as: 'preview' | 'dryRun' = 'preview',
): Promise<DryRun> {
  if (as === 'preview') {
    const input = parseOrThrow(definition.planInput, rawInput);
    const subject = await definition.load(context, actor, input, 'read');
    return { plan: await definition.plan(context, actor, subject, input), freedBytes: null };
  }
  const input = parseOrThrow(definition.input, rawInput);
  const subject = await definition.load(context, actor, input, definition.need);
  await definition.check?.(context, actor, subject, input);
  const plan = await definition.plan(context, actor, subject, input);
  return { plan, freedBytes: (await definition.freedIfRun?.(context, subject)) ?? null };
}

/** The statements the plan will run, in the engine's own dialect: what "Show SQL" shows. */
export async function previewOperation<P, I extends P, S, R>(
  definition: OperationDefinition<P, I, S, R>,
  context: DomainContext,
  actor: Actor,
  rawInput: unknown,
): Promise<SqlPreview> {
  const { plan } = await planOperation(definition, context, actor, rawInput);
  return renderPlan(await context.engines.get(plan.engineId), plan);
}

export function renderPlan(engine: Pick<Engine, 'kind' | 'dialect'>, plan: Plan): SqlPreview {
  return { engine: engine.kind, statements: plan.steps.flatMap((step) => engine.dialect.describe(step.operation)) };
}

const noop = () => undefined;

async function executeStep(engine: Engine, step: PlanStep): Promise<unknown> {
  try {
    return await executeEngineOperation(engine, step.operation);
  } catch (error) {
    if (step.missingIsDone && isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

async function audit<P, I extends P, S, R>(
  definition: OperationDefinition<P, I, S, R>,
  context: DomainContext,
  actor: Actor,
  rawInput: unknown,
  loaded: { input: I; subject: S } | null,
  outcome: { ok: true } | { ok: false; error: unknown },
  result?: R,
): Promise<void> {
  const target = definition.target(loaded?.subject ?? null, rawInput);
  const details = loaded ? definition.details?.(loaded.input, loaded.subject, result) : undefined;
  const action = loaded ? (definition.auditAction?.(loaded.input) ?? definition.action) : definition.action;
  await recordAudit(context, actor, action, target, outcome, details);
}
