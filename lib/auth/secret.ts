import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { configFrom, type EnvVars } from '@/lib/config';
import { secretFile } from '@/lib/home';

/**
 * The key that signs and encrypts session tokens: NEXTAUTH_SECRET (or AUTH_SECRET) when
 * set, else one generated on first use and kept in `${CLONEDECK_HOME:-.clonedeck}/secret`,
 * so a restart keeps everyone signed in. Read once per process.
 */
const globals = globalThis as typeof globalThis & { __clonedeckAuthSecret?: string };

export function getAuthSecret(env: EnvVars = process.env): string {
  const config = configFrom(env);
  const configured = config.NEXTAUTH_SECRET ?? config.AUTH_SECRET;
  if (configured) return configured;
  globals.__clonedeckAuthSecret ??= readOrCreateSecretFile(secretFile(env));
  return globals.__clonedeckAuthSecret;
}

export function readOrCreateSecretFile(file: string): string {
  const existing = readSecret(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // 'wx': if another process wins the race, use its secret rather than overwrite it.
    fs.writeFileSync(file, `${crypto.randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const created = readSecret(file);
  if (!created) throw new Error(`The session secret file ${file} is empty; delete it or set NEXTAUTH_SECRET.`);
  return created;
}

function readSecret(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim() || null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
