import type { z } from 'zod';
import type { EngineOperation } from '@/lib/engines/types';
import type { Environment, EnvironmentStatus, Prisma } from '@/lib/generated/prisma/client';
import type { Need } from '../access';
import type { Actor } from '../actor';
import type { AuditTarget } from '../audit';
import type { DomainContext } from '../context';

/** The engine operations an operation carries out, as data: "Show SQL" renders them, the runner executes them. */
export interface Plan {
  engineId: string;
  steps: PlanStep[];
}

export interface PlanStep {
  operation: EngineOperation;
  /** NOT_FOUND from the engine counts as done (a drop finishing what an earlier one started). */
  missingIsDone?: boolean;
}

/**
 * The status an environment holds while the engine works, and where it goes after. A failure
 * that is a refusal (bad input, busy, unsupported) puts the previous status back; any other
 * failure leaves it `failed` with the reason — a settled state from which every action,
 * the same one included, can be tried again.
 */
export interface Transition {
  environment: Environment;
  during: EnvironmentStatus;
  /** What the UI shows meanwhile, e.g. "Resetting to qa_1_base". */
  message: string;
  /** The statuses it may start from (the settled ones when omitted). */
  from?: EnvironmentStatus[];
  /** The record after success (status ready when omitted). */
  succeeded?: (now: Date) => Prisma.EnvironmentUpdateInput;
  /** The status message after an engine failure, e.g. "Drop failed; drop it again to retry". */
  failedMessage: string;
}

/** What the runner hands `commit`: the input, what was loaded, and each step's engine answer. */
export interface Outcome<Input, Subject> {
  input: Input;
  subject: Subject;
  plan: Plan;
  answers: unknown[];
}

/**
 * One operation, defined once: its input (a zod schema from lib/validations), the permission
 * it needs (asked of the one policy in access.ts), how it finds and authorizes what it acts on,
 * the rules that may refuse it, its plan of engine operations, its status transition, what it
 * records afterwards, and its audit event. `runOperation` executes it for server actions, REST
 * handlers (and so the CLI); `previewOperation` renders the same plan for "Show SQL".
 *
 * `PlanInput` is the part of the input the plan depends on (what a preview is asked with);
 * `Input` is the whole input a run takes.
 */
export interface OperationDefinition<PlanInput, Input extends PlanInput, Subject, Result> {
  /** The audit action, e.g. `environment.reset`. */
  action: string;
  /** A different audit action for some inputs (protect for 0 hours is `environment.unprotect`). */
  auditAction?(input: Input): string;
  need: Need;
  planInput: z.ZodType<PlanInput>;
  input: z.ZodType<Input>;
  /** Finds what the operation acts on and authorizes `need` on it (NOT_FOUND / FORBIDDEN). */
  load(context: DomainContext, actor: Actor, input: PlanInput, need: Need): Promise<Subject>;
  /** What the audit event names; `subject` is null when loading failed. */
  target(subject: Subject | null, input: unknown): AuditTarget;
  /** Rules that refuse the run (protection, confirmation, quotas); previews skip them. */
  check?(context: DomainContext, actor: Actor, subject: Subject, input: Input): Promise<void>;
  plan(context: DomainContext, actor: Actor, subject: Subject, input: PlanInput): Promise<Plan>;
  /**
   * The bytes a run would give back now, from the same measurement the storage page, the tree
   * and the API show (its result then reports what was freed). Operations that free storage
   * define it; a dry run answers with it.
   */
  freedIfRun?(context: DomainContext, subject: Subject): Promise<number | null>;
  /**
   * Records the operation before the engine work, which then runs as a background job (a
   * provision writes its environment first, so the name is taken and the UI shows progress).
   */
  start?(context: DomainContext, actor: Actor, subject: Subject, input: Input): Promise<Subject>;
  transition?(subject: Subject, input: Input): Transition;
  /** Records the result in the metadata once the engine work is done (inside the transition). */
  commit(context: DomainContext, actor: Actor, outcome: Outcome<Input, Subject>): Promise<Result>;
  /** Called when the engine work or commit failed: undo what the engine did (a half-made clone), or keep what is worth keeping. */
  onFailure?(context: DomainContext, outcome: Outcome<Input, Subject>, error: unknown): Promise<void>;
  details?(input: Input, subject: Subject, result?: Result): Prisma.InputJsonValue;
}

/** A definition of any shape, for registries and tests that treat all of them alike (its methods are bivariant). */
export type AnyOperation = OperationDefinition<unknown, unknown, unknown, unknown>;
