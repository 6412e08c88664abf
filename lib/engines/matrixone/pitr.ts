import type { PitrInfo, PitrRange, PointInTimeAbility } from '@/lib/engines/types';
import { notFound } from '@/lib/errors';
import { databaseExists, listPitrRecords, pitrWindowOf } from './catalog';
import { runChecked, type MatrixOneContext } from './context';
import { assertPitrCoversDatabase, assertPitrNameFree, assertWithinPitrWindow, findPitrOrThrow } from './pitr-checks';
import { SERVER_TIME_SQL } from './read-statements';
import { createPitrStatement, dropPitrStatement, restorePitrStatement } from './statements';

/**
 * PITR on MatrixOne. Every refusal of these statements comes back as error 20101, so each
 * is checked first against SHOW PITR, the database list and the server's clock.
 */
export function pointInTimeAbility(context: MatrixOneContext): PointInTimeAbility {
  return {
    async createPitr(pitr: string, database: string, range: PitrRange) {
      const statement = createPitrStatement(pitr, database, range);
      await runChecked(context, `create PITR ${pitr}`, statement, async () => {
        assertPitrNameFree(await listPitrRecords(context), pitr);
        if (!(await databaseExists(context, database))) throw notFound(`There is no database "${database}".`);
      });
    },
    async listPitrs(): Promise<PitrInfo[]> {
      return (await listPitrRecords(context)).map(({ createdLocal: _serverLocal, ...pitr }) => pitr);
    },
    async dropPitr(pitr: string) {
      const statement = dropPitrStatement(pitr);
      await runChecked(context, `drop PITR ${pitr}`, statement, async () => {
        findPitrOrThrow(await listPitrRecords(context), pitr);
      });
    },
    async serverTime() {
      const now = await context.runner.scalar('read the server clock', SERVER_TIME_SQL);
      if (now === null) throw new TypeError('MatrixOne returned no clock reading.');
      return now;
    },
    async restoreDatabaseToTime(database: string, pitr: string, at: string) {
      const statement = restorePitrStatement(database, pitr, at);
      await runChecked(context, `restore database ${database} to ${at}`, statement, async () => {
        const record = findPitrOrThrow(await listPitrRecords(context), pitr);
        assertPitrCoversDatabase(record, database);
        assertWithinPitrWindow(at, record, await pitrWindowOf(context, record.range));
      });
    },
  };
}
