import { expect, test as setup } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS, type DemoUserKey, storageStatePath } from './support/environment';

// One signed-in browser state per demo user, reused by every spec.
for (const [key, email] of Object.entries(DEMO_USERS) as Array<[DemoUserKey, string]>) {
  setup(`sign in as ${key}`, async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).not.toHaveURL(/\/sign-in/);
    await expect(page.getByRole('navigation')).toBeVisible();
    await page.context().storageState({ path: storageStatePath(key) });
  });
}
