import type { Browser, Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS, E2E_BASE_URL, storageStatePath } from './support/environment';
import { expect, test } from './support/fixtures';

/**
 * Attacks from a browser: framing the dashboard from another site, a crafted sign-in link
 * that would send the user off-site, a session cookie copied before sign-out, and password
 * guessing. The lead-ds account is used throughout; its stored state is renewed at the end,
 * since signing out ends every one of its sessions.
 */

async function signIn(page: Page, email: string, password: string, path = '/sign-in') {
  await page.goto(path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test('another site cannot frame the dashboard; pages carry the security headers', async ({ page }) => {
  const response = await page.goto('/sign-in');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');

  await page.route('http://attacker.test/', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<h1>Win a prize</h1><iframe title="victim" src="${E2E_BASE_URL}/sign-in"></iframe>` }),
  );
  await page.goto('http://attacker.test/');
  await expect(page.getByRole('heading', { name: 'Win a prize' })).toBeVisible();
  await expect(page.frameLocator('iframe[title="victim"]').getByRole('button', { name: 'Sign in' })).toHaveCount(0);
});

test('a crafted callbackUrl does not send a freshly signed-in user off-site', async ({ browser }) => {
  const { context, page } = await freshPage(browser);
  try {
    await signIn(page, DEMO_USERS['lead-ds'], DEMO_PASSWORD, '/sign-in?callbackUrl=/%09/evil.example/x');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(E2E_BASE_URL);
  } finally {
    await context.close();
  }
});

test('a session cookie copied before sign-out no longer works after it', async ({ browser }) => {
  const { context, page } = await freshPage(browser);
  const thief = await browser.newContext();
  try {
    await signIn(page, DEMO_USERS['lead-ds'], DEMO_PASSWORD);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await thief.addCookies(await context.cookies());
    expect((await thief.request.get('/api/tree')).status()).toBe(200);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    expect((await thief.request.get('/api/tree')).status()).toBe(401);
    const stolen = await thief.newPage();
    await stolen.goto('/teams');
    await expect(stolen).toHaveURL(/\/sign-in/);
  } finally {
    await thief.close();
    await context.close();
  }
  // Signing out ended lead-ds's stored session too: renew it for the specs that follow.
  const renewed = await freshPage(browser);
  await signIn(renewed.page, DEMO_USERS['lead-ds'], DEMO_PASSWORD);
  await expect(renewed.page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await renewed.context.storageState({ path: storageStatePath('lead-ds') });
  await renewed.context.close();
});

test('guessing passwords is slowed down, with a message saying so', async ({ browser }) => {
  const { context, page } = await freshPage(browser);
  const throttled = page.getByRole('alert').filter({ hasText: /Too many failed sign-ins .* Wait \d+ seconds?, then try again\./ });
  const wrong = page.getByRole('alert').filter({ hasText: 'Wrong email or password.' });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      await signIn(page, 'intruder@clonedeck.local', `guess-${attempt}`);
      await expect(wrong).toBeVisible();
    }
    // From the fourth failure on, each try must wait 1, 2, 4 … s after the last: on a loaded
    // machine a try may come later than that, so keep guessing (each miss doubles the wait)
    // until one is refused, well before the address-wide limit other specs would feel.
    let refused = false;
    for (let attempt = 3; attempt < 7 && !refused; attempt++) {
      await signIn(page, 'intruder@clonedeck.local', `guess-${attempt}`);
      await expect(throttled.or(wrong)).toBeVisible();
      refused = await throttled.isVisible();
    }
    expect(refused).toBe(true);
  } finally {
    await context.close();
  }
});
