import type { Locator, Page } from '@playwright/test';
import { formatBytes } from '../lib/format/bytes';
import { CleanUp } from './support/cleanup';
import {
  dropEnvironment,
  dropEnvironmentIfPresent,
  dropSnapshotIfPresent,
  overviewNode,
  provisionClone,
  resetEnvironment,
  takeSnapshot,
} from './support/environments';
import { expect, test } from './support/fixtures';
import { expectHydrated } from './support/hydration';
import { uniqueName } from './support/names';
import { runSql } from './support/sql-console';

/**
 * The walk: clone production, change rows, snapshot the clone, clone the snapshot,
 * drop the first clone. The tree keeps the grandchild under the dropped snapshot (marked
 * dropped, under production), and the figures follow: the storage page's "frees if dropped"
 * for the grandchild grows by what the parent and its snapshot shared with it, and the drop
 * dialog states the same figure before confirming.
 */

async function freedIfDropped(page: Page, name: string): Promise<number> {
  await page.goto('/storage');
  const table = page.getByRole('table', { name: /storage per environment/ }).first();
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  const cell = row.locator('[data-figure="freedIfDropped"]').first();
  const exact = await cell.getAttribute('data-bytes');
  expect(exact, 'frees-if-dropped is measured').not.toBeNull();
  await expect(cell).toHaveText(formatBytes(Number(exact)));
  return Number(exact);
}

/** The drop dialog of the open environment page, opened and left open. */
async function openDropDialog(page: Page, name: string): Promise<Locator> {
  await page.getByRole('region', { name: 'Drop', exact: true }).getByRole('button', { name: 'Drop environment' }).click();
  return page.getByRole('dialog', { name: `Drop ${name}?` });
}

test('dropping a parent keeps the lineage in the tree and moves its bytes to the grandchild', async ({ admin }) => {
  test.setTimeout(600_000);
  const parent = uniqueName('walk_qa');
  const snapshot = uniqueName('walk_qa_checked');
  const child = uniqueName('walk_qa_rerun');
  const cleanUp = new CleanUp();
  try {
    await test.step('clone production, change a third of the rows, snapshot it, clone the snapshot', async () => {
      cleanUp.add(`drop ${child}`, () => dropEnvironmentIfPresent(admin, child));
      cleanUp.add(`drop ${parent}`, () => dropEnvironmentIfPresent(admin, parent));
      await provisionClone(admin, { team: 'QA', source: { now: 'production (now)' }, purpose: 'Lineage check', name: parent });
      await runSql(admin, "UPDATE user_behavior SET action = action || '_qa' WHERE id % 3 = 0", { readOnly: false });
      await takeSnapshot(admin, { name: snapshot, purpose: 'Checked rows' });
      await provisionClone(admin, { team: 'QA', source: { snapshot }, purpose: 'Rerun on checked rows', name: child });
    });

    const before = await freedIfDropped(admin, child);

    await test.step('drop the parent', async () => {
      await admin.goto('/');
      await admin.getByRole('link', { name: `Open ${parent}`, exact: true }).click();
      await expect(admin.getByRole('heading', { level: 1, name: parent, exact: true })).toBeVisible();
      await dropEnvironment(admin);
    });

    await test.step('the tree keeps production → dropped snapshot → grandchild', async () => {
      await admin.goto('/');
      const ghost = overviewNode(admin, snapshot);
      await expect(ghost).toBeVisible();
      await expect(ghost.getByText('dropped', { exact: true }).first()).toBeVisible();
      await expect(overviewNode(admin, 'production').getByRole('listitem', { name: snapshot, exact: true })).toBeVisible();
      await expect(ghost.getByRole('listitem', { name: child, exact: true })).toBeVisible();
      await expect(overviewNode(admin, parent)).toHaveCount(0);
    });

    await test.step('the figures follow: the grandchild now frees what it alone holds, as its drop dialog says', async () => {
      const after = await freedIfDropped(admin, child);
      // Copy-on-write stores move the shared data to the survivor; full copies (the PostgreSQL
      // engine off reflinks) had it all already.
      if (process.env.CLONEDECK_ENGINE !== 'postgres') expect(after - before).toBeGreaterThan(1024 * 1024);
      else expect(after).toBeGreaterThanOrEqual(before);
      await admin.goto('/');
      await admin.getByRole('link', { name: `Open ${child}`, exact: true }).click();
      await expect(admin.getByText(`Cloned from snapshot ${snapshot} of ${parent}`)).toBeVisible();
      const dialog = await openDropDialog(admin, child);
      await expect(dialog).toContainText(`This frees ${formatBytes(after)} now`);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    });

    await test.step('a snapshot the reset left alone says what its drop frees, and frees that', async () => {
      const kept = uniqueName('walk_qa_kept');
      cleanUp.add(`drop snapshot ${kept}`, () => dropSnapshotIfPresent(admin, kept));
      await runSql(admin, "UPDATE user_behavior SET action = 'rerun' WHERE id % 5 = 0", { readOnly: false });
      await takeSnapshot(admin, { name: kept, purpose: 'Rerun results' });
      await resetEnvironment(admin);
      await admin.goto('/snapshots');
      const row = admin
        .getByRole('table', { name: 'Snapshots', exact: true })
        .getByRole('row')
        .filter({ has: admin.getByText(kept, { exact: true }) });
      const drop = row.getByRole('button', { name: `Drop ${kept}`, exact: true });
      await expectHydrated(drop);
      await drop.click();
      const dialog = admin.getByRole('dialog', { name: `Drop snapshot ${kept}?` });
      const prediction = dialog.getByText(/^This frees .+ now\.$/);
      await expect(prediction).toBeVisible();
      const predicted = (await prediction.innerText()).replace(/^This frees (.+) now\.$/, '$1');
      expect(predicted).not.toBe(formatBytes(0));
      await dialog.getByRole('button', { name: 'Drop snapshot', exact: true }).click();
      await expect(admin.getByText(`Dropped ${kept} and freed ${predicted} on disk.`)).toBeVisible();
    });

    await test.step('dropping the grandchild says what it frees before, and what it freed after', async () => {
      await admin.goto('/');
      await admin.getByRole('link', { name: `Open ${child}`, exact: true }).click();
      const dialog = await openDropDialog(admin, child);
      const prediction = dialog.getByText(/This frees .+ now/);
      const predicted = (await prediction.innerText()).replace(/^.*This frees (.+) now.*$/s, '$1');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dropEnvironment(admin);
      const notice = admin.getByRole('status').filter({ has: admin.locator(`[data-dropped="${child}"]`) });
      await expect(notice).toContainText(`Dropped ${child} and its snapshots: freed`);
      // The embedded engine frees exactly its prediction; a PostgreSQL server may write between the two.
      if (process.env.CLONEDECK_ENGINE !== 'postgres') {
        await expect(notice.locator('[data-figure="freed"]')).toHaveText(predicted);
        await expect(notice.locator('[data-figure="predicted"]')).toHaveCount(0);
      }
    });
  } finally {
    await cleanUp.run();
  }
});
