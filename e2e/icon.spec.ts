import { expect, test } from '@playwright/test';

test.describe('the app icon', () => {
  test('is served from public/ without signing in, and every page links it', async ({ browser, request }) => {
    const ico = await request.get('/favicon.ico');
    expect(ico.status()).toBe(200);
    expect(ico.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    // An ICO directory (reserved 0, type 1) holding one 32×32 image.
    expect([...(await ico.body()).subarray(0, 7)]).toEqual([0, 0, 1, 0, 1, 0, 32]);

    const svg = await request.get('/icon.svg');
    expect(svg.status()).toBe(200);
    expect(svg.headers()['content-type']).toMatch(/^image\/svg\+xml/);

    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const page = await context.newPage();
      await page.goto('/sign-in');
      await expect(page.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
      await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
    } finally {
      await context.close();
    }
  });
});
