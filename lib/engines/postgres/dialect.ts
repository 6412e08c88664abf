import { unsupported } from '@/lib/errors';
import { assertName, quotePgIdent } from '../names';
import { validUntilStep } from '../front-door/environment-keys';
import type { EngineOperation, SqlDialect, SqlStatement } from '../types';
import { createDatabaseSql, renameDatabaseSql } from './setup-sql';

/**
 * What the PostgreSQL engine does, as the statements it sends each environment's server and,
 * as SQL comments, the file-level steps between them (copies share blocks on XFS/btrfs).
 */
export const postgresDialect: SqlDialect = {
  engine: 'postgres',
  describe(operation: EngineOperation): SqlStatement[] {
    switch (operation.kind) {
      case 'createDatabase':
        assertName('database', operation.database);
        return [
          fileStep(`copy the template cluster to databases/${operation.database} and start its server`),
          { sql: `${createDatabaseSql(operation.database)};`, comment: "owned by the environment's role, never the superuser" },
        ];
      case 'createSnapshot':
        if (operation.target.level !== 'database')
          throw unsupported(`The PostgreSQL engine takes database snapshots, not ${operation.target.level} snapshots.`);
        assertName('snapshot', operation.snapshot);
        assertName('database', operation.target.database);
        return onlineCopy(operation.target.database, `snapshots/${operation.snapshot}`);
      case 'cloneDatabase': {
        const { source, target, from } = operation.request;
        assertName('database', source, 'source');
        assertName('database', target, 'target');
        if (from.kind === 'time') throw unsupported('The PostgreSQL engine clones from now or from a snapshot, not from a point in time.');
        const copy =
          from.kind === 'snapshot'
            ? [
                fileStep(
                  `copy snapshots/${validSnapshot(from.snapshot)} to databases/${target} and start its server (recovery replays the backup's WAL)`,
                ),
              ]
            : onlineCopy(source, `databases/${target}`);
        return [...copy, { sql: `${renameDatabaseSql(source, target)};`, comment: 'on the new server; then new passwords for its roles' }];
      }
      case 'restoreDatabase':
        assertName('database', operation.database);
        return [
          fileStep(`copy snapshots/${validSnapshot(operation.snapshot)} beside databases/${operation.database}`),
          {
            sql: `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${operation.database}';`,
            comment: 'a fast shutdown of the server',
          },
          fileStep(`swap the copy in and start the server on it; the environment's passwords stay`),
        ];
      case 'dropDatabase':
        assertName('database', operation.database);
        return [fileStep(`stop ${quotePgIdent(operation.database)}'s server and remove databases/${operation.database}`)];
      case 'dropSnapshot':
        return [fileStep(`remove snapshots/${validSnapshot(operation.snapshot)}: blocks clones share stay theirs`)];
      case 'cloneTable':
      case 'restoreTable':
        throw unsupported('The PostgreSQL engine clones and restores whole databases, not single tables.');
      case 'restoreAccount':
        throw unsupported('The PostgreSQL engine has no accounts: restore a database instead.');
      case 'createPitr':
      case 'dropPitr':
      case 'restorePitr':
        throw unsupported('The PostgreSQL engine has no point-in-time recovery yet: take a snapshot and restore from it.');
      case 'diffTable':
      case 'mergeTable':
        throw unsupported('The PostgreSQL engine cannot diff or merge rows between databases.');
      case 'rotateCredentials':
        assertName('database', operation.database);
        return [
          fileStep(
            `new passwords for ${operation.database}'s roles app and app_readonly in the engine's catalog (the front door checks them; open sessions stay)`,
          ),
        ];
      case 'setCredentialsValidUntil':
        assertName('database', operation.database);
        return [fileStep(validUntilStep(operation.database, operation.until))];
    }
  },
};

function validSnapshot(name: string): string {
  assertName('snapshot', name);
  return name;
}

function fileStep(text: string): SqlStatement {
  return { sql: `-- ${text}`, comment: 'a file-level step of the engine, not SQL' };
}

function onlineCopy(database: string, target: string): SqlStatement[] {
  return [
    { sql: "SELECT pg_backup_start('clonedeck', true);", comment: `on ${database}'s server: its clients keep working` },
    fileStep(`copy databases/${database} to ${target}`),
    { sql: 'SELECT labelfile FROM pg_backup_stop(false);', comment: `then the WAL up to this point and the backup label into ${target}` },
  ];
}
