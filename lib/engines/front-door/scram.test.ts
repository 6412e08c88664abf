import { describe, expect, it } from 'vitest';
import { scramVerifier } from './credentials';
import { MockVerifiers, parseVerifier, ScramExchange } from './scram';
import { scramExchange } from '../testing/scram-client';

function run(password: string, verifierPassword: string, tamper?: (final: string) => string): string | null {
  return scramExchange(scramVerifier(verifierPassword), password, tamper);
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
