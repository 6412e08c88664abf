import fs from 'node:fs';
import http from 'node:http';
import { isAppError, validation } from '@/lib/errors';
import type { Engine } from '../types';
import { decodeValue, encodeValue } from './codec';
import { claimSocket, ensureServiceSecret, secretsMatch, serviceSocketPath } from './files';
import { describeEngine, isCallable } from './methods';

/** The largest request the service reads: a `create --from-sql` file travels in one. */
const MAX_REQUEST_BYTES = 256 * 1024 * 1024;

export interface RunningEngineService {
  socketPath: string;
  close(): Promise<void>;
}

interface Call {
  engine: string;
  target: string;
  method: string;
  args: unknown[];
}

/**
 * Serves engines over the service's control socket: `GET /v1/engines` describes them,
 * `POST /v1/call` runs one contract operation. The engines stay the service's: callers come
 * and go (a dashboard restarting, several replicas) while databases and their clients stay up.
 */
export async function startEngineService(engines: ReadonlyMap<string, Engine>, dir: string): Promise<RunningEngineService> {
  const secret = ensureServiceSecret(dir);
  const socketPath = serviceSocketPath(dir);
  await claimSocket(socketPath);
  const server = http.createServer((request, response) => {
    void handle(engines, secret, request)
      .then((answer) => reply(response, answer.status, answer.body))
      .catch((error: unknown) => reply(response, 500, failure(error)));
  });
  // Callers keep connections open between calls; only they close them, so a call never lands
  // on a connection the service is closing at that instant.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  return {
    socketPath,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      fs.rmSync(socketPath, { force: true });
    },
  };
}

async function handle(engines: ReadonlyMap<string, Engine>, secret: string, request: http.IncomingMessage) {
  const authorization = request.headers.authorization ?? '';
  if (!authorization.startsWith('Bearer ') || !secretsMatch(authorization.slice('Bearer '.length), secret)) {
    request.resume();
    return { status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Wrong or missing engine service secret.' } } };
  }
  if (request.method === 'GET' && request.url === '/v1/engines') {
    request.resume();
    return { status: 200, body: { ok: true, value: [...engines].map(([id, engine]) => describeEngine(id, engine)) } };
  }
  if (request.method !== 'POST' || request.url !== '/v1/call') {
    request.resume();
    return { status: 404, body: { ok: false, error: { code: 'NOT_FOUND', message: 'No such engine service endpoint.' } } };
  }
  const call = parseCall(await readBody(request));
  const engine = engines.get(call.engine);
  if (!engine) throw validation(`The engine service runs no engine "${call.engine}" (it runs ${[...engines.keys()].join(', ')}).`);
  const target: object | undefined = call.target === 'engine' ? engine : engine.abilities[call.target as keyof Engine['abilities']];
  if (!target) throw validation(`Engine "${call.engine}" has no ${call.target} ability.`);
  const method = (target as Record<string, unknown>)[call.method];
  if (typeof method !== 'function') throw validation(`Engine "${call.engine}" cannot ${call.target}.${call.method}.`);
  const value: unknown = await method.apply(target, call.args.map(decodeValue));
  return { status: 200, body: { ok: true, value: encodeValue(value) } };
}

function parseCall(body: string): Call {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw validation('The engine service takes a JSON body.');
  }
  const call = parsed as Partial<Call> | null;
  if (
    typeof call !== 'object' ||
    call === null ||
    typeof call.engine !== 'string' ||
    typeof call.target !== 'string' ||
    typeof call.method !== 'string' ||
    !Array.isArray(call.args)
  ) {
    throw validation('A call names engine, target and method (strings) and carries args (an array).');
  }
  if (!isCallable(call.target, call.method)) throw validation(`"${call.target}.${call.method}" is not an engine operation.`);
  return call as Call;
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) {
      request.destroy();
      throw validation(`A call to the engine service may carry at most ${MAX_REQUEST_BYTES} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Typed errors cross as they are; anything else is logged here and crosses as a plain failure. */
function failure(error: unknown) {
  if (isAppError(error)) return { ok: false, error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } };
  console.error('[clonedeck] engine service: an operation failed:', error);
  return { ok: false, error: { code: null, message: 'The engine service failed (its log has the error).' } };
}

function reply(response: http.ServerResponse, status: number, body: unknown): void {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
