import type { Page } from '@playwright/test';
import { CleanUp } from './support/cleanup';
import {
  dropEnvironmentIfPresent,
  dropSnapshotIfPresent,
  expectReady,
  OPERATION_TIMEOUT,
  openEnvironment,
  provisionClone,
  snapshotRow,
  takeSnapshot,
} from './support/environments';
import { expect, test } from './support/fixtures';
import { expectHydrated } from './support/hydration';
import { uniqueName } from './support/names';
import { runSql } from './support/sql-console';

/**
 * Seed tutorial 002/003, "Safe production upgrade with instant rollback", through the UI:
 * snapshot production before an upgrade that goes wrong, clone the snapshot to check it, then
 * restore production from it (typing its name) and find the v1 catalogue and schema again.
 * Self-contained: production is put back to the snapshot this spec takes, even if it fails.
 */

const V1_COLUMNS = 'id,name,price,stock';
const V2_COLUMNS = 'id,name,price,stock,category,description,rating,review_count';

const UPGRADE_SQL = `ALTER TABLE products ADD COLUMN category varchar(100), ADD COLUMN description text, ADD COLUMN rating double precision, ADD COLUMN review_count int;
INSERT INTO products (name, price, stock) VALUES ('VR Headset', 600, 10), ('Webcam', 80, 60);`;

const CATALOGUE_SQL = `SELECT (SELECT count(*) FROM products),
       (SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'products'),
       (SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = 'products')`;

interface Catalogue {
  products: number;
  columnCount: number;
  columns: string;
}

async function catalogue(page: Page): Promise<Catalogue> {
  const { rows } = await runSql(page, CATALOGUE_SQL);
  const [products, columnCount, columns] = rows[0]!;
  return { products: Number(products), columnCount: Number(columnCount), columns: columns! };
}

const V1: Catalogue = { products: 5, columnCount: 4, columns: V1_COLUMNS };
const V2: Catalogue = { products: 7, columnCount: 8, columns: V2_COLUMNS };

/** On production's page: opens the restore dialog for a snapshot from the snapshot table. */
async function openRestoreDialog(page: Page, snapshot: string) {
  const restore = snapshotRow(page, 'production', snapshot).getByRole('button', { name: `Restore from ${snapshot}`, exact: true });
  await expectHydrated(restore);
  await restore.click();
  const dialog = page.getByRole('dialog', { name: 'Restore production?' });
  await expect(dialog).toContainText(snapshot);
  return dialog;
}

async function restoreProduction(page: Page, snapshot: string): Promise<void> {
  await openEnvironment(page, 'production');
  const dialog = await openRestoreDialog(page, snapshot);
  const restore = dialog.getByRole('button', { name: 'Restore', exact: true });
  await expect(restore, 'restoring production needs its name typed').toBeDisabled();
  await dialog.getByLabel('Type production to confirm').fill('production');
  await restore.click();
  await expect(dialog).toBeHidden({ timeout: OPERATION_TIMEOUT });
  await expectReady(page);
}

test('an upgrade gone wrong: snapshot, check a clone of it, restore production', async ({ admin }) => {
  test.setTimeout(300_000);
  const snapshot = uniqueName('pre_upgrade_v1');
  const verify = uniqueName('production_verify');
  let upgraded = false;
  const cleanUp = new CleanUp();

  try {
    await test.step('production runs v1: 5 products, 4 columns', async () => {
      await openEnvironment(admin, 'production');
      expect(await catalogue(admin)).toEqual(V1);
    });

    await test.step(`the admin takes snapshot ${snapshot} of production`, async () => {
      cleanUp.add(`drop snapshot ${snapshot}`, () => dropSnapshotIfPresent(admin, snapshot));
      await takeSnapshot(admin, { name: snapshot, purpose: 'Before the v2 upgrade' });
    });

    await test.step('the upgrade to v2 runs in production: 7 products, 8 columns', async () => {
      cleanUp.add('put production back on the snapshot if the spec stopped half-way', async () => {
        if (upgraded) await restoreProduction(admin, snapshot);
      });
      upgraded = true;
      const upgrade = await runSql(admin, UPGRADE_SQL, { readOnly: false });
      expect(upgrade.summary).toBe('INSERT: 2 rows affected.');
      expect(await catalogue(admin)).toEqual(V2);
    });

    await test.step('the restore dialog offers to clone the snapshot first; the clone holds v1', async () => {
      const dialog = await openRestoreDialog(admin, snapshot);
      await dialog.getByRole('link', { name: 'Clone this snapshot first to check it' }).click();
      await admin.waitForURL((url) => url.pathname === '/environments/new');
      cleanUp.add(`drop ${verify}`, () => dropEnvironmentIfPresent(admin, verify));
      await provisionClone(admin, { team: 'Dev', purpose: 'Check the pre-upgrade snapshot before restoring', name: verify });
      await expect(admin.getByText(`Cloned from snapshot ${snapshot} of production`)).toBeVisible();
      expect(await catalogue(admin)).toEqual(V1);
    });

    await test.step('the admin restores production from the snapshot, typing its name', async () => {
      await restoreProduction(admin, snapshot);
      upgraded = false;
      expect(await catalogue(admin)).toEqual(V1);
      const products = await runSql(admin, 'SELECT name FROM products ORDER BY id');
      expect(products.rows.flat()).toEqual(['Gaming Laptop', 'Wireless Mouse', 'Mechanical Keyboard', '4K Monitor', 'USB-C Hub']);
    });
  } finally {
    await cleanUp.run();
  }
});
