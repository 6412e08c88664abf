import { AppError } from '@/lib/errors';
import type { PgRunner } from './pool';

/** A row of `yb_database_clones()` (db_oid, db_name, parent_db_oid, parent_db_name, state, as_of_time, failure_reason). */
export interface CloneStatusRow {
  db_name: string;
  parent_db_name: string;
  state: string;
  failure_reason: string | null;
}

export type CloneOutcome = { kind: 'pending' } | { kind: 'complete' } | { kind: 'aborted'; reason: string | null };

const TERMINAL_STATES = new Set(['COMPLETE', 'ABORTED']);

/**
 * Reads the clone of `target` from `yb_database_clones()` rows. The function keeps every
 * clone ever made into a name, so an earlier ABORTED or COMPLETE row for the same name may
 * be there too: any row still in progress means pending; otherwise a database that exists
 * with a COMPLETE row is done, and anything else failed.
 */
export function cloneOutcome(rows: readonly CloneStatusRow[], target: string, targetExists: boolean): CloneOutcome {
  const mine = rows.filter((row) => row.db_name === target);
  if (mine.some((row) => !TERMINAL_STATES.has(row.state))) return { kind: 'pending' };
  if (targetExists && (mine.length === 0 || mine.some((row) => row.state === 'COMPLETE'))) return { kind: 'complete' };
  if (mine.length === 0) return { kind: 'pending' };
  const aborted = mine.find((row) => row.state === 'ABORTED');
  return { kind: 'aborted', reason: aborted?.failure_reason ?? null };
}

export interface WaitOptions {
  timeoutMs: number;
  intervalMs: number;
  sleep?: (ms: number) => Promise<void>;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until the clone of `target` completes; AppError when it aborts or takes too long. */
export async function waitForClone(runner: PgRunner, target: string, options: WaitOptions): Promise<void> {
  const sleep = options.sleep ?? pause;
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const rows = await runner.rows<CloneStatusRow>(
      `watch the clone of ${target}`,
      'SELECT db_name, parent_db_name, state, failure_reason FROM yb_database_clones() WHERE db_name = $1',
      { params: [target] },
    );
    const exists = await runner.rows('look up a database', 'SELECT 1 FROM pg_database WHERE datname = $1', { params: [target] });
    const outcome = cloneOutcome(rows, target, exists.length > 0);
    if (outcome.kind === 'complete') return;
    if (outcome.kind === 'aborted') {
      throw new AppError('ENGINE_UNAVAILABLE', `YugabyteDB aborted the clone into "${target}"; its reason is in the server log.`, {
        cause: outcome.reason,
      });
    }
    if (Date.now() >= deadline) throw new AppError('TIMEOUT', `The clone into "${target}" did not finish within ${options.timeoutMs} ms.`);
    await sleep(options.intervalMs);
  }
}

/**
 * Runs tasks one at a time per key: YugabyteDB refuses a second clone of a source while
 * one is running, so clones of one source wait their turn here instead of failing.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running. */
  get busyKeys(): string[] {
    return [...this.tails.keys()];
  }
}
