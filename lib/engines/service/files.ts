import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { conflict, engineUnavailable } from '@/lib/errors';

/**
 * The engine service's folder: `control.sock` (its API, a Unix socket) and `secret` (the
 * bearer token callers present). Both owner-only: only the account that runs Clonedeck
 * reaches the engine, and the secret is a second lock on the same door.
 */
export const serviceSocketPath = (dir: string) => path.join(dir, 'control.sock');
const secretPath = (dir: string) => path.join(dir, 'secret');

/** The service's secret, created on first start. */
export function ensureServiceSecret(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  try {
    fs.writeFileSync(secretPath(dir), crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  fs.chmodSync(secretPath(dir), 0o600);
  return readServiceSecret(dir);
}

export function readServiceSecret(dir: string): string {
  try {
    return fs.readFileSync(secretPath(dir), 'utf8').trim();
  } catch (error) {
    throw engineUnavailable(
      `No engine service at ${dir} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}): start it with "npx clonedeck engine serve".`,
      error,
    );
  }
}

/** Removes a socket file left by a service that died; refuses when a service still answers on it. */
export async function claimSocket(socketPath: string): Promise<void> {
  if (!fs.existsSync(socketPath)) return;
  const answering = await new Promise<boolean>((resolve) => {
    const probe = net.connect(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
  if (answering) throw conflict(`An engine service already runs on ${socketPath}.`);
  fs.rmSync(socketPath, { force: true });
}

/** Same length and contents, compared in constant time. */
export function secretsMatch(given: string, expected: string): boolean {
  const digest = (text: string) => crypto.createHash('sha256').update(text).digest();
  return crypto.timingSafeEqual(digest(given), digest(expected));
}
