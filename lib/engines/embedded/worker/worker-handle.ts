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

  request<T = unknown>(request: WorkerRequest): Promise<T> {
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
