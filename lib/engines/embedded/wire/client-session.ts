import type net from 'node:net';
import { isAppError } from '@/lib/errors';
import { BackendBusy } from '../worker/worker-handle';
import { ClientNames, carried, isCopyFromStdin, mayChangeSettings, sqlOf } from './client-state';
import {
  COPY_FAIL,
  cstring,
  errorResponse,
  MAX_MESSAGE_BYTES,
  message,
  type Message,
  MessageReader,
  ProtocolViolation,
  readyForQuery,
  scanReply,
  simpleQuery,
  SYNC,
  type TransactionStatus,
} from './frames';
import { Interrupted, type SharedBackend, type Turn, type TurnOwner } from './shared-backend';

export interface SessionLimits {
  /** How long a client waits for the backend before its statement fails. */
  turnWaitMs: number;
  /** A client idle in an open transaction longer than this is disconnected (its transaction rolls back). */
  idleInTransactionMs: number;
}

export type SessionState = 'idle' | 'waiting' | 'active' | 'idle in transaction' | 'idle in transaction (aborted)' | 'copy';

const COPY_PROBE_SAVEPOINT = 'clonedeck_copy_probe';

/**
 * One client of an embedded database. Its messages are gathered into protocol cycles (up to a
 * Query, a Sync, a Flush or a function call) and run in the shared backend in its turn; the
 * turn lasts until the backend is ready with no transaction open, so no other client's message
 * ever runs inside this client's transaction, and nobody else's answers reach it.
 */
export class ClientSession implements TurnOwner {
  readonly names: ClientNames;
  settings: Map<string, string>;
  generation = -1;
  readonly since = new Date();
  state: SessionState = 'idle';
  stateSince = new Date();
  lastStatement: string | null = null;
  private status: TransactionStatus = 'I';
  private readonly reader = new MessageReader();
  private inbox: Message[] = [];
  private turn: Turn | null = null;
  private working = false;
  private settingsDirty = false;
  private copy: { sql: string; data: Buffer[]; bytes: number; tooLarge: boolean } | null = null;
  private idleTimer: NodeJS.Timeout | undefined;
  private interruptNow: ((reason: string) => void) | null = null;
  private closed = false;
  private cleanup: Promise<void> | null = null;

  constructor(
    readonly id: number,
    private readonly socket: net.Socket,
    private readonly backend: SharedBackend,
    readonly role: 'read-write' | 'read-only',
    readonly user: string,
    settings: Map<string, string>,
    private readonly limits: SessionLimits,
  ) {
    this.names = new ClientNames(`c${id}_`);
    this.settings = carried(settings);
  }

  get statements(): Iterable<Buffer> {
    return this.names.statements.values();
  }

  /**
   * The values to report at start-up. With the backend free, the client's settings are put in
   * place and read back (an invalid one throws, refusing the connection). With the backend busy
   * the client does not wait for it (a program that drives several connections from one thread
   * would deadlock): its settings go in place at its first turn.
   */
  async begin(reported: readonly string[]): Promise<Map<string, string>> {
    if (this.backend.busy && this.backend.reported) {
      const values = new Map(this.backend.reported);
      for (const [name, value] of this.settings) if (values.has(name)) values.set(name, value);
      return values;
    }
    const turn = await this.backend.take(this, this.limits.turnWaitMs);
    try {
      this.settings = await this.backend.readSettings(turn.worker, this);
      const names = reported.map((name) => `'${name}'`).join(', ');
      const reply = await this.backend.run(
        turn.worker,
        this.role,
        simpleQuery(`SELECT json_object_agg(name, setting)::text FROM pg_settings WHERE name IN (${names})`),
      );
      const row = scanReply(reply).messages.find((entry) => entry.type === 'D');
      const text = row ? reply.toString('utf8', row.start + 11, row.end) : '{}';
      const values = new Map(Object.entries(JSON.parse(text) as Record<string, string>));
      this.backend.reported = values;
      return new Map(values);
    } finally {
      turn.release();
    }
  }

  /** Starts reading the client's messages (after start-up). */
  listen(): void {
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('close', () => void this.close());
    this.socket.on('error', () => void this.close());
    this.socket.resume();
  }

  receive(chunk: Buffer): void {
    try {
      this.inbox.push(...this.reader.push(chunk));
    } catch (error) {
      if (error instanceof ProtocolViolation) return this.fatal('08P01', error.message);
      throw error;
    }
    clearTimeout(this.idleTimer);
    void this.pump();
  }

  /** A cancel request for this session: stops its running statement, or its wait for the backend. */
  cancel(): void {
    this.interruptNow?.('canceling statement due to user request');
  }

  /** Ends the session from outside (an admin's "end session", a drop): its transaction rolls back. */
  terminate(reason = 'terminating connection due to administrator command'): void {
    this.fatal('57P01', reason);
  }

  private async pump(): Promise<void> {
    if (this.working || this.closed) return;
    this.working = true;
    try {
      while (!this.closed) {
        if (this.copy) {
          const end = this.collectCopy();
          if (!end) break;
          await this.finishCopy(end);
          continue;
        }
        const cycle = this.nextCycle();
        if (!cycle) break;
        await this.runCycle(cycle);
      }
    } catch (error) {
      console.warn(`[clonedeck] embedded wire: a client session failed:`, error);
      this.fatal('XX000', 'the database session failed; reconnect');
    } finally {
      this.working = false;
    }
    if (this.turn && !this.closed && this.inbox.length === 0) this.armIdleTimer();
  }

  /** The next complete cycle from the inbox (messages up to one that asks for answers), or null. */
  private nextCycle(): Message[] | null {
    for (let index = 0; index < this.inbox.length; index++) {
      const type = this.inbox[index]!.type;
      if (type === 'X') {
        this.inbox = [];
        void this.close();
        return null;
      }
      if ('QSHF'.includes(type)) {
        // CopyData, CopyDone and CopyFail outside COPY are ignored, as the backend would.
        const cycle = this.inbox.slice(0, index + 1).filter((message) => !'dcf'.includes(message.type));
        this.inbox = this.inbox.slice(index + 1);
        return cycle;
      }
    }
    return null;
  }

  private async runCycle(cycle: Message[]): Promise<void> {
    const last = cycle[cycle.length - 1]!;
    for (const message of cycle) {
      const sql = sqlOf(message);
      if (sql === null) continue;
      this.lastStatement = sql;
      if (mayChangeSettings(sql)) this.settingsDirty = true;
    }
    if (!this.turn && this.backend.busy && isNamedPrepareOnly(cycle)) return this.deferPrepare(cycle);
    const refused = await this.ensureTurn();
    if (refused) {
      this.setState(this.idleState());
      this.socket.write(Buffer.concat([refused, readyForQuery(this.status)]));
      return;
    }
    const query = last.type === 'Q' ? this.lastStatement! : null;
    if (query !== null && isCopyFromStdin(query)) return this.startCopy(query);
    const bytes = cycle.map((message) => this.names.translate(message));
    // A COPY FROM STDIN nobody foresaw must end inside this call, never wait for input the backend will not get.
    if (last.type === 'Q') bytes.push(COPY_FAIL);
    else if (last.type !== 'F') bytes.splice(bytes.length - 1, 0, COPY_FAIL);
    await this.execute(Buffer.concat(bytes));
  }

  /**
   * Named Parse messages alone (a synchronous prepare) while another client holds the backend:
   * answered at once and run at the start of this client's next turn, so a program driving
   * several connections from one thread never waits on itself.
   */
  private deferPrepare(cycle: Message[]): void {
    const parses = cycle.filter((entry) => entry.type === 'P');
    for (const parse of parses) this.deferred.push(this.names.translate(parse));
    this.socket.write(Buffer.concat([...parses.map(() => PARSE_COMPLETE), readyForQuery(this.status)]));
  }

  private deferred: Buffer[] = [];
  /** The client's transaction was cut off with its backend: its next turn begins with an aborted one. */
  private abortedTransaction = false;

  /** Waits for the backend unless this client holds it already; the error to answer when the wait failed. */
  private async ensureTurn(): Promise<Buffer | null> {
    if (this.turn) return null;
    this.setState('waiting');
    const cancelled = new Promise<string>((resolve) => (this.interruptNow = resolve));
    const taking = this.backend.take(this, this.limits.turnWaitMs);
    try {
      const outcome = await Promise.race([taking, cancelled]);
      if (typeof outcome === 'string') {
        void taking.then(
          (turn) => turn.release(),
          () => undefined,
        );
        return errorResponse('57014', outcome);
      }
      this.turn = outcome;
      if (this.abortedTransaction) {
        // The backend that ran this client's transaction is gone: a new one starts it again,
        // aborted, so the client sees what PostgreSQL would show (25P02, COMMIT → ROLLBACK).
        this.abortedTransaction = false;
        await this.backend.run(outcome.worker, this.role, simpleQuery(ABORTED_TRANSACTION_SQL));
      }
      if (this.deferred.length) {
        const parses = this.deferred;
        this.deferred = [];
        await this.backend.run(outcome.worker, this.role, Buffer.concat([...parses, SYNC]));
      }
      return null;
    } catch (error) {
      return errorFor(error, this.limits.turnWaitMs);
    } finally {
      this.interruptNow = null;
    }
  }

  /** Runs bytes in the client's turn, answers the client, and ends the turn when no transaction is open. */
  private async execute(bytes: Buffer, copyIn = false): Promise<void> {
    const turn = this.turn!;
    this.setState('active');
    const interrupt = new Promise<string>((resolve) => (this.interruptNow = resolve));
    const timeout = statementTimeoutMs(this.settings);
    const timer = timeout > 0 ? setTimeout(() => this.interruptNow?.('canceling statement due to statement timeout'), timeout) : undefined;
    let reply: Buffer;
    try {
      reply = await this.backend.runInterruptible(turn.worker, this.role, bytes, interrupt);
    } catch (error) {
      reply = this.afterFailure(error);
    } finally {
      clearTimeout(timer);
      this.interruptNow = null;
    }
    // The client had its CopyInResponse from the probe already.
    await this.answer(copyIn ? withoutCopyIn(reply) : reply);
  }

  /** The backend is gone (interrupted, or it failed): the client gets an error and, inside a transaction, an aborted one. */
  private afterFailure(error: unknown): Buffer {
    const wasInTransaction = this.status !== 'I';
    this.turn?.release();
    this.turn = null;
    this.status = wasInTransaction ? 'E' : 'I';
    this.abortedTransaction = wasInTransaction;
    const text = error instanceof Interrupted ? error.message : 'the database backend stopped; the statement did not complete';
    const code = error instanceof Interrupted ? '57014' : '57P01';
    return Buffer.concat([errorResponse(code, text), readyForQuery(this.status)]);
  }

  private async answer(reply: Buffer): Promise<void> {
    const scan = scanReply(reply);
    if (scan.status) this.status = scan.status;
    this.socket.write(reply);
    if (scan.status === 'I' && this.turn) await this.endTurn();
    this.setState(this.turn && !scan.status ? 'active' : this.idleState());
  }

  private async endTurn(): Promise<void> {
    const turn = this.turn!;
    if (this.settingsDirty) {
      this.settingsDirty = false;
      this.settings = await this.backend.readSettings(turn.worker, this).catch(() => this.settings);
    }
    this.turn = null;
    turn.release();
  }

  /** The client sent COPY … FROM STDIN: tell it to send the data, then run query and data in one call. */
  private async startCopy(sql: string): Promise<void> {
    const probe = await this.probeCopy(sql);
    const scan = scanReply(probe);
    const copyIn = scan.messages.find((entry) => entry.type === 'G');
    if (!copyIn) return this.answer(probe);
    this.copy = { sql, data: [], bytes: 0, tooLarge: false };
    this.setState('copy');
    this.socket.write(probe.subarray(copyIn.start, copyIn.end));
  }

  /**
   * Runs the COPY with no data to learn its CopyInResponse (columns and format). Inside a
   * transaction a savepoint keeps the failed probe from aborting it. A statement that was not a
   * COPY after all ran for real outside a transaction: its answer is the client's answer.
   */
  private async probeCopy(sql: string): Promise<Buffer> {
    const { worker } = this.turn!;
    if (this.status === 'I') return this.backend.run(worker, this.role, Buffer.concat([simpleQuery(sql), COPY_FAIL]));
    if (this.status === 'E') return this.backend.run(worker, this.role, Buffer.concat([simpleQuery(sql), COPY_FAIL]));
    const reply = await this.backend.run(
      worker,
      this.role,
      Buffer.concat([
        simpleQuery(`SAVEPOINT ${COPY_PROBE_SAVEPOINT}`),
        simpleQuery(sql),
        COPY_FAIL,
        simpleQuery(`ROLLBACK TO SAVEPOINT ${COPY_PROBE_SAVEPOINT}; RELEASE SAVEPOINT ${COPY_PROBE_SAVEPOINT}`),
      ]),
    );
    const scan = scanReply(reply);
    if (scan.messages.some((entry) => entry.type === 'G')) return reply;
    // Not a COPY FROM STDIN: it ran inside the savepoint and was undone; run it for real.
    return this.backend.run(worker, this.role, Buffer.concat([simpleQuery(sql), COPY_FAIL]));
  }

  /** CopyData until CopyDone or CopyFail (null until then); Flush and Sync during COPY are ignored, as the backend would. */
  private collectCopy(): { copy: NonNullable<ClientSession['copy']>; end: Message } | null {
    const copy = this.copy!;
    while (this.inbox.length) {
      const message = this.inbox.shift()!;
      if (message.type === 'd') {
        copy.bytes += message.raw.length;
        if (copy.bytes > MAX_MESSAGE_BYTES) copy.tooLarge = true;
        if (!copy.tooLarge) copy.data.push(message.raw);
      } else if (message.type === 'c' || message.type === 'f') {
        this.copy = null;
        return { copy, end: message };
      }
    }
    return null;
  }

  /** The query, its data and its end in one call: the backend never waits for input mid-COPY. */
  private async finishCopy({ copy, end }: { copy: NonNullable<ClientSession['copy']>; end: Message }): Promise<void> {
    const query = simpleQuery(copy.sql);
    if (copy.tooLarge) {
      const fail = message('f', cstring(`COPY data over ${MAX_MESSAGE_BYTES / 1024 / 1024} MB in one statement; split it`));
      return this.execute(Buffer.concat([query, fail]), true);
    }
    await this.execute(Buffer.concat([query, ...copy.data, end.raw]), true);
  }

  private async close(): Promise<void> {
    if (this.cleanup) return this.cleanup;
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.socket.destroy();
    this.cleanup = this.releaseEverything();
    return this.cleanup;
  }

  /** Rolls back an open transaction and closes the client's statements, so nothing of it stays in the backend. */
  private async releaseEverything(): Promise<void> {
    while (this.working) await new Promise((resolve) => setTimeout(resolve, 10));
    const statements = [...this.names.statements.keys()];
    try {
      if (!this.turn && statements.length === 0) return;
      if (!this.turn && this.generation !== this.backend.generation) return;
      if (!this.turn) this.turn = await this.backend.take(this, this.limits.turnWaitMs);
      const parts: Buffer[] = [];
      if (this.status !== 'I') parts.push(simpleQuery('ROLLBACK'));
      for (const name of statements) parts.push(closeStatement(name));
      parts.push(SYNC);
      await this.backend.run(this.turn.worker, this.role, Buffer.concat(parts));
    } catch {
      // The backend is gone or busy past the limit: a restart clears what this client left.
    } finally {
      this.turn?.release();
      this.turn = null;
      this.backend.detach();
    }
  }

  private fatal(code: string, text: string): void {
    if (this.closed) return;
    this.socket.write(errorResponse(code, text, 'FATAL'));
    void this.close();
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    const limit = idleLimitMs(this.settings, this.limits.idleInTransactionMs);
    this.idleTimer = setTimeout(() => this.fatal('25P03', 'terminating connection due to idle-in-transaction timeout'), limit);
    this.idleTimer.unref();
  }

  private idleState(): SessionState {
    if (this.status === 'T') return 'idle in transaction';
    if (this.status === 'E') return 'idle in transaction (aborted)';
    return 'idle';
  }

  private setState(state: SessionState): void {
    if (state === this.state) return;
    this.state = state;
    this.stateSince = new Date();
  }
}

const PARSE_COMPLETE = message('1');

const ABORTED_TRANSACTION_SQL =
  "BEGIN; DO $$BEGIN RAISE EXCEPTION USING ERRCODE = 'query_canceled', MESSAGE = 'the transaction was cancelled'; END$$";

function isNamedPrepareOnly(cycle: Message[]): boolean {
  const last = cycle[cycle.length - 1]!;
  return last.type === 'S' && cycle.length > 1 && cycle.slice(0, -1).every((entry) => entry.type === 'P' && entry.body[0] !== 0);
}

function withoutCopyIn(reply: Buffer): Buffer {
  const scan = scanReply(reply);
  return Buffer.concat(scan.messages.filter((entry) => entry.type !== 'G').map((entry) => reply.subarray(entry.start, entry.end)));
}

function closeStatement(name: string): Buffer {
  return message('C', Buffer.concat([Buffer.from('S', 'latin1'), cstring(name)]));
}

function errorFor(error: unknown, waitMs: number): Buffer {
  if (error instanceof BackendBusy) {
    return errorResponse(
      '57014',
      `waited ${Math.round(waitMs / 1000)} s for this database's backend, which another client holds (a long statement or an open transaction)`,
    );
  }
  if (isAppError(error)) return errorResponse(error.code === 'VALIDATION' ? '22023' : '57P03', error.message);
  return errorResponse('57P03', 'the database cannot accept statements right now');
}

function statementTimeoutMs(settings: Map<string, string>): number {
  return Number(settings.get('statement_timeout') ?? 0) || 0;
}

function idleLimitMs(settings: Map<string, string>, limit: number): number {
  const own = Number(settings.get('idle_in_transaction_session_timeout') ?? 0) || 0;
  return own > 0 ? Math.min(own, limit) : limit;
}
