import crypto from 'node:crypto';
import { promisify } from 'node:util';

/**
 * Password hashes with scrypt (memory-hard, in node:crypto). The stored form carries its
 * parameters, so they can be raised later without invalidating existing hashes:
 *   scrypt$<N>$<r>$<p>$<salt, base64url>$<hash, base64url>
 */

interface ScryptParameters {
  cost: number; // N
  blockSize: number; // r
  parallelization: number; // p
}

// Looked up on each call (not bound once), so tests can count the hashes a sign-in costs.
const scrypt = (password: crypto.BinaryLike, salt: crypto.BinaryLike, keyLength: number, options: crypto.ScryptOptions) =>
  promisify<crypto.BinaryLike, crypto.BinaryLike, number, crypto.ScryptOptions, Buffer>(crypto.scrypt)(password, salt, keyLength, options);

/** 32 MiB of memory per hash (128 · N · r): strong, and still ~50 ms on a laptop. */
export const CURRENT_PARAMETERS: ScryptParameters = { cost: 2 ** 15, blockSize: 8, parallelization: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// Bounds for parameters read back from the database, so a tampered row cannot exhaust memory.
const MAX_COST = 2 ** 20;
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;

/**
 * scrypt runs on libuv's thread pool (4 threads), which also serves file reads and DNS: a
 * flood of sign-ins would otherwise take every thread and slow every page. At most two
 * hashes run at once; a few dozen more may wait; past that, sign-in answers "busy".
 */
const MAX_CONCURRENT_HASHES = 2;
const MAX_WAITING_HASHES = 48;
let runningHashes = 0;
const waitingHashes: Array<() => void> = [];

export class PasswordCheckBusyError extends Error {
  constructor() {
    super('Too many sign-ins at once; try again in a moment.');
    this.name = 'PasswordCheckBusyError';
  }
}

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (runningHashes >= MAX_CONCURRENT_HASHES) {
    if (waitingHashes.length >= MAX_WAITING_HASHES) throw new PasswordCheckBusyError();
    await new Promise<void>((resolve) => waitingHashes.push(resolve));
  } else {
    runningHashes++;
  }
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter, or free it.
    const next = waitingHashes.shift();
    if (next) next();
    else runningHashes--;
  }
}

function derive(password: string, salt: Buffer, parameters: ScryptParameters, keyLength: number): Promise<Buffer> {
  const memory = 128 * parameters.cost * parameters.blockSize;
  return withHashSlot(() =>
    scrypt(password.normalize('NFKC'), salt, keyLength, {
      N: parameters.cost,
      r: parameters.blockSize,
      p: parameters.parallelization,
      maxmem: memory * 2,
    }),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_LENGTH);
  const hash = await derive(password, salt, CURRENT_PARAMETERS, KEY_LENGTH);
  const { cost, blockSize, parallelization } = CURRENT_PARAMETERS;
  return ['scrypt', cost, blockSize, parallelization, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

interface ParsedHash {
  parameters: ScryptParameters;
  salt: Buffer;
  hash: Buffer;
}

function isSafeParameters(cost: number, blockSize: number, parallelization: number): boolean {
  const powerOfTwo = Number.isInteger(cost) && cost > 1 && (cost & (cost - 1)) === 0;
  return (
    powerOfTwo &&
    cost <= MAX_COST &&
    Number.isInteger(blockSize) &&
    blockSize >= 1 &&
    Number.isInteger(parallelization) &&
    parallelization >= 1 &&
    parallelization <= 16 &&
    128 * cost * blockSize <= MAX_MEMORY_BYTES
  );
}

function parseHash(stored: string): ParsedHash | null {
  const [scheme, costText, blockSizeText, parallelizationText, saltText, hashText, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || !saltText || !hashText) return null;
  const cost = Number(costText);
  const blockSize = Number(blockSizeText);
  const parallelization = Number(parallelizationText);
  if (!isSafeParameters(cost, blockSize, parallelization)) return null;
  const salt = Buffer.from(saltText, 'base64url');
  const hash = Buffer.from(hashText, 'base64url');
  if (salt.length === 0 || hash.length === 0) return null;
  return { parameters: { cost, blockSize, parallelization }, salt, hash };
}

/** True when `password` matches `stored`. Compares in constant time; false for malformed hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const candidate = await derive(password, parsed.salt, parsed.parameters, parsed.hash.length);
  return crypto.timingSafeEqual(candidate, parsed.hash);
}

/** True when a hash was made with weaker parameters than today's (rehash on next sign-in). */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  return parsed.parameters.cost < CURRENT_PARAMETERS.cost || parsed.parameters.blockSize < CURRENT_PARAMETERS.blockSize;
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification when there is no hash to check (unknown email,
 * OIDC-only user), so response times do not reveal which emails have accounts.
 */
export async function burnVerificationTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('clonedeck-timing-equaliser');
  await verifyPassword(password, await dummyHash);
}
