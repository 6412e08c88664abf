import crypto from 'node:crypto';
import { parseVerifier, ScramExchange } from '../front-door/scram';

const hmac = (key: Buffer, text: string) => crypto.createHmac('sha256', key).update(text).digest();

/** What libpq does on its side of SCRAM-SHA-256, written out from RFC 5802. */
function clientProof(password: string, clientFirstBare: string, serverFirst: string, clientFinalWithoutProof: string): string {
  const salt = Buffer.from(/s=([^,]+)/.exec(serverFirst)![1]!, 'base64');
  const iterations = Number(/i=(\d+)/.exec(serverFirst)![1]);
  const salted = crypto.pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  const storedKey = crypto.createHash('sha256').update(clientKey).digest();
  const signature = hmac(storedKey, `${clientFirstBare},${serverFirst},${clientFinalWithoutProof}`);
  return Buffer.from(clientKey.map((byte, index) => byte ^ signature[index]!)).toString('base64');
}

/**
 * One whole SCRAM exchange of a client with `password` against the front door's server side
 * holding `verifier`: the server-final message when it lets the client in, else null.
 * `tamper` changes the client-final message on its way.
 */
export function scramExchange(verifier: string, password: string, tamper?: (final: string) => string): string | null {
  const exchange = new ScramExchange(parseVerifier(verifier));
  const bare = 'n=,r=clientnonce123';
  const serverFirst = exchange.first(`n,,${bare}`)!;
  const nonce = /r=([^,]+)/.exec(serverFirst)![1]!;
  const withoutProof = `c=biws,r=${nonce}`;
  const final = `${withoutProof},p=${clientProof(password, bare, serverFirst, withoutProof)}`;
  return exchange.final(tamper ? tamper(final) : final);
}
