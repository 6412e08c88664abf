import { type Browser, type Page, test as base } from '@playwright/test';
import { type DemoUserKey, storageStatePath } from './environment';
import { assertLocalTarget } from './guard';

/**
 * A page signed in as each demo user (the stored states come from auth.setup.ts): the
 * admin, a lead of each team, and the QA member. Every test first checks that it runs
 * against a local server and metadata database.
 */
type UserPages = { [K in DemoUserKey as CamelCase<K>]: Page };
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

async function pageAs(browser: Browser, user: DemoUserKey): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ storageState: storageStatePath(user) });
  return { page: await context.newPage(), close: () => context.close() };
}

function userPage(user: DemoUserKey) {
  return async ({ browser }: { browser: Browser }, use: (page: Page) => Promise<void>) => {
    const { page, close } = await pageAs(browser, user);
    try {
      await use(page);
    } finally {
      await close();
    }
  };
}

export const test = base.extend<UserPages & { localTarget: void }>({
  localTarget: [
    async ({ baseURL }, use) => {
      assertLocalTarget(baseURL);
      await use();
    },
    { auto: true },
  ],
  admin: userPage('admin'),
  leadDs: userPage('lead-ds'),
  leadQa: userPage('lead-qa'),
  qa: userPage('qa'),
  leadDev: userPage('lead-dev'),
});

export { expect } from '@playwright/test';
