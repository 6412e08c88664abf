import { configFrom } from '@/lib/config';
import type { Engine } from '@/lib/engines/types';
import { assertName } from '@/lib/engines/names';
import { serverLabelOf } from './context';
import { createMatrixOneEngine } from './engine';
import { DEFAULT_MYSQL_LIMITS, MysqlRunner, parseMysqlUrl, type MysqlPoolLimits } from './pool';
import { DEFAULT_MATRIXONE_ACCOUNT } from './statements';
import { detectMatrixOneVersion, restoreGrammarFor } from './version';

export { matrixOneCapabilities } from './capabilities';
export { matrixOneDialect } from './dialect';
export { createMatrixOneEngine } from './engine';

/** MatrixOne's default port (docker image matrixorigin/matrixone). */
export const MATRIXONE_DEFAULT_PORT = 6001;

export interface MatrixOneEngineOptions {
  /** mysql://user:password@host:6001[/database] */
  url: string;
  /** The account restores apply to (MATRIXONE_ACCOUNT); `sys` when unset. */
  account?: string;
  /**
   * Overrides the release `SELECT version()` reports (MATRIXONE_SERVER_VERSION), for a
   * server whose reported version was changed with mysql_compatibility_mode.
   */
  serverVersion?: string;
  limits?: Partial<MysqlPoolLimits>;
}

/**
 * Connects to MatrixOne, checks that the server is MatrixOne 3.0 or later and which
 * restore grammar it speaks, and returns the engine. Fails with UNSUPPORTED for another
 * server or an older release, ENGINE_UNAVAILABLE when unreachable; the pool is closed
 * on failure.
 */
export async function openMatrixOneEngine(options: MatrixOneEngineOptions): Promise<Engine> {
  const target = parseMysqlUrl(options.url, MATRIXONE_DEFAULT_PORT);
  const limits = { ...DEFAULT_MYSQL_LIMITS, ...options.limits };
  const runner = new MysqlRunner(target, limits, serverLabelOf(target));
  try {
    const override = options.serverVersion ?? configFrom().MATRIXONE_SERVER_VERSION;
    const version = await detectMatrixOneVersion((sql) => runner.scalar('detect the server version', sql), override);
    const account = options.account ?? DEFAULT_MATRIXONE_ACCOUNT;
    assertName('account', account);
    return createMatrixOneEngine({ runner, target, version, grammar: restoreGrammarFor(version), account });
  } catch (error) {
    await runner.close();
    throw error;
  }
}
