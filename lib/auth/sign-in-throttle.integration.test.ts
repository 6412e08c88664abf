import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestStore, type TestStore } from '@/lib/db/test-support';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { buildAuthOptions } from './options';
import { hashPassword, PasswordCheckBusyError, verifyPassword } from './password';
import { PEER_ADDRESS_HEADER } from './client-address';
import { SignInThrottledError } from './sign-in-throttle';
import { authenticateWithPassword } from './users';

/**
 * Password guessing against one account and from one address: answered, then slowed, then
 * locked, with a clear message; a locked account does not sign in even with the right
 * password; unknown emails are answered and throttled exactly like real ones, at the cost of
 * one hash each; every attempt is audited.
 */

const PASSWORD = 's3cret-passphrase';
let store: TestStore;
let prisma: PrismaClient;
let clock: Date;
const now = () => clock;
const advance = (ms: number) => void (clock = new Date(clock.getTime() + ms));

beforeAll(async () => {
  store = await openTestStore('pglite');
  await store.store.migrate();
  prisma = store.store.prisma;
  const passwordHash = await hashPassword(PASSWORD);
  for (const email of ['victim@example.com', 'other@example.com', 'third@example.com']) {
    await prisma.user.create({ data: { email, name: email, passwordHash } });
  }
});
afterAll(() => store?.cleanup());
beforeEach(async () => {
  clock = new Date('2026-06-01T10:00:00Z');
  await prisma.signInThrottle.deleteMany();
});

const attempt = (email: string, password: string, address = '203.0.113.7') =>
  authenticateWithPassword({ email, password }, prisma, { address, now });

async function outcome(email: string, password: string, address?: string): Promise<'signed in' | 'wrong' | 'throttled'> {
  try {
    return (await attempt(email, password, address)) ? 'signed in' : 'wrong';
  } catch (error) {
    if (error instanceof SignInThrottledError) return 'throttled';
    throw error;
  }
}

describe('per account', () => {
  it('answers three wrong passwords, then makes each next try wait, doubling', async () => {
    for (let index = 0; index < 3; index++) expect(await outcome('victim@example.com', 'guess')).toBe('wrong');
    expect(await outcome('victim@example.com', PASSWORD)).toBe('throttled');
    advance(1_000);
    expect(await outcome('victim@example.com', 'guess')).toBe('wrong');
    advance(1_000);
    expect(await outcome('victim@example.com', 'guess')).toBe('throttled'); // now 2 s
    advance(1_000);
    expect(await outcome('victim@example.com', 'guess')).toBe('wrong');
    advance(3_000);
    expect(await outcome('victim@example.com', 'guess')).toBe('throttled'); // now 4 s
    await expect(attempt('victim@example.com', 'guess')).rejects.toThrow(/Too many failed sign-ins\. Try again in \d+ seconds?\./);
  });

  it('locks for 15 minutes at the 10th failure, even against the right password, changing nothing', async () => {
    for (let index = 0; index < 10; index++) {
      expect(await outcome('victim@example.com', 'guess')).toBe('wrong');
      advance(40_000);
    }
    const before = await prisma.user.findUniqueOrThrow({ where: { email: 'victim@example.com' } });
    expect(await outcome('victim@example.com', PASSWORD)).toBe('throttled');
    await expect(attempt('victim@example.com', PASSWORD)).rejects.toThrow(/Try again in 1[45] minutes/);
    expect(await prisma.user.findUniqueOrThrow({ where: { email: 'victim@example.com' } })).toEqual(before);
    advance(15 * 60_000);
    expect(await outcome('victim@example.com', PASSWORD)).toBe('signed in');
    expect(await prisma.signInThrottle.findUnique({ where: { key: 'account:victim@example.com' } })).toBeNull();
  });

  it('throttles an unknown email exactly like a real one', async () => {
    const runs: Record<string, string[]> = {};
    for (const email of ['victim@example.com', 'nobody@example.com']) {
      await prisma.signInThrottle.deleteMany();
      runs[email] = [];
      for (let index = 0; index < 6; index++) runs[email]!.push(await outcome(email, 'guess', `198.51.100.${index}`));
    }
    expect(runs['nobody@example.com']).toEqual(runs['victim@example.com']);
  });
});

describe('per address', () => {
  it('slows and then locks one address spraying many accounts, leaving other addresses alone', async () => {
    const emails = Array.from({ length: 60 }, (_, index) => `ghost${index}@example.com`);
    const results: string[] = [];
    for (let index = 0; index < 60; index++) {
      results.push(await outcome(emails[index % emails.length]!, `guess-${index}`, '192.0.2.99'));
      advance(33_000); // past every backoff, so only the counts decide
    }
    expect(results.slice(0, 10).every((result) => result === 'wrong')).toBe(true);
    expect(results.slice(50)).toEqual(Array(10).fill('throttled'));
    expect(await outcome('other@example.com', PASSWORD, '192.0.2.99')).toBe('throttled');
    expect(await outcome('other@example.com', PASSWORD, '198.51.100.1')).toBe('signed in');
  });
});

describe('what it costs and what it leaves', () => {
  it('spends one password hash on an unknown email, as on a wrong password', async () => {
    await verifyPassword('warm-up', await hashPassword('warm-up')); // the dummy hash is made once
    await attempt('nobody@example.com', 'guess');
    const spy = vi.spyOn(crypto, 'scrypt');
    await attempt('victim@example.com', 'guess');
    const known = spy.mock.calls.length;
    await attempt('nobody@example.com', 'guess');
    expect(spy.mock.calls.length - known).toBe(known);
    expect(known).toBe(1);
    spy.mockRestore();
  });

  it('audits successes, failures and throttled attempts, never the password', async () => {
    await prisma.auditEvent.deleteMany();
    await outcome('victim@example.com', PASSWORD);
    for (let index = 0; index < 5; index++) await outcome('nobody@example.com', 'hunter2-guess');
    const events = await prisma.auditEvent.findMany({ where: { action: 'auth.sign_in' }, orderBy: { createdAt: 'asc' } });
    expect(events.map((event) => [event.targetName, event.outcome, event.error])).toEqual([
      ['victim@example.com', 'success', null],
      ...Array(3).fill(['nobody@example.com', 'failure', 'UNAUTHENTICATED: wrong email or password']),
      ...Array(2).fill(['nobody@example.com', 'failure', 'RATE_LIMITED: too many failed sign-ins']),
    ]);
    expect(events[0]!.details).toEqual({ address: '203.0.113.7', method: 'password' });
    expect(JSON.stringify(events)).not.toContain('hunter2');
  });

  it('through next-auth: the client address comes from the server stamp, and throttling is worded for the page', async () => {
    const options = buildAuthOptions({ prisma, secret: 'x'.repeat(32) });
    const provider = options.providers[0] as unknown as {
      options: { authorize: (credentials: unknown, request: { headers: Record<string, string> }) => Promise<unknown> };
    };
    const headers = { [PEER_ADDRESS_HEADER]: '::ffff:192.0.2.50', 'x-forwarded-for': '10.9.9.9' };
    const results: string[] = [];
    for (let index = 0; index < 6; index++) {
      results.push(
        await provider.options.authorize({ email: 'third@example.com', password: 'guess' }, { headers }).then(
          (user) => (user ? 'user' : 'null'),
          (error: Error) => error.message,
        ),
      );
    }
    expect(results.slice(0, 3)).toEqual(['null', 'null', 'null']);
    expect(results[3]).toMatch(/^TooManyAttempts:\d+$/);
    const row = await prisma.signInThrottle.findUnique({ where: { key: 'address:192.0.2.50' } });
    expect(row?.failures).toBe(3);
    expect(await prisma.signInThrottle.findUnique({ where: { key: 'address:10.9.9.9' } })).toBeNull();
  });

  it('answers "busy" instead of queueing without end when sign-ins flood in', async () => {
    const stored = await hashPassword('flood');
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => verifyPassword('wrong', stored)));
    const busy = results.filter((result) => result.status === 'rejected' && result.reason instanceof PasswordCheckBusyError);
    expect(busy.length).toBeGreaterThanOrEqual(8);
    expect(results.filter((result) => result.status === 'fulfilled').length).toBeGreaterThanOrEqual(40);
  });
});
