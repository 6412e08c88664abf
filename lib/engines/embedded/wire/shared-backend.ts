import { AppError } from '@/lib/errors';
import type { InstancePool } from '../instances';
import type { SessionRole } from '../worker/client-roles';
import type { WorkerHandle } from '../worker/worker-handle';
import { firstError, firstText, scanReply, simpleQuery, SYNC } from './frames';
import { carried, settingsKey, switchSettingsSql, VIRTUAL_SETTINGS } from './client-state';

type ClientRole = Exclude<SessionRole, 'superuser'>;

/** What a turn needs to know of the client taking it. */
export interface TurnOwner {
  role: ClientRole;
  settings: Map<string, string>;
  /** The backend generation its prepared statements were made in. */
  generation: number;
  /** Parse messages of its named statements, for a backend that restarted. */
  statements: Iterable<Buffer>;
}

export interface Turn {
  worker: WorkerHandle;
  release(): void;
}

/** The backend stopped under a statement on purpose (a cancel or a statement timeout). */
export class Interrupted extends Error {}

/**
 * One database's backend session as its wire clients share it: held running while any client
 * is connected, taken one turn at a time, with each client's settings and statements put in
 * place before its turn. A cancel or a statement timeout ends the worker (PGlite cannot stop a
 * running statement): the next turn starts a new one and gives every client its statements back.
 */
export class SharedBackend {
  private held: { worker: WorkerHandle; release: () => void } | null = null;
  private clients = 0;
  /** Increases each time a new worker serves the database. */
  generation = 0;
  /** The settings in place in the backend now; null when unknown (read before the next switch). */
  private applied: Map<string, string> | null = null;
  private appliedKey = '';

  constructor(
    private readonly database: string,
    private readonly pool: InstancePool,
  ) {}

  /** The values reported at start-up, as the backend last told them (for clients that start while it is busy). */
  reported: Map<string, string> | null = null;

  /** True while a client (or the engine) holds the backend or waits for it. */
  get busy(): boolean {
    return Boolean(this.held?.worker.alive && this.held.worker.turns.busy);
  }

  attach(): void {
    this.clients++;
  }

  detach(): void {
    if (--this.clients > 0 || !this.held) return;
    this.held.release();
    this.held = null;
  }

  private async currentWorker(): Promise<WorkerHandle> {
    if (this.held?.worker.alive) return this.held.worker;
    this.held?.release();
    this.held = null;
    const held = await this.pool.hold(this.database);
    if (this.clients === 0) {
      held.release();
      throw new AppError('ENGINE_UNAVAILABLE', 'No client is connected.');
    }
    this.held = held;
    this.generation++;
    // The pool may hand back a worker that is still running, with what its last client set.
    this.applied = null;
    return held.worker;
  }

  /** Waits for the backend (at most `limitMs`), then makes it the owner's: its statements and settings. */
  async take(owner: TurnOwner, limitMs: number): Promise<Turn> {
    for (;;) {
      const worker = await this.currentWorker();
      const release = await worker.turns.take(limitMs);
      if (!worker.alive) {
        release();
        continue;
      }
      try {
        await this.prepare(worker, owner);
      } catch (error) {
        release();
        throw error;
      }
      return { worker, release };
    }
  }

  private async prepare(worker: WorkerHandle, owner: TurnOwner): Promise<void> {
    if (owner.generation !== this.generation) {
      const statements = [...owner.statements];
      if (statements.length) await this.run(worker, owner.role, Buffer.concat([...statements, SYNC]));
      owner.generation = this.generation;
    }
    if (this.applied === null) {
      this.applied = carried(await this.settingsWhere(worker, owner.role, `source = 'session'`));
      this.appliedKey = settingsKey(this.applied);
    }
    if (settingsKey(owner.settings) === this.appliedKey) return;
    const sql = switchSettingsSql(this.applied, owner.settings);
    if (sql) {
      const reply = await this.run(worker, owner.role, simpleQuery(sql));
      const error = firstError(reply, scanReply(reply));
      if (error) throw new AppError('VALIDATION', error.message);
    }
    this.applied = new Map([...owner.settings].filter(([name]) => !VIRTUAL_SETTINGS.has(name)));
    this.appliedKey = settingsKey(owner.settings);
  }

  /** Settings as the backend has them now, those `condition` (SQL on pg_settings) selects. */
  private async settingsWhere(worker: WorkerHandle, role: ClientRole, condition: string): Promise<Map<string, string>> {
    const reply = await this.run(
      worker,
      role,
      simpleQuery(`SELECT coalesce(json_object_agg(name, setting), '{}')::text FROM pg_settings WHERE ${condition}`),
    );
    return new Map(Object.entries(JSON.parse(firstText(reply) ?? '{}') as Record<string, string>));
  }

  /** The values a client is told at start-up (kept for clients that start while the backend is busy). */
  async readReported(worker: WorkerHandle, owner: TurnOwner, names: readonly string[]): Promise<Map<string, string>> {
    this.reported = await this.settingsWhere(worker, owner.role, `name IN (${names.map((name) => `'${name}'`).join(', ')})`);
    return new Map(this.reported);
  }

  /** The owner's settings now (after it may have changed them); the backend keeps none it must not run with. */
  async readSettings(worker: WorkerHandle, owner: TurnOwner): Promise<Map<string, string>> {
    const settings = carried(await this.settingsWhere(worker, owner.role, `source = 'session'`));
    const virtual = [...settings.keys()].filter((name) => VIRTUAL_SETTINGS.has(name));
    if (virtual.length) await this.run(worker, owner.role, simpleQuery(virtual.map((name) => `RESET ${name}`).join(';')));
    this.applied = new Map([...settings].filter(([name]) => !VIRTUAL_SETTINGS.has(name)));
    this.appliedKey = settingsKey(settings);
    return settings;
  }

  run(worker: WorkerHandle, role: ClientRole, bytes: Buffer): Promise<Buffer> {
    return worker
      .request<Uint8Array>({ kind: 'protocol', bytes, role })
      .then((reply) => Buffer.from(reply.buffer, reply.byteOffset, reply.byteLength));
  }

  /** Runs the owner's messages; `interrupt` resolving first ends the worker and rejects with Interrupted. */
  async runInterruptible(worker: WorkerHandle, role: ClientRole, bytes: Buffer, interrupt: Promise<string>): Promise<Buffer> {
    let settled = false;
    let interrupted: string | null = null;
    const reply = this.run(worker, role, bytes).finally(() => (settled = true));
    const stop = interrupt.then(async (reason) => {
      if (settled) return new Promise<never>(() => undefined);
      interrupted = reason;
      await this.pool.terminate(this.database);
      throw new Interrupted(reason);
    });
    try {
      return await Promise.race([reply, stop]);
    } catch (error) {
      // The worker's end also fails the running request: the interrupt is the reason.
      if (interrupted !== null) throw new Interrupted(interrupted);
      throw error;
    }
  }
}
