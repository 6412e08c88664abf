import crypto from 'node:crypto';

/**
 * Secrets the server must read back (a team's webhook signing secret) are stored sealed:
 * AES-256-GCM under a key derived from the server's secret (NEXTAUTH_SECRET or
 * `$CLONEDECK_HOME/secret`), never in clear. A copy of the database alone reveals nothing;
 * a tampered value fails authentication instead of signing with something else. The
 * `context` (e.g. the team's id) is bound in as associated data, so a sealed value copied to
 * another row does not open there.
 *
 *   sealed = "sealed:v1:" iv "." tag "." ciphertext   (each base64url)
 *
 * Changing the server's secret makes sealed values unreadable: they must be set again.
 */
const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyFor(serverSecret: string, purpose: string): Buffer {
  if (!serverSecret) throw new Error('No server secret to seal with.');
  return Buffer.from(crypto.hkdfSync('sha256', serverSecret, 'clonedeck sealed secrets', purpose, 32));
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function sealSecret(plaintext: string, serverSecret: string, purpose: string, context: string): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFor(serverSecret, purpose), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${PREFIX}${[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join('.')}`;
}

/** The plaintext, or null when the value is not sealed, was sealed under another key or context, or was altered. */
export function openSecret(sealed: string, serverSecret: string, purpose: string, context: string): string | null {
  if (!isSealed(sealed)) return null;
  const parts = sealed.slice(PREFIX.length).split('.');
  if (parts.length !== 3) return null;
  const [iv, tag, ciphertext] = parts.map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', keyFor(serverSecret, purpose), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
