import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ConnectionInfo } from '../types';

/** The two roles every environment's server has for its clients; neither is a superuser. */
export const ROLES = { readWrite: 'app', readOnly: 'app_readonly' } as const;
export type Access = keyof typeof ROLES;

/**
 * A SCRAM-SHA-256 verifier (RFC 5802/7677) as PostgreSQL stores it in pg_authid. Sending the
 * verifier instead of the password means the password never reaches the server, its logs or
 * its statistics; the server checks clients against the verifier alone.
 */
export function scramVerifier(password: string, salt = crypto.randomBytes(16), iterations = 4096): string {
  const salted = crypto.pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = crypto.createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = crypto.createHash('sha256').update(clientKey).digest();
  const serverKey = crypto.createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/**
 * A verifier no password matches, with the salt and iteration count of `verifier`: the client
 * sees the same SCRAM challenge as for the real one, and its proof is checked against a random
 * key (finding a password for it would mean inverting SHA-256).
 */
export function unmatchableVerifier(verifier: string): string {
  const match = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$/.exec(verifier);
  if (!match) throw new Error('Not a SCRAM-SHA-256 verifier.');
  const random = () => crypto.randomBytes(32).toString('base64');
  return `SCRAM-SHA-256$${match[1]}:${match[2]}$${random()}:${random()}`;
}

/** A password of 32 characters from 192 random bits, safe in a URL without escaping. */
export function newPassword(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/**
 * Passwords at rest: AES-256-GCM under a key generated into the store (mode 0600), so users
 * with the right can reveal their environment's password again, and nobody reading the
 * catalog alone learns it.
 */
export class PasswordBox {
  private constructor(private readonly key: Buffer) {}

  static open(storeDir: string): PasswordBox {
    const file = path.join(storeDir, 'credentials.key');
    if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32), { mode: 0o600, flag: 'wx' });
    return new PasswordBox(fs.readFileSync(file));
  }

  seal(password: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
  }

  open(sealed: string): string {
    const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(data!), decipher.final()]).toString('utf8');
  }
}

/** A connection string (as connectionInfo shows it, password masked) with the role's password in it. */
export function urlWithPassword(url: string, { user, password }: { user: string; password: string }): string {
  return url.replace(/^postgres:\/\/[^@]*@/, `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@`);
}

/** How a client reaches an environment through the front door (password masked), with the engine's notes. */
export function frontDoorConnection(database: string, address: { host: string; port: number }, note: string): ConnectionInfo {
  const { host, port } = address;
  const url = `postgres://${ROLES.readWrite}:***@${host}:${port}/${database}?sslmode=require`;
  return {
    protocol: 'postgres',
    host,
    port,
    user: ROLES.readWrite,
    database,
    url,
    command: `psql "${url}"`,
    notes: [note, `Read-only access connects as ${ROLES.readOnly}.`],
  };
}
