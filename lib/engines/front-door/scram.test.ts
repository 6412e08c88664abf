import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scramVerifier } from './credentials';
import { MockVerifiers, parseVerifier, ScramExchange } from './scram';

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

function run(password: string, verifierPassword: string, tamper?: (final: string) => string): string | null {
  const exchange = new ScramExchange(parseVerifier(scramVerifier(verifierPassword)));
  const bare = 'n=,r=clientnonce123';
  const serverFirst = exchange.first(`n,,${bare}`)!;
  const nonce = /r=([^,]+)/.exec(serverFirst)![1]!;
  const withoutProof = `c=biws,r=${nonce}`;
  const final = `${withoutProof},p=${clientProof(password, bare, serverFirst, withoutProof)}`;
  return exchange.final(tamper ? tamper(final) : final);
}

describe('the front door SCRAM-SHA-256 server', () => {
  it('accepts the right password and answers with a server signature', () => {
    expect(run('right horse battery', 'right horse battery')).toMatch(/^v=[A-Za-z0-9+/=]{44}$/);
  });

  it('refuses a wrong password, a changed nonce, a changed binding and channel binding it did not offer', () => {
    expect(run('wrong', 'right')).toBeNull();
    expect(run('right', 'right', (final) => final.replace(/r=clientnonce123/, 'r=othernonce'))).toBeNull();
    expect(run('right', 'right', (final) => final.replace('c=biws', 'c=eSws'))).toBeNull();
    const exchange = new ScramExchange(parseVerifier(scramVerifier('x')));
    expect(exchange.first('p=tls-server-end-point,,n=,r=abc')).toBeNull();
    expect(exchange.first('garbage')).toBeNull();
    expect(exchange.final('c=biws,r=abc,p=AAAA')).toBeNull();
  });

  it('gives an unknown database a verifier that is stable per name, shaped like a real one, and matches no password', () => {
    const mocks = new MockVerifiers();
    const verifier = mocks.of('no_such_env', 'app');
    expect(mocks.of('no_such_env', 'app')).toBe(verifier);
    expect(mocks.of('other_env', 'app')).not.toBe(verifier);
    const parsed = parseVerifier(verifier);
    const real = parseVerifier(scramVerifier('x'));
    expect([parsed.iterations, parsed.salt.length]).toEqual([real.iterations, real.salt.length]);
    expect(new MockVerifiers().of('no_such_env', 'app')).not.toBe(verifier);
  });
});
