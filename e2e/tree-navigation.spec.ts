import type { Page } from '@playwright/test';
import { CleanUp } from './support/cleanup';
import { storageStatePath } from './support/environment';
import { dropEnvironmentIfPresent, overviewNode, provisionClone } from './support/environments';
import { expect, test } from './support/fixtures';
import { expectHydrated } from './support/hydration';
import { uniqueName } from './support/names';

/**
 * Finding one's way in the overview's tree: search by name and the team and status filters
 * narrow it (keeping the path from production to each match), a branch collapses and expands,
 * and at a phone's width (390 px) the side bar folds behind a Menu button and no page scrolls
 * sideways.
 */

/** Every section of the admin's side bar, and where it leads. */
const SECTIONS = [
  ['Environments', '/environments'],
  ['Snapshots', '/snapshots'],
  ['Teams', '/teams'],
  ['Storage', '/storage'],
  ['Audit', '/audit'],
  ['Tokens', '/tokens'],
  ['Settings', '/settings'],
  ['Overview', '/'],
] as const;

const outline = (page: Page) => page.getByRole('region', { name: 'Environments and snapshots, as a list' });

test('search, team and status filters narrow the tree; a branch collapses and expands', async ({ admin }) => {
  test.setTimeout(600_000);
  const qaClone = uniqueName('tree_qa');
  const qaNested = uniqueName('tree_qa_nested');
  const devClone = uniqueName('tree_dev');
  const cleanUp = new CleanUp();
  try {
    await test.step('provision a QA clone, a clone of it, and a Dev clone', async () => {
      cleanUp.add(`drop ${devClone}`, () => dropEnvironmentIfPresent(admin, devClone));
      cleanUp.add(`drop ${qaClone}`, () => dropEnvironmentIfPresent(admin, qaClone));
      cleanUp.add(`drop ${qaNested}`, () => dropEnvironmentIfPresent(admin, qaNested));
      await provisionClone(admin, { team: 'QA', source: { now: 'production (now)' }, purpose: 'Tree filter check', name: qaClone });
      await provisionClone(admin, { team: 'QA', source: { now: `${qaClone} (now) · QA` }, purpose: 'Nested', name: qaNested });
      await provisionClone(admin, { team: 'Dev', source: { now: 'production (now)' }, purpose: 'Tree filter check', name: devClone });
    });

    await admin.goto('/');
    const tree = outline(admin);
    const search = admin.getByRole('searchbox', { name: 'Search by name' });
    await expectHydrated(search);

    await test.step('a name search keeps the match and its way from production', async () => {
      await search.fill(qaNested);
      await expect(admin.getByRole('status').filter({ hasText: /^1 of \d+ match/ })).toBeVisible();
      await expect(overviewNode(admin, qaNested)).toBeVisible();
      await expect(overviewNode(admin, 'production').getByRole('listitem', { name: qaClone, exact: true })).toBeVisible();
      await expect(overviewNode(admin, devClone)).toHaveCount(0);
    });

    await test.step('the team filter shows that team’s environments only', async () => {
      await search.fill('');
      await admin.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'Dev' });
      await expect(overviewNode(admin, devClone)).toBeVisible();
      await expect(overviewNode(admin, 'production')).toBeVisible();
      await expect(overviewNode(admin, qaClone)).toHaveCount(0);
      await expect(overviewNode(admin, qaNested)).toHaveCount(0);
    });

    await test.step('the status filter narrows further, down to nothing', async () => {
      await admin.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Failed' });
      await expect(admin.getByText('Nothing in the tree matches these filters.')).toBeVisible();
      await expect(overviewNode(admin, devClone)).toHaveCount(0);
      await admin.getByRole('button', { name: 'Clear filters' }).click();
      for (const name of [qaClone, qaNested, devClone]) await expect(overviewNode(admin, name)).toBeVisible();
    });

    await test.step('collapsing a branch hides what is under it; expanding shows it again', async () => {
      const collapse = tree.getByRole('button', { name: `Collapse ${qaClone}`, exact: true });
      await expect(collapse).toHaveAttribute('aria-expanded', 'true');
      await collapse.click();
      await expect(overviewNode(admin, qaNested)).toHaveCount(0);
      const expand = tree.getByRole('button', { name: `Expand ${qaClone} · 1 hidden`, exact: true });
      await expect(expand).toHaveAttribute('aria-expanded', 'false');
      await expect(overviewNode(admin, qaClone)).toBeVisible();
      await expand.click();
      await expect(overviewNode(admin, qaNested)).toBeVisible();
    });
  } finally {
    await cleanUp.run();
  }
});

test('at 390 px the side bar opens from a Menu button and no page scrolls sideways', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStatePath('admin'), viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  // How far the page scrolls sideways, and the widest elements reaching past the viewport (for the failure message).
  const horizontalOverflow = () =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const clipped = (element: Element) => {
        for (let parent = element.parentElement; parent; parent = parent.parentElement) {
          if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(parent).overflowX)) return true;
        }
        return false;
      };
      const past = [...document.body.querySelectorAll('*')]
        .filter((element) => element.getBoundingClientRect().right > width + 1 && !clipped(element))
        .slice(-3)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`.slice(0, 120));
      return { overflow: document.documentElement.scrollWidth - width, past };
    });
  const expectNoOverflow = async (where: string) => {
    const { overflow, past } = await horizontalOverflow();
    expect(overflow, `${where} scrolls sideways: ${past.join(' | ')}`).toBeLessThanOrEqual(0);
  };
  try {
    await page.goto('/');
    const navigation = page.getByRole('navigation', { name: 'Main' });
    const menu = page.getByRole('button', { name: 'Menu', exact: true });
    await expect(overviewNode(page, 'production')).toBeVisible();
    await expect(page.getByRole('searchbox', { name: 'Search by name' })).toBeVisible();
    await expect(navigation).toBeHidden();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expectNoOverflow('the overview');

    for (const [section, path] of SECTIONS) {
      await test.step(`${section}: opened from the menu, which then closes`, async () => {
        await expectHydrated(menu);
        await menu.click();
        await expect(menu).toHaveAttribute('aria-expanded', 'true');
        await expect(navigation).toBeVisible();
        await navigation.getByRole('link', { name: section, exact: true }).click();
        await expect(page).toHaveURL((url) => url.pathname === path);
        await expect(page.getByRole('main').getByRole('heading', { level: 1 }).first()).toBeVisible();
        await expect(navigation).toBeHidden();
        await expect(menu).toHaveAttribute('aria-expanded', 'false');
        await expectNoOverflow(section);
      });
    }
  } finally {
    await context.close();
  }
});
