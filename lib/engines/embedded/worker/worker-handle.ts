import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '@/lib/errors';
import type { LayerSpec, SerializedError, WorkerEvent, WorkerRequest, WorkerStart } from './messages';

const ENTRY = 'instance-worker.mjs';

/**
 * The worker's entry file: beside this module when it runs from source (tests, tsx); when it
 * runs bundled (the CLI's dist/cli, the dashboard's build), in the project that holds the
 * bundle, found by walking up from it, or from the working directory.
 */
function entryPath(): string {
  const relative = path.join('lib', 'engines', 'embedded', 'worker', ENTRY);
  const candidates: string[] = [];
  try {
    const here = path.dirname(fileURLToPath(import.meta.url));
    candidates.push(path.join(here, ENTRY));
    for (let dir = here; path.dirname(dir) !== dir; dir = path.dirname(dir)) candidates.push(path.join(dir, relative));
  } catch {
    // import.meta.url is not a file address in this bundle.
  }
  candidates.push(path.join(process.cwd(), relative));
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found)
    throw new Error(`the database worker's entry ${ENTRY} was not found (looked from ${candidates[0]} up, and in ${process.cwd()})`);
  return found;
}

function revive(error: SerializedError): Error {
  if (error.name === 'AppError' && error.code) {
    return new AppError(error.code as ErrorCode, error.message, { fieldErrors: error.fieldErrors });
  }
  return Object.assign(new Error(error.message), { name: error.name });
}

/** Compiled WebAssembly is shared by every worker: each compiling its own costs time and memory. */
let compiledPglite: WebAssembly.Module | undefined;

/** Requests that do not touch the backend session: they never wait for a client's turn. */
const UNLOCKED: ReadonlySet<WorkerRequest['kind']> = new Set(['chain', 'protocol']);

/**
 * The backend is single-user: one turn at a time, in arrival order. Wire clients hold it for a
 * whole protocol cycle (a whole transaction when one is open); the engine's own requests
 * (console, checkpoint, freeze, close) take a turn like any client.
 */
export class BackendTurns {
  private tail: Promise<void> = Promise.resolve();
  /** Turns held or waited for. */
  private outstanding = 0;

  /** Waits for the turn; resolves with the function that ends it. Rejects after `limitMs` (then the turn is skipped). */
  take(limitMs = Number.POSITIVE_INFINITY): Promise<() => void> {
    let resolveEnded!: () => void;
    const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      this.outstanding--;
      resolveEnded();
    };
    const previous = this.tail;
    this.tail = previous.then(() => ended);
    this.outstanding++;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      if (Number.isFinite(limitMs)) timer = setTimeout(() => reject(new BackendBusy()), limitMs);
    });
    return Promise.race([previous.then(() => end), expired]).then(
      (release) => {
        clearTimeout(timer);
        return release;
      },
      (error: unknown) => {
        // Still in line: the turn passes straight on when it comes.
        void previous.then(end);
        throw error;
      },
    );
  }

  /** True while someone holds the backend or waits for it. */
  get busy(): boolean {
    return this.outstanding > 0;
  }
}

/** A client waited its whole limit for the backend. */
export class BackendBusy extends Error {}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The dashboard side of one database's worker thread: requests and their answers, and
 * termination. Node closes the files a worker opened when its thread ends, however it ended.
 */
export class WorkerHandle {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** What ended the thread, when it ended by an uncaught error (said to a caller waiting for it to start). */
  private failure: Error | null = null;
  private readiness: { resolve: () => void; reject: (error: Error) => void } | null = null;
  private exited = false;
  /** The backend session's turns: clients of the wire protocol and the engine's own requests. */
  readonly turns = new BackendTurns();
  /** Told once when the thread is gone (stopped, terminated or crashed). */
  onExit: () => void = () => {};

  private constructor(private readonly worker: Worker) {
    worker.on('message', (event: WorkerEvent) => this.receive(event));
    worker.on('error', (error) => {
      this.failure = error;
      console.error('[clonedeck] a database worker failed:', error);
    });
    worker.on('exit', () => this.afterExit());
  }

  /** Starts a worker on the chain (bottom → top) and waits until PGlite runs in it. */
  static async start(layers: LayerSpec[], startParams: string[]): Promise<WorkerHandle> {
    const workerData: WorkerStart = { layers, startParams, wasmModule: compiledPglite };
    const handle = new WorkerHandle(new Worker(entryPath(), { workerData }));
    await new Promise<void>((resolve, reject) => {
      handle.readiness = { resolve, reject };
    });
    return handle;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Sends a request; those that use the backend session wait for their turn first. */
  async request<T = unknown>(request: WorkerRequest): Promise<T> {
    if (UNLOCKED.has(request.kind)) return this.send<T>(request);
    const release = await this.turns.take();
    try {
      return await this.send<T>(request);
    } finally {
      release();
    }
  }

  /** Sends a request whose caller holds the backend's turn already. */
  requestInTurn<T = unknown>(request: WorkerRequest): Promise<T> {
    return this.send<T>(request);
  }

  private send<T>(request: WorkerRequest): Promise<T> {
    if (this.exited) return Promise.reject(new AppError('ENGINE_UNAVAILABLE', 'The database stopped; try again.'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, request });
    });
  }

  /** Ends the thread at once, wherever it is (a statement that will not stop). */
  async terminate(): Promise<void> {
    if (this.exited) return;
    await this.worker.terminate();
    this.afterExit();
  }

  private receive(event: WorkerEvent): void {
    if ('id' in event) {
      const waiting = this.pending.get(event.id);
      this.pending.delete(event.id);
      if (event.ok) waiting?.resolve(event.value);
      else waiting?.reject(revive(event.error));
    } else if (event.kind === 'compiled') {
      compiledPglite = event.wasmModule;
    } else if (event.kind === 'ready') {
      this.readiness?.resolve();
    } else {
      this.readiness?.reject(revive(event.error));
      void this.terminate();
    }
  }

  private afterExit(): void {
    if (this.exited) return;
    this.exited = true;
    const gone = new AppError('ENGINE_UNAVAILABLE', 'The database stopped while the request ran.');
    this.readiness?.reject(this.failure ?? gone);
    for (const waiting of this.pending.values()) waiting.reject(gone);
    this.pending.clear();
    this.onExit();
  }
}
