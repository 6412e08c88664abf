import crypto from 'node:crypto';

/**
 * The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL speaks it, checked
 * against a verifier in pg_authid's form (`SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey`).
 * The front door authenticates clients itself, so a session cannot change what it is checked
 * against (a role may ALTER its own password inside a server; that no longer matters).
 */

export interface ParsedVerifier {
  iterations: number;
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

const VERIFIER = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

export function parseVerifier(verifier: string): ParsedVerifier {
  const match = VERIFIER.exec(verifier);
  if (!match) throw new Error('not a SCRAM-SHA-256 verifier');
  return {
    iterations: Number(match[1]),
    salt: Buffer.from(match[2]!, 'base64'),
    storedKey: Buffer.from(match[3]!, 'base64'),
    serverKey: Buffer.from(match[4]!, 'base64'),
  };
}

const hmac = (key: Buffer, text: string) => crypto.createHmac('sha256', key).update(text).digest();

/** One exchange: `first` answers the client-first message, `final` checks the client-final one. */
export class ScramExchange {
  private clientFirstBare = '';
  private serverFirst = '';
  private gs2Header = '';
  private nonce = '';

  constructor(private readonly verifier: ParsedVerifier) {}

  /** The server-first message, or null when the client-first message is malformed or asks for channel binding. */
  first(clientFirst: string): string | null {
    const match = /^([ny]),(?:a=[^,]*)?,(n=[^,]*,r=([\x21-\x2b\x2d-\x7e]+)(?:,.*)?)$/.exec(clientFirst);
    if (!match) return null;
    this.gs2Header = clientFirst.slice(0, clientFirst.length - match[2]!.length);
    this.clientFirstBare = match[2]!;
    this.nonce = match[3]! + crypto.randomBytes(18).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${this.verifier.salt.toString('base64')},i=${this.verifier.iterations}`;
    return this.serverFirst;
  }

  /** The server-final message (`v=…`) when the proof is right, else null. */
  final(clientFinal: string): string | null {
    const match = /^(c=([A-Za-z0-9+/=]+),r=([^,]+)(?:,.*)?),p=([A-Za-z0-9+/=]+)$/.exec(clientFinal);
    if (!match || !this.nonce) return null;
    const [, withoutProof, binding, nonce, proofText] = match;
    if (Buffer.from(binding!, 'base64').toString('latin1') !== this.gs2Header || nonce !== this.nonce) return null;
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const proof = Buffer.from(proofText!, 'base64');
    const signature = hmac(this.verifier.storedKey, authMessage);
    if (proof.length !== signature.length) return null;
    const clientKey = Buffer.from(proof.map((byte, index) => byte ^ signature[index]!));
    const storedKey = crypto.createHash('sha256').update(clientKey).digest();
    if (!crypto.timingSafeEqual(storedKey, this.verifier.storedKey)) return null;
    return `v=${hmac(this.verifier.serverKey, authMessage).toString('base64')}`;
  }
}

/**
 * Verifiers that no password matches, for databases that do not exist. They are stable per
 * database and user for the life of the process (a salt that changed between tries would tell
 * an unknown name from a known one) and use the iteration count real verifiers use.
 */
export class MockVerifiers {
  private readonly secret = crypto.randomBytes(32);

  of(database: string, user: string, iterations = 4096): string {
    const derive = (purpose: string) => hmac(this.secret, `${purpose}\0${database}\0${user}`);
    const salt = derive('salt').subarray(0, 16);
    return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${derive('stored').toString('base64')}:${derive('server').toString('base64')}`;
  }
}
