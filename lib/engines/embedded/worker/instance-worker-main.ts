/**
 * One running database, in its own worker thread: PGlite over the database's layer chain,
 * and the requests the dashboard side sends. A long or CPU-bound statement
 * blocks only this thread; the dashboard side can terminate it without harming the store
 * (the top is append-only and crash recovery replays the WAL on the next start).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { isAppError } from '@/lib/errors';
import { changedRelationFilenodes, clearVacuumedMark, markVacuumed, vacuumChangedTables } from '../freeze-preparation';
import { asSqlError, runConsoleQuery } from '../query';
import { ChainView } from '../store/chain-view';
import { CowFilesystem } from '../store/cow-filesystem';
import { LayerFile } from '../store/layer-file';
import { RoleSwitch } from './client-roles';
import { runWireBytes } from './raw-protocol';
import type { LayerSpec, SerializedError, WorkerEvent, WorkerRequest, WorkerStart } from './messages';

const start = workerData as WorkerStart;
const port = parentPort!;
const opened = new Map<string, LayerFile>();

/** Opens a layer once per extent (`followChain` closes those it moved off; Node the rest when the thread ends). */
function openLayer(spec: LayerSpec): LayerFile {
  const key = `${spec.id}:${spec.frozen?.indexEnd ?? 'top'}`;
  let layer = opened.get(key);
  if (!layer) {
    layer = spec.frozen ? LayerFile.openReader(spec.path, spec.id, spec.frozen) : LayerFile.open(spec.path, spec.id, null);
    opened.set(key, layer);
  }
  return layer;
}

function serialize(error: unknown): SerializedError {
  const converted = asSqlError(error);
  if (isAppError(converted))
    return { name: 'AppError', message: converted.message, code: converted.code, fieldErrors: converted.fieldErrors };
  return { name: (converted as Error)?.name ?? 'Error', message: (converted as Error)?.message ?? String(converted) };
}

const post = (event: WorkerEvent) => port.postMessage(event);

/** Moves a reply's bytes to the other thread instead of copying them, when they fill a buffer of their own. */
function postReply(id: number, value: unknown): void {
  const owned = value instanceof Uint8Array && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
  port.postMessage({ id, ok: true, value } satisfies WorkerEvent, owned ? [value.buffer as ArrayBuffer] : []);
}

const view = new ChainView(start.layers.map(openLayer));
clearVacuumedMark(view);

async function freeze(pg: PGlite, newTop: { id: number; path: string }) {
  if ((await vacuumTop(pg)).length > 0) await pg.exec('CHECKPOINT');
  const top = view.chain[view.chain.length - 1]!;
  if (top.index.isEmpty && view.chain.length > 1) return null;
  const reachable = new Set(view.files().map(([, entry]) => entry.inode));
  const extent = top.freeze((inode) => reachable.has(inode));
  view.pushTop(openLayer({ ...newTop, frozen: null }));
  return extent;
}

/** Changed pages reach the top at a checkpoint: only then does the top say which tables changed. */
async function vacuumTop(pg: PGlite): Promise<string[]> {
  await pg.exec('CHECKPOINT');
  return vacuumChangedTables(pg, changedRelationFilenodes(view));
}

async function close(pg: PGlite, vacuum: boolean): Promise<null> {
  if (vacuum) await vacuumTop(pg);
  await pg.close();
  if (vacuum) markVacuumed(view);
  return null;
}

/**
 * Compaction merged layers below the top: the same pages, in fewer files. `layers` is the
 * store's chain when the request was sent; its last layer is the top the store knew, and
 * this worker keeps that one and any it froze above it since (a freeze can be answered
 * before this request is read). Answers the ids of the chain it now reads, after closing the
 * layers it left: the store holds them until then.
 */
function followChain(layers: LayerSpec[]): number[] {
  const knownTop = layers[layers.length - 1]!.id;
  const from = view.chain.findIndex((layer) => layer.id === knownTop);
  if (from < 0) throw new Error(`the chain to follow ends at layer ${knownTop}, which this database's chain does not hold`);
  try {
    view.replaceChain([...layers.slice(0, -1).map(openLayer), ...view.chain.slice(from)]);
  } finally {
    closeLayersOffChain();
  }
  return view.chain.map((layer) => layer.id);
}

/** Closes the layers the chain no longer holds (also those opened for a switch that failed). */
function closeLayersOffChain(): void {
  const inChain = new Set(view.chain);
  for (const [key, layer] of opened) {
    if (inChain.has(layer)) continue;
    layer.close();
    opened.delete(key);
  }
}

async function handle({ pg, roles }: Backend, request: Exclude<WorkerRequest, { kind: 'chain' }>): Promise<unknown> {
  await roles.as('superuser');
  switch (request.kind) {
    case 'protocol':
      await roles.as(request.role);
      return runWireBytes(pg, request.bytes);
    case 'exec':
      await roles.as(request.role);
      await pg.exec(request.sql);
      return null;
    case 'console':
      await roles.as(request.options.readOnly ? 'read-only' : 'read-write');
      return runConsoleQuery(pg, request.sql, request.options);
    case 'checkpoint':
      await pg.exec('CHECKPOINT');
      return null;
    case 'freeze':
      return freeze(pg, request.newTop);
    case 'close':
      return close(pg, request.vacuum ?? false);
  }
}

/** Compiled once per process: the first worker compiles it and hands it back for the next ones. */
async function pgliteModule(): Promise<WebAssembly.Module> {
  if (start.wasmModule) return start.wasmModule;
  const wasmPath = path.join(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), 'pglite.wasm');
  const compiled = await WebAssembly.compile(fs.readFileSync(wasmPath));
  post({ kind: 'compiled', wasmModule: compiled });
  return compiled;
}

interface Backend {
  pg: PGlite;
  roles: RoleSwitch;
}

async function startBackend(): Promise<Backend> {
  const pg = await PGlite.create({
    fs: new CowFilesystem(view),
    extensions: { vector },
    startParams: [...PGlite.defaultStartParams, ...start.startParams],
    pgliteWasmModule: await pgliteModule(),
  });
  return { pg, roles: await RoleSwitch.prepare(pg) };
}

const ready = startBackend();
port.on('message', ({ id, request }: { id: number; request: WorkerRequest }) => {
  const answer =
    request.kind === 'chain'
      ? Promise.resolve().then(() => followChain(request.layers))
      : ready.then((backend) => handle(backend, request));
  answer.then(
    (value) => postReply(id, value),
    (error: unknown) => post({ id, ok: false, error: serialize(error) }),
  );
});
ready.then(
  () => post({ kind: 'ready' }),
  (error: unknown) => post({ kind: 'failed', error: serialize(error) }),
);
