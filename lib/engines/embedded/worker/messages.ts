import type { QueryOptions } from '../../types';
import type { SessionRole } from './client-roles';
import type { FrozenExtent } from '../store/layer-file';

/** A layer as a worker opens it: frozen layers with their extent; the top (last) with `frozen: null`. */
export interface LayerSpec {
  id: number;
  path: string;
  frozen: FrozenExtent | null;
}

export interface WorkerStart {
  layers: LayerSpec[];
  startParams: string[];
  /** PGlite's WebAssembly, compiled by an earlier worker of this process. */
  wasmModule?: WebAssembly.Module;
}

/** What the dashboard side asks a database's worker. */
export type WorkerRequest =
  | { kind: 'exec'; sql: string; role: SessionRole }
  | { kind: 'console'; sql: string; options: QueryOptions }
  | { kind: 'checkpoint' }
  /** Vacuum the tables changed in the top, checkpoint, freeze the top and carry on over `newTop`; answers the extent, or null when the top was empty. */
  | { kind: 'freeze'; newTop: { id: number; path: string } }
  /** Read the layers below the top from `layers` (the store's chain, bottom → top); answers the ids of the chain now read. */
  | { kind: 'chain'; layers: LayerSpec[] }
  /** Wire-protocol messages of one client's turn, run as its role; answers the backend's bytes. */
  | { kind: 'protocol'; bytes: Uint8Array; role: Exclude<SessionRole, 'superuser'> }
  /** A clean shutdown; with `vacuum`, the tables changed in the top are vacuumed first and the top marked so. */
  | { kind: 'close'; vacuum?: boolean };

export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  fieldErrors?: Record<string, string[]>;
}

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };

export type WorkerEvent =
  { kind: 'ready' } | { kind: 'compiled'; wasmModule: WebAssembly.Module } | { kind: 'failed'; error: SerializedError } | WorkerReply;
