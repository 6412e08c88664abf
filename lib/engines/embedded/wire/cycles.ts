import { isAppError } from '@/lib/errors';
import { BackendBusy } from '../worker/worker-handle';
import { cstring, errorResponse, message, type Message } from './frames';

/**
 * The parts of a client session that need no session: how its messages form protocol
 * cycles, the messages it answers itself, and its limits.
 */

export interface SessionLimits {
  /** How long a client waits for the backend before its statement fails. */
  turnWaitMs: number;
  /** A client idle in an open transaction longer than this is disconnected (its transaction rolls back). */
  idleInTransactionMs: number;
}

export type SessionState = 'idle' | 'waiting' | 'active' | 'idle in transaction' | 'idle in transaction (aborted)' | 'copy';

/**
 * The next protocol cycle at the start of the inbox: messages up to one that asks for answers
 * (Query, Sync, Flush, function call); null while incomplete; 'terminate' at a Terminate.
 * CopyData, CopyDone and CopyFail outside COPY are dropped, as the backend would ignore them.
 */
export function splitCycle(inbox: Message[]): { cycle: Message[]; rest: Message[] } | 'terminate' | null {
  for (let index = 0; index < inbox.length; index++) {
    const type = inbox[index]!.type;
    if (type === 'X') return 'terminate';
    if ('QSHF'.includes(type)) {
      return { cycle: inbox.slice(0, index + 1).filter((entry) => !'dcf'.includes(entry.type)), rest: inbox.slice(index + 1) };
    }
  }
  return null;
}

export const PARSE_COMPLETE = message('1');

export const ABORTED_TRANSACTION_SQL =
  "BEGIN; DO $$BEGIN RAISE EXCEPTION USING ERRCODE = 'query_canceled', MESSAGE = 'the transaction was cancelled'; END$$";

export function isNamedPrepareOnly(cycle: Message[]): boolean {
  const last = cycle[cycle.length - 1]!;
  return last.type === 'S' && cycle.length > 1 && cycle.slice(0, -1).every((entry) => entry.type === 'P' && entry.body[0] !== 0);
}

export function closeStatement(name: string): Buffer {
  return message('C', Buffer.concat([Buffer.from('S', 'latin1'), cstring(name)]));
}

export function errorFor(error: unknown, waitMs: number): Buffer {
  if (error instanceof BackendBusy) {
    return errorResponse(
      '57014',
      `waited ${Math.round(waitMs / 1000)} s for this database's backend, which another client holds (a long statement or an open transaction)`,
    );
  }
  if (isAppError(error)) return errorResponse(error.code === 'VALIDATION' ? '22023' : '57P03', error.message);
  return errorResponse('57P03', 'the database cannot accept statements right now');
}

export function statementTimeoutMs(settings: Map<string, string>): number {
  return Number(settings.get('statement_timeout') ?? 0) || 0;
}

export function idleLimitMs(settings: Map<string, string>, limit: number): number {
  const own = Number(settings.get('idle_in_transaction_session_timeout') ?? 0) || 0;
  return own > 0 ? Math.min(own, limit) : limit;
}
