import { assertName } from './names';
import type { DatabaseInfo } from './types';

/** `getDatabase` for engines that can only list their databases (MatrixOne, YugabyteDB). */
export async function findDatabase(listDatabases: () => Promise<DatabaseInfo[]>, name: string): Promise<DatabaseInfo | null> {
  assertName('database', name);
  return (await listDatabases()).find((database) => database.name === name) ?? null;
}
