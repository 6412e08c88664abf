import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exitCodeForResponse } from './api-client';
import { EXIT } from './exit-codes';
import { runCli } from './testing';

const run = runCli;

let home: string;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-cli-'));
  vi.stubEnv('CLONEDECK_CONFIG', path.join(home, 'config.json'));
  vi.stubEnv('CLONEDECK_URL', '');
  vi.stubEnv('CLONEDECK_TOKEN', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
  fs.rmSync(home, { recursive: true, force: true });
});

/** Nothing listens here: the CLI must say so and exit 6. */
const DEAD_SERVER = 'http://127.0.0.1:57598';
const loggedIn = () => {
  vi.stubEnv('CLONEDECK_URL', DEAD_SERVER);
  vi.stubEnv('CLONEDECK_TOKEN', 'cdk_aaaaaaaa_x');
};

describe('exit codes from API answers', () => {
  it.each([
    [400, 'BAD_REQUEST', EXIT.usage],
    [422, 'VALIDATION', EXIT.usage],
    [422, 'QUOTA', EXIT.quota],
    [422, 'UNSUPPORTED', EXIT.unsupported],
    [401, 'UNAUTHENTICATED', EXIT.auth],
    [403, 'FORBIDDEN', EXIT.auth],
    [404, 'NOT_FOUND', EXIT.notFound],
    [409, 'CONFLICT', EXIT.conflict],
    [429, 'RATE_LIMITED', EXIT.quota],
    [503, 'ENGINE_UNAVAILABLE', EXIT.engine],
    [503, 'TIMEOUT', EXIT.engine],
    [500, 'INTERNAL', EXIT.internal],
    [404, 'HTTP_404', EXIT.notFound],
    [502, 'HTTP_502', EXIT.engine],
    [401, undefined, EXIT.auth],
    [0, 'ENGINE_UNAVAILABLE', EXIT.engine],
  ] as const)('%d %s → %d', (status, code, exit) => expect(exitCodeForResponse(status, code)).toBe(exit));
});

describe('argument handling (nothing is sent)', () => {
  it('asks to log in first (exit 3)', async () => {
    const result = await run('env', 'list');
    expect([result.code, result.err]).toEqual([EXIT.auth, expect.stringContaining('clonedeck login')]);
  });

  it.each([
    [['env', 'create', '--purpose', 'ci run'], /--from production/],
    [['env', 'create', '--from', 'production'], /--purpose is required/],
    [['env', 'create', '--from', 'production', '--purpose', 'ci', '--ttl', '2 hours'], /Invalid --ttl/],
    [['env', 'extend', 'qa_x'], /--ttl is required/],
    [['env', 'extend', 'qa_x', '--ttl', '90m'], /Invalid --ttl/],
    [['env', 'reset'], /Missing environment name/],
    [['env', 'reset', 'a', 'b'], /Unexpected argument "b"/],
    [['env', 'drop', 'a', '--force'], /Unknown option --force/],
    [['env', 'frobnicate'], /Unknown env command/],
    [['snapshot', 'create', 'qa_x', 'snap1'], /--purpose is required/],
    [['env', 'restore', 'qa_x'], /--snapshot/],
    [['login', '--url', 'ftp://x', '--token', 't'], /http/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    loggedIn();
    const result = await run(...argv);
    expect([result.code, result.err]).toEqual([EXIT.usage, expect.stringMatching(message)]);
  });

  it('needs a URL to log in, from --url or CLONEDECK_URL', async () => {
    const result = await run('login', '--token', 't');
    expect([result.code, result.err]).toEqual([EXIT.usage, expect.stringMatching(/needs --url and --token/)]);
  });

  it('says clearly when the server cannot be reached (exit 6), also as JSON', async () => {
    loggedIn();
    const text = await run('env', 'list');
    expect([text.code, text.err]).toEqual([
      EXIT.engine,
      expect.stringMatching(/Cannot reach the Clonedeck server at http:\/\/127\.0\.0\.1:57598 \(ECONNREFUSED\)/),
    ]);
    const json = await run('env', 'list', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, code: 'ENGINE_UNAVAILABLE' });
  });

  it('lets CLONEDECK_URL and CLONEDECK_TOKEN override the config file', async () => {
    fs.writeFileSync(path.join(home, 'config.json'), JSON.stringify({ url: 'http://127.0.0.1:57597', token: 'from-file' }));
    loggedIn();
    expect((await run('env', 'list')).err).toContain('57598');
  });
});
