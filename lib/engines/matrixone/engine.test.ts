import { afterAll, describe, expect, it } from 'vitest';
import { summarizeCapabilities } from '@/lib/engines/types';
import { matrixOneCapabilities } from './capabilities';
import { createMatrixOneEngine } from './engine';
import { DEFAULT_MYSQL_LIMITS, MysqlRunner, parseMysqlUrl } from './pool';
import { commandOf } from './query';
import { connectionInfoFor, sumTableSizes } from './usage';
import { parseMatrixOneVersion } from './version';

// Building the engine does not connect; nothing listens on this port and nothing is asked.
const target = parseMysqlUrl('mysql://root:111@127.0.0.1:1/', 6001);
const runner = new MysqlRunner(target, DEFAULT_MYSQL_LIMITS, 'MatrixOne at 127.0.0.1:1');
afterAll(() => runner.close());

describe('the MatrixOne engine without a server', () => {
  const engine = createMatrixOneEngine({
    runner,
    target,
    version: parseMatrixOneVersion('3.0.4'),
    grammar: 'from-snapshot',
    account: 'sys',
  });

  it('summarises to the static descriptor the docs table is built from (4.x), less data branches before 3.0.9', () => {
    const current = createMatrixOneEngine({
      runner,
      target,
      version: parseMatrixOneVersion('4.2'),
      grammar: 'snapshot-hint',
      account: 'sys',
    });
    expect(summarizeCapabilities(current)).toEqual(matrixOneCapabilities);
    expect(summarizeCapabilities(engine)).toEqual({ ...matrixOneCapabilities, dataDiff: false, dataMerge: false });
  });

  it('describes operations in the grammar of the detected version', () => {
    expect(engine.dialect.serverVersion).toBe('3.0');
    const [statement] = engine.dialect.describe({ kind: 'restoreDatabase', database: 'prod', snapshot: 's1', account: 'sys' });
    expect(statement?.sql).toBe('RESTORE ACCOUNT `sys` DATABASE `prod` FROM SNAPSHOT `s1`');
  });

  it('refuses invalid names before touching the network', async () => {
    await expect(engine.dropDatabase('mo_catalog')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(engine.createSnapshot('Bad Name', { level: 'cluster' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(engine.abilities.restore!.restoreDatabase('prod', "x'")).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('usage and connection details', () => {
  it('sums mo_table_size per database and reports no delta numbers', () => {
    const rows = [
      { database_name: 'prod', table_name: 'users', size_bytes: '1000' },
      { DATABASE_NAME: 'prod', TABLE_NAME: 'orders', SIZE_BYTES: 250 },
      { database_name: 'dev', table_name: 'users', size_bytes: '1000' },
    ];
    expect(sumTableSizes(['prod', 'dev', 'empty'], rows)).toEqual([
      { database: 'prod', logicalBytes: 1250, ownBytes: null, sharedBytes: null, freedIfDroppedBytes: null, pinnedBytes: null },
      { database: 'dev', logicalBytes: 1000, ownBytes: null, sharedBytes: null, freedIfDroppedBytes: null, pinnedBytes: null },
      { database: 'empty', logicalBytes: 0, ownBytes: null, sharedBytes: null, freedIfDroppedBytes: null, pinnedBytes: null },
    ]);
  });

  it('masks the password and gives a mysql command', () => {
    const info = connectionInfoFor(parseMysqlUrl('mysql://root:111@mo.local:6001'), 'dev');
    expect(info.url).toBe('mysql://root:***@mo.local:6001/dev');
    expect(info.command).toBe("mysql -h mo.local -P 6001 -u 'root' -p dev");
    expect(info.port).toBe(6001);
  });

  it("defaults to MatrixOne's port and rejects other schemes", () => {
    expect(parseMysqlUrl('mysql://root@mo.local', 6001).port).toBe(6001);
    expect(() => parseMysqlUrl('postgres://x@y/z')).toThrow(/mysql:\/\//);
  });

  it('names the command of a statement for display', () => {
    expect(commandOf('  -- why\n select 1')).toBe('SELECT');
    expect(commandOf('/* hint */ INSERT INTO t VALUES (1)')).toBe('INSERT');
  });
});
