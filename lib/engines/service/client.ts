import http from 'node:http';
import { AppError, ERROR_CODES, engineUnavailable, type ErrorCode, type FieldErrors } from '@/lib/errors';
import { dialectFor } from '../registry';
import type { Engine, EngineAbilities } from '../types';
import { decodeValue, encodeValue } from './codec';
import { readServiceSecret, serviceSocketPath } from './files';
import { ABILITY_METHODS, type AbilityName, ENGINE_METHODS, type EngineDescription } from './methods';

interface Answer {
  ok: boolean;
  value?: unknown;
  error?: { code: string | null; message: string; fieldErrors?: FieldErrors };
}

class StaleConnection extends Error {}

/** Talks to an engine service over its control socket; one kept-alive connection pool per client. */
class ServiceConnection {
  private readonly agent = new http.Agent({ keepAlive: true });
  private readonly socketPath: string;
  private readonly secret: string;

  constructor(readonly dir: string) {
    this.socketPath = serviceSocketPath(dir);
    this.secret = readServiceSecret(dir);
  }

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    try {
      return unwrap(await this.send(method, path, text), this.dir);
    } catch (error) {
      // A kept connection the service dropped (it restarted) fails before the call reaches it: once more on a new one.
      if (!(error instanceof StaleConnection)) throw error;
      return unwrap(await this.send(method, path, text), this.dir);
    }
  }

  private send(method: 'GET' | 'POST', path: string, text: string | undefined): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const request = http.request(
        {
          socketPath: this.socketPath,
          agent: this.agent,
          method,
          path,
          headers: { authorization: `Bearer ${this.secret}`, ...(text ? { 'content-type': 'application/json' } : {}) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          response.on('error', reject);
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) reject(new StaleConnection());
        else reject(engineUnavailable(`The engine service at ${this.dir} cannot be reached (${error.code}).`, error));
      });
      request.end(text);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function unwrap(raw: string, dir: string): unknown {
  let answer: Answer;
  try {
    answer = JSON.parse(raw) as Answer;
  } catch (error) {
    throw engineUnavailable(`The engine service at ${dir} sent an answer that is not JSON.`, error);
  }
  if (answer.ok) return decodeValue(answer.value);
  const code = answer.error?.code;
  const message = answer.error?.message ?? 'The engine service failed.';
  if (code && (ERROR_CODES as readonly string[]).includes(code)) {
    throw new AppError(code as ErrorCode, message, { fieldErrors: answer.error?.fieldErrors });
  }
  throw new Error(message);
}

/**
 * An engine run by the engine service (`npx clonedeck engine serve`), behind the same
 * contract as one opened in this process. Closing it closes only this connection: the
 * service's databases, and their clients, stay up.
 */
export async function connectEngineService(dir: string, id: string): Promise<Engine> {
  const connection = new ServiceConnection(dir);
  try {
    const described = (await connection.request('GET', '/v1/engines')) as EngineDescription[];
    const description = described.find((candidate) => candidate.id === id);
    if (!description) {
      throw engineUnavailable(
        `The engine service at ${dir} runs ${described.map((engine) => engine.id).join(', ') || 'no engine'}, not "${id}".`,
      );
    }
    return await remoteEngine(connection, description);
  } catch (error) {
    connection.close();
    throw error;
  }
}

async function remoteEngine(connection: ServiceConnection, description: EngineDescription): Promise<Engine> {
  const call =
    (target: string, method: string) =>
    (...args: unknown[]) => {
      while (args.length > 0 && args.at(-1) === undefined) args.pop();
      return connection.request('POST', '/v1/call', { engine: description.id, target, method, args: args.map(encodeValue) });
    };
  const methods = (target: string, names: readonly string[]) => Object.fromEntries(names.map((name) => [name, call(target, name)]));
  const abilities: Record<string, unknown> = {};
  for (const name of description.abilities) abilities[name] = methods(name, ABILITY_METHODS[name as AbilityName]);
  if (abilities.restore) Object.assign(abilities.restore, { mode: description.restoreMode });
  if (abilities.dataMerge) Object.assign(abilities.dataMerge, { conflictChoices: description.conflictChoices ?? [] });
  return {
    ...(methods('engine', ENGINE_METHODS) as unknown as Pick<Engine, (typeof ENGINE_METHODS)[number]>),
    kind: description.kind,
    label: description.label,
    dialect: await dialectFor(description.kind),
    abilities: abilities as EngineAbilities,
    snapshotLevels: description.snapshotLevels,
    deltaAccounting: description.deltaAccounting,
    asyncClone: description.asyncClone,
    close: async () => connection.close(),
  };
}
