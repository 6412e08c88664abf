import type net from 'node:net';
import { ClientNames, carried, isCopyFromStdin, mayChangeSettings, sqlOf } from './client-state';
import { CopyIn, copyInResponse, probeCopy, withoutCopyIn } from './copy-in';
import { type DeferredBegin, deferredPart, predictBegin } from './deferred-begin';
import {
  ABORTED_TRANSACTION_SQL,
  closeStatement,
  errorFor,
  idleLimitMs,
  isNamedPrepareOnly,
  PARSE_COMPLETE,
  type SessionLimits,
  type SessionState,
  splitCycle,
  statementTimeoutMs,
} from './cycles';
import {
  COPY_FAIL,
  errorResponse,
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
  /** The running drain of the inbox, if any (one at a time). */
  private pumping: Promise<void> | null = null;
  private settingsDirty = false;
  private copy: CopyIn | null = null;
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
      return await this.backend.readReported(turn.worker, this, reported);
    } finally {
      turn.release();
    }
  }

  /** Starts reading the client's messages (after start-up). */
  listen(): void {
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('close', () => void this.close());
    this.socket.on('error', () => void this.close());
    if (this.socket.destroyed)
      void this.close(); // it left while its start-up was answered
    else this.socket.resume();
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

  private pump(): Promise<void> {
    if (!this.pumping && !this.closed) this.pumping = this.drain().finally(() => (this.pumping = null));
    return this.pumping ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    try {
      while (!this.closed) {
        if (this.copy) {
          const call = this.copy.take(this.inbox);
          if (!call) break;
          this.copy = null;
          await this.execute(call, true);
          continue;
        }
        const cycle = this.nextCycle();
        if (!cycle) break;
        await this.runCycle(cycle);
      }
    } catch (error) {
      console.warn(`[clonedeck] embedded wire: a client session failed:`, error);
      this.fatal('XX000', 'the database session failed; reconnect');
    }
    if ((this.turn || this.pendingBegin) && !this.closed && this.inbox.length === 0) this.armIdleTimer();
  }

  /** The next complete cycle from the inbox, or null; a Terminate closes the session. */
  private nextCycle(): Message[] | null {
    const next = splitCycle(this.inbox);
    if (next === 'terminate') {
      this.inbox = [];
      void this.close();
      return null;
    }
    if (!next) return null;
    this.inbox = next.rest;
    return next.cycle;
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
    if (!this.turn && this.status === 'I' && this.deferBegin(cycle)) return;
    const refused = await this.ensureTurn();
    if (refused) {
      if (this.pendingBegin) {
        // The statement that was to start the transaction failed: it is aborted, as PostgreSQL's would be.
        this.pendingBegin = null;
        this.abortedTransaction = true;
        this.status = 'E';
      }
      this.setState(this.idleState());
      this.socket.write(Buffer.concat([refused, readyForQuery(this.status)]));
      return;
    }
    const query = last.type === 'Q' ? this.lastStatement! : null;
    if (query !== null && isCopyFromStdin(query)) {
      if (this.pendingBegin && !(await this.runDeferredBegin())) return;
      return this.startCopy(query);
    }
    const bytes = cycle.map((message) => this.names.translate(message));
    // A COPY FROM STDIN nobody foresaw must end inside this call, never wait for input the backend will not get.
    if (last.type === 'Q') bytes.push(COPY_FAIL);
    else if (last.type !== 'F') bytes.splice(bytes.length - 1, 0, COPY_FAIL);
    const begin = this.pendingBegin;
    this.pendingBegin = null;
    await this.execute(Buffer.concat(begin ? [begin.bytes, ...bytes] : bytes), false, begin);
  }

  /** A cycle that only opens a transaction, outside one: answered now, run with the client's next cycle. */
  private deferBegin(cycle: Message[]): boolean {
    const answer = predictBegin(cycle, (name) => this.names.statementSql(name));
    if (!answer) return false;
    this.pendingBegin = { bytes: Buffer.concat(cycle.map((message) => this.names.translate(message))), answer };
    this.status = 'T';
    this.setState(this.idleState());
    this.socket.write(answer);
    return true;
  }

  /** Runs the deferred BEGIN on its own (before a COPY's probe); false when the session had to end. */
  private async runDeferredBegin(): Promise<boolean> {
    const begin = this.pendingBegin!;
    this.pendingBegin = null;
    const reply = await this.backend.run(this.turn!.worker, this.role, begin.bytes);
    return this.confirmed(reply, begin) !== null;
  }

  /** The reply without the deferred BEGIN's part, or null (the session ends) when the backend did not answer as the client was told. */
  private confirmed(reply: Buffer, begin: DeferredBegin): Buffer | null {
    const end = deferredPart(reply);
    if (end !== null && reply.subarray(0, end).equals(begin.answer)) return reply.subarray(end);
    console.warn('[clonedeck] embedded wire: the backend did not start the transaction as the client was told');
    this.fatal('XX000', 'the transaction could not be started; reconnect');
    return null;
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
  /** The client's BEGIN, answered but not yet run (see deferred-begin.ts). */
  private pendingBegin: DeferredBegin | null = null;
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
  private async execute(bytes: Buffer, copyIn = false, begin: DeferredBegin | null = null): Promise<void> {
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
    if (begin && this.turn) {
      const rest = this.confirmed(reply, begin);
      if (rest === null) return;
      reply = rest;
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

  /** The client sent COPY … FROM STDIN: tell it to send the data (the COPY runs when all of it is here). */
  private async startCopy(sql: string): Promise<void> {
    const probe = await probeCopy(this.backend, this.turn!.worker, this.role, this.status, sql);
    const response = copyInResponse(probe);
    if (!response) return this.answer(probe);
    this.copy = new CopyIn(sql);
    this.setState('copy');
    this.socket.write(response);
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
    await this.pumping;
    if (this.pendingBegin) {
      this.pendingBegin = null; // never ran: nothing to roll back
      this.status = 'I';
    }
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
