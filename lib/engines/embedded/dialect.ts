import { unsupported } from '@/lib/errors';
import { assertName, quotePgIdent, quoteSqlString } from '../names';
import { validUntilStep } from '../front-door/environment-keys';
import type { EngineOperation, SqlDialect, SqlStatement } from '../types';

/**
 * The embedded engine's own statements. They follow MatrixOne's forms (CREATE SNAPSHOT …
 * FOR DATABASE, CREATE DATABASE … CLONE …, RESTORE DATABASE … {SNAPSHOT = …}) and are what
 * `clonedeck engine exec` accepts, so the "equivalent SQL" shown in the UI can be run as is.
 */
export const embeddedDialect: SqlDialect = {
  engine: 'embedded',
  describe(operation: EngineOperation): SqlStatement[] {
    switch (operation.kind) {
      case 'createDatabase':
        assertName('database', operation.database);
        return [
          {
            sql: `CREATE DATABASE ${quotePgIdent(operation.database)};`,
            comment: 'a new empty top layer over the template chain (initdb runs once per store)',
          },
        ];
      case 'createSnapshot': {
        if (operation.target.level !== 'database') throw levelUnsupported(operation.target.level);
        assertName('snapshot', operation.snapshot);
        assertName('database', operation.target.database);
        return [
          checkpoint(operation.target.database),
          {
            sql: `CREATE SNAPSHOT ${quotePgIdent(operation.snapshot)} FOR DATABASE ${quotePgIdent(operation.target.database)};`,
            comment: 'freezes the top layer and gives the database a new empty one: no data is copied',
          },
        ];
      }
      case 'cloneDatabase':
        return describeClone(operation.request);
      case 'restoreDatabase':
        assertName('database', operation.database);
        assertName('snapshot', operation.snapshot);
        return [
          {
            sql: `RESTORE DATABASE ${quotePgIdent(operation.database)} {SNAPSHOT = ${quoteSqlString(operation.snapshot)}};`,
            comment: "stops the database, then gives it a new empty top over the snapshot's layers",
          },
        ];
      case 'dropDatabase':
        assertName('database', operation.database);
        return [{ sql: `DROP DATABASE ${quotePgIdent(operation.database)};`, comment: 'frees the layers nothing else holds' }];
      case 'dropSnapshot':
        assertName('snapshot', operation.snapshot);
        return [
          {
            sql: `DROP SNAPSHOT ${quotePgIdent(operation.snapshot)};`,
            comment: 'frees its layers unless databases still stand on them',
          },
        ];
      case 'cloneTable':
      case 'restoreTable':
        throw unsupported('The embedded engine clones and restores whole databases, not single tables.');
      case 'restoreAccount':
        throw unsupported('The embedded engine has no accounts: restore a database instead.');
      case 'createPitr':
      case 'dropPitr':
      case 'restorePitr':
        throw unsupported('The embedded engine has no point-in-time recovery: take a snapshot and restore from it.');
      case 'diffTable':
      case 'mergeTable':
        throw unsupported('The embedded engine cannot diff or merge rows between databases.');
      case 'rotateCredentials':
        assertName('database', operation.database);
        return [
          {
            sql: `-- new passwords for ${operation.database}'s roles app and app_readonly in the engine's catalog (the front door checks them; open sessions stay)`,
            comment: 'a catalog step of the engine, not SQL',
          },
        ];
      case 'setCredentialsValidUntil':
        assertName('database', operation.database);
        return [{ sql: `-- ${validUntilStep(operation.database, operation.until)}`, comment: 'a catalog step of the engine, not SQL' }];
    }
  },
};

function describeClone(request: Extract<EngineOperation, { kind: 'cloneDatabase' }>['request']): SqlStatement[] {
  assertName('database', request.source, 'source');
  assertName('database', request.target, 'target');
  const clone = `CREATE DATABASE ${quotePgIdent(request.target)} CLONE ${quotePgIdent(request.source)}`;
  switch (request.from.kind) {
    case 'now':
      return [
        checkpoint(request.source),
        { sql: `${clone};`, comment: "freezes the source's top layer and stacks an empty one on it for the clone" },
      ];
    case 'snapshot':
      assertName('snapshot', request.from.snapshot);
      return [
        {
          sql: `${clone} {SNAPSHOT = ${quoteSqlString(request.from.snapshot)}};`,
          comment: "an empty top layer over the snapshot's frozen layers: no data is copied",
        },
      ];
    case 'time':
      throw unsupported('The embedded engine cannot clone as of a point in time: clone from a snapshot instead.');
  }
}

function checkpoint(database: string): SqlStatement {
  return { sql: 'CHECKPOINT;', comment: `in ${quotePgIdent(database)} (if running), so the frozen layers hold a clean point` };
}

function levelUnsupported(level: string) {
  return unsupported(`The embedded engine snapshots whole databases; a ${level}-level snapshot is not available.`);
}
