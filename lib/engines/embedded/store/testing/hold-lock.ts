/**
 * Child process for the lock tests: takes the store lock of the directory given as the
 * first argument, says "locked" (or the error code) on stdout, then holds it until killed.
 */
import { isAppError } from '@/lib/errors';
import { StoreLock } from '../lock';

const dir = process.argv[2];
if (!dir) throw new Error('usage: hold-lock.ts STORE_DIR');
try {
  StoreLock.acquire(dir);
  process.stdout.write('locked\n');
  setInterval(() => {}, 60_000);
} catch (error) {
  process.stdout.write(`${isAppError(error) ? error.code : 'ERROR'}\n`);
  process.exitCode = 3;
}
