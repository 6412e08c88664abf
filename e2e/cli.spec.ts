import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, type Page, test } from '@playwright/test';

/**
 * A pipeline's view of Clonedeck: `npx clonedeck` against the running production server.
 * clone production → write through psql with the printed URL → reset → drop.
 *
 * Needs: the server at the project's baseURL (or CLONEDECK_E2E_BASE_URL), a `psql` on PATH,
 * and a token of the QA team with read, provision, reset and drop — either
 * CLONEDECK_E2E_API_TOKEN, or made here through the Tokens page by the QA lead
 * (lead.qa@clonedeck.local, password CLONEDECK_DEMO_PASSWORD, unless the page is already
 * signed in through stored state) and revoked again at the end.
 */

const execFileAsync = promisify(execFile);
const CLI = path.resolve('bin/clonedeck.mjs');
const LEAD_QA = {
  email: process.env.CLONEDECK_E2E_LEAD_QA_EMAIL ?? 'lead.qa@clonedeck.local',
  password: process.env.CLONEDECK_DEMO_PASSWORD,
};

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Refuses anything but a server on this machine: the spec creates and drops databases. */
function localServer(baseURL: string | undefined): string {
  const url = process.env.CLONEDECK_E2E_BASE_URL ?? baseURL;
  if (!url) throw new Error('No baseURL: set it in playwright.config.ts or CLONEDECK_E2E_BASE_URL.');
  const host = new URL(url).hostname;
  if (!['localhost', '127.0.0.1', '[::1]', '::1'].includes(host))
    throw new Error(`Refusing to run the CLI spec against ${url}: not a local server.`);
  return url.replace(/\/+$/, '');
}

function cli(configFile: string) {
  return async (...args: string[]): Promise<CliResult> => {
    const env = { ...process.env, CLONEDECK_CONFIG: configFile, CLONEDECK_URL: '', CLONEDECK_TOKEN: '' };
    try {
      const { stdout, stderr } = await execFileAsync(process.execPath, [CLI, ...args], { env, timeout: 180_000 });
      return { code: 0, stdout: stdout.trim(), stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return {
        code: typeof failed.code === 'number' ? failed.code : -1,
        stdout: (failed.stdout ?? '').trim(),
        stderr: failed.stderr ?? '',
      };
    }
  };
}

async function psql(url: string, sql: string): Promise<string> {
  const { stdout } = await execFileAsync('psql', [url, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
  return stdout.trim();
}

async function openTokensPage(page: Page): Promise<void> {
  await page.goto('/tokens');
  if (!new URL(page.url()).pathname.startsWith('/sign-in')) return;
  if (!LEAD_QA.password) throw new Error('Set CLONEDECK_DEMO_PASSWORD (or CLONEDECK_E2E_API_TOKEN) for the CLI spec.');
  await page.getByLabel('Email').fill(LEAD_QA.email);
  await page.getByLabel('Password').fill(LEAD_QA.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/tokens');
}

async function createTokenThroughUi(page: Page, name: string): Promise<string> {
  await openTokensPage(page);
  const form = page.getByRole('form', { name: 'Create an API token' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  for (const permission of ['read', 'provision', 'reset', 'drop'])
    await form.getByRole('checkbox', { name: new RegExp(`^${permission}\\b`) }).check();
  await form.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByRole('group', { name: 'API token' }).locator('code').textContent())?.trim() ?? '';
  expect(token).toMatch(/^cdk_[a-z2-7]{8}_/);
  await page.getByRole('button', { name: /Done, I have copied it/ }).click();
  return token;
}

async function revokeTokenThroughUi(page: Page, name: string): Promise<void> {
  await openTokensPage(page);
  await page.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(page.getByRole('row', { name: new RegExp(name) }).getByText('revoked')).toBeVisible();
}

test('CI pipeline through the CLI: clone → psql insert → reset → drop', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const server = localServer(baseURL);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clonedeck-e2e-cli-'));
  const run = cli(path.join(home, 'config.json'));
  const tokenName = `e2e-cli-${Date.now()}`;
  const madeHere = !process.env.CLONEDECK_E2E_API_TOKEN;
  const token = process.env.CLONEDECK_E2E_API_TOKEN ?? (await createTokenThroughUi(page, tokenName));
  let environment: string | null = null;
  try {
    expect((await run('env', 'list')).code, 'not logged in yet: auth exit code').toBe(3);
    expect((await run('login', '--url', server, '--token', `cdk_aaaaaaaa_${'A'.repeat(43)}`)).code, 'unknown token').toBe(3);
    const login = await run('login', '--url', server, '--token', token);
    expect(login.code, login.stderr).toBe(0);

    const created = await run('env', 'create', '--from', 'production', '--purpose', 'e2e cli pipeline', '--ttl', '2h', '--wait', '--json');
    expect(created.code, created.stdout + created.stderr).toBe(0);
    const document = JSON.parse(created.stdout) as { ok: boolean; environment: { name: string; status: string } };
    environment = document.environment.name;
    expect(document).toMatchObject({ ok: true, environment: { status: 'ready' } });

    const url = (await run('env', 'url', environment)).stdout;
    expect(url).toMatch(/^postgres(ql)?:\/\//);
    await psql(url, 'CREATE TABLE e2e_cli_marker (id int); INSERT INTO e2e_cli_marker VALUES (1), (2);');
    expect(await psql(url, 'SELECT count(*) FROM e2e_cli_marker')).toBe('2');

    const reset = await run('env', 'reset', environment);
    expect(reset.code, reset.stderr).toBe(0);
    expect(await psql(url, "SELECT to_regclass('e2e_cli_marker') IS NULL")).toBe('t');

    // No terminal to ask: without --yes it says what the drop frees, and drops nothing.
    const unconfirmed = await run('env', 'drop', environment);
    expect([unconfirmed.code, unconfirmed.stderr]).toEqual([2, expect.stringMatching(/frees .*\(\d+ bytes\) now.*--yes/)]);
    expect((await run('env', 'show', environment)).code, 'still there').toBe(0);
    const dropped = await run('env', 'drop', environment, '--yes', '--json');
    const answer = JSON.parse(dropped.stdout) as { dropped: boolean; freedBytes: number | null; freedIfDroppedBytes: number | null };
    expect([dropped.code, answer.dropped, typeof answer.freedIfDroppedBytes, typeof answer.freedBytes]).toEqual([
      0,
      true,
      'number',
      'number',
    ]);
    expect((await run('env', 'show', environment)).code, 'dropped: not found exit code').toBe(4);
    environment = null;
  } finally {
    if (environment) await run('env', 'drop', environment, '--yes');
    if (madeHere) await revokeTokenThroughUi(page, tokenName);
    fs.rmSync(home, { recursive: true, force: true });
  }
});
