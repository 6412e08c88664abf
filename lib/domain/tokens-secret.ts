import { createHash, randomBytes } from 'node:crypto';

/**
 * The API token format: `cdk_<8-character prefix>_<43-character secret>`. The prefix is
 * stored in clear so people can tell tokens apart; the whole token is stored only as a
 * SHA-256 hash. A plain hash (not scrypt) is enough: the secret is 256 random bits, so
 * nobody can guess their way back from the hash, and lookups stay one indexed read.
 */
export const TOKEN_SCHEME = 'cdk';

const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const PREFIX_LENGTH = 8;
const SECRET_BYTES = 32;
const TOKEN_PATTERN = /^cdk_([a-z2-7]{8})_[A-Za-z0-9_-]{43}$/;

export interface GeneratedToken {
  /** Shown once to the user, never stored. */
  plaintext: string;
  /** `cdk_` and the 8 prefix characters, e.g. `cdk_k3xq7abm`. */
  prefix: string;
  hash: string;
}

export function generateToken(): GeneratedToken {
  const prefixBytes = randomBytes(PREFIX_LENGTH);
  const prefixCode = Array.from(prefixBytes, (byte) => PREFIX_ALPHABET[byte % PREFIX_ALPHABET.length]).join('');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  const plaintext = `${TOKEN_SCHEME}_${prefixCode}_${secret}`;
  return { plaintext, prefix: `${TOKEN_SCHEME}_${prefixCode}`, hash: hashToken(plaintext) };
}

export function hashToken(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}

/** Whether the text has the shape of a Clonedeck token (says nothing about validity). */
export function looksLikeToken(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}

/** The token in an `Authorization: Bearer …` header value, or null when there is none. */
export function bearerToken(authorization: string | null | undefined): string | null {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  return match ? match[1]! : null;
}
