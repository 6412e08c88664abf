import type { Page } from '@playwright/test';
import { CleanUp } from './support/cleanup';
import {
  dropEnvironmentIfPresent,
  dropSnapshotIfPresent,
  type EnvironmentRef,
  OPERATION_TIMEOUT,
  openEnvironment,
  overviewNode,
  provisionClone,
  takeSnapshot,
  visitEnvironment,
} from './support/environments';
import { expect, test } from './support/fixtures';
import { expectHydrated } from './support/hydration';
import { uniqueName } from './support/names';
import { countRows, runSql } from './support/sql-console';

/**
 * Seed tutorial 000, "Instant clone for multi-team development", through the UI: each team's
 * lead clones production, each team changes its own clone (update 100 rows, delete the
 * purchases, insert 50 rows and add an index), production and the other clones see none of
 * it, the QA clone is dropped without touching the others, and a clone of a production
 * snapshot still shows production as it was before 100 new rows arrived.
 */

const DEMO_ROWS = 100_000;
const DEV_INDEX = 'idx_dev_user_behavior_user_id';

/** What a team may have changed in its copy of user_behavior, read in one statement. */
interface Fingerprint {
  total: number;
  purchases: number;
  /** Dev's inserted rows ('test_action'; the demo log has user 999 too, so not by user). */
  testRows: number;
  /** Sum of the price of the first 100 events that are not purchases (the ones DS reprices and QA keeps). */
  firstHundredPrice: number;
  devIndexes: number;
}

const FINGERPRINT_SQL = `SELECT count(*),
       count(*) FILTER (WHERE action = 'purchase'),
       count(*) FILTER (WHERE action = 'test_action'),
       round(sum(price) FILTER (WHERE id <= 100 AND action <> 'purchase')::numeric, 6),
       (SELECT count(*) FROM pg_indexes WHERE tablename = 'user_behavior' AND indexname = '${DEV_INDEX}')
  FROM user_behavior`;

async function fingerprint(page: Page): Promise<Fingerprint> {
  const { rows } = await runSql(page, FINGERPRINT_SQL);
  const [total, purchases, testRows, firstHundredPrice, devIndexes] = rows[0]!.map(Number);
  return { total: total!, purchases: purchases!, testRows: testRows!, firstHundredPrice: firstHundredPrice!, devIndexes: devIndexes! };
}

/** Everything but the repriced sum, which is compared as a ratio. */
const counts = ({ firstHundredPrice: _price, ...rest }: Fingerprint) => rest;

test('three teams clone production, change only their own clone, and a snapshot clone shows the earlier data', async ({
  admin,
  leadDs,
  leadQa,
  leadDev,
}) => {
  test.setTimeout(480_000);
  const names = {
    ds: uniqueName('datasci_ml'),
    qa: uniqueName('qa_integration'),
    dev: uniqueName('dev_schema'),
    snapshot: uniqueName('prod_snapshot'),
    timeTravel: uniqueName('datasci_yesterday'),
  };
  const newRowsMarker = `e2e_${names.snapshot}`;
  const clones: Record<'ds' | 'dev', EnvironmentRef | null> = { ds: null, dev: null };
  const cleanUp = new CleanUp();

  try {
    const base = await test.step('production holds the demo log (read-only, as a lead)', async () => {
      await openEnvironment(leadDs, 'production');
      const production = await fingerprint(leadDs);
      expect(production).toMatchObject({ total: DEMO_ROWS, testRows: 0, devIndexes: 0 });
      expect(production.purchases).toBeGreaterThan(0);
      return production;
    });

    await test.step('each lead provisions their team clone of production', async () => {
      cleanUp.add(`drop ${names.ds}`, () => dropEnvironmentIfPresent(admin, names.ds));
      clones.ds = await provisionClone(leadDs, {
        team: 'Data science',
        source: { now: 'production (now)' },
        purpose: 'ML model training',
        name: names.ds,
      });
      cleanUp.add(`drop ${names.qa}`, () => dropEnvironmentIfPresent(admin, names.qa));
      await provisionClone(leadQa, {
        team: 'QA',
        source: { now: 'production (now)' },
        purpose: 'Destructive integration tests',
        name: names.qa,
      });
      cleanUp.add(`drop ${names.dev}`, () => dropEnvironmentIfPresent(admin, names.dev));
      clones.dev = await provisionClone(leadDev, {
        team: 'Dev',
        source: { now: 'production (now)' },
        purpose: 'Schema experiments',
        name: names.dev,
      });
      for (const page of [leadDs, leadQa, leadDev]) expect(await countRows(page, 'user_behavior')).toBe(DEMO_ROWS);
    });

    await test.step('data science reprices 100 rows in its clone', async () => {
      const update = await runSql(leadDs, 'UPDATE user_behavior SET price = price * 1.1 WHERE id <= 100', { readOnly: false });
      expect(update.summary).toBe('UPDATE: 100 rows affected.');
    });

    await test.step('QA deletes the purchases in its clone', async () => {
      const deletion = await runSql(leadQa, "DELETE FROM user_behavior WHERE action = 'purchase'", { readOnly: false });
      expect(deletion.summary).toBe(`DELETE: ${base.purchases} rows affected.`);
    });

    await test.step('dev inserts 50 test rows and adds an index in its clone', async () => {
      const insert = await runSql(
        leadDev,
        `INSERT INTO user_behavior (user_id, product_id, action, "timestamp", session_id, device_type, price, quantity)
         SELECT 999, 999, 'test_action', 1767225600000 + i, 'test_session_' || i, 'test_device', 0.01, 1 FROM generate_series(1, 50) AS i`,
        { readOnly: false },
      );
      expect(insert.summary).toBe('INSERT: 50 rows affected.');
      await runSql(leadDev, `CREATE INDEX ${DEV_INDEX} ON user_behavior (user_id)`, { readOnly: false });
    });

    await test.step('production is unchanged and each clone sees only its own change', async () => {
      await openEnvironment(admin, 'production');
      expect(await fingerprint(admin)).toEqual(base);
      const ds = await fingerprint(leadDs);
      expect(counts(ds)).toEqual(counts(base));
      expect(ds.firstHundredPrice / base.firstHundredPrice).toBeCloseTo(1.1, 6);
      expect(await fingerprint(leadQa)).toEqual({ ...base, total: base.total - base.purchases, purchases: 0 });
      expect(await fingerprint(leadDev)).toEqual({ ...base, total: base.total + 50, testRows: 50, devIndexes: 1 });
    });

    await test.step('the QA lead drops the QA clone from the overview; the others are unaffected', async () => {
      await leadQa.goto('/');
      const drop = leadQa.getByRole('button', { name: `Drop ${names.qa}`, exact: true });
      await expectHydrated(drop);
      await drop.click();
      const dialog = leadQa.getByRole('dialog', { name: `Drop ${names.qa}?` });
      await expect(dialog).toContainText('production and the other clones are not affected');
      // The same dialog as on the environment's page: the name is typed before anything is dropped.
      const confirm = dialog.getByRole('button', { name: 'Drop', exact: true });
      await expect(confirm).toBeDisabled();
      await dialog.getByLabel(`Type ${names.qa} to confirm`).fill(names.qa);
      await confirm.click();
      await expect(overviewNode(leadQa, names.qa)).toHaveCount(0, { timeout: OPERATION_TIMEOUT });

      await admin.goto('/');
      for (const name of ['production', names.ds, names.dev]) await expect(overviewNode(admin, name)).toBeVisible();
      await expect(overviewNode(admin, names.qa)).toHaveCount(0);
      await openEnvironment(admin, 'production');
      expect(await fingerprint(admin)).toEqual(base);
      await visitEnvironment(leadDs, clones.ds!);
      expect(await countRows(leadDs, 'user_behavior')).toBe(base.total);
      await visitEnvironment(leadDev, clones.dev!);
      expect(await countRows(leadDev, 'user_behavior')).toBe(base.total + 50);
    });

    await test.step('the admin snapshots production, then 100 new rows arrive in production', async () => {
      await openEnvironment(admin, 'production');
      cleanUp.add(`drop snapshot ${names.snapshot}`, () => dropSnapshotIfPresent(admin, names.snapshot));
      await takeSnapshot(admin, { name: names.snapshot, purpose: 'Production before the new rows' });
      cleanUp.add('remove the rows added to production', async () => {
        await openEnvironment(admin, 'production');
        await runSql(admin, `DELETE FROM user_behavior WHERE starts_with(session_id, '${newRowsMarker}_')`, { readOnly: false });
        expect(await countRows(admin, 'user_behavior')).toBe(base.total);
      });
      const insert = await runSql(
        admin,
        `INSERT INTO user_behavior (user_id, product_id, action, "timestamp", session_id, device_type, price, quantity)
         SELECT 200 + i, 1, 'new_purchase', 1767225600000 + i, '${newRowsMarker}_' || i, 'mobile', 99.99, 1 FROM generate_series(0, 99) AS i`,
        { readOnly: false },
      );
      expect(insert.summary).toBe('INSERT: 100 rows affected.');
      expect(await countRows(admin, 'user_behavior')).toBe(base.total + 100);
    });

    await test.step('a lead clones the snapshot: the clone shows production as it was', async () => {
      await leadDs.goto('/');
      await expect(overviewNode(leadDs, names.snapshot)).toBeVisible({ timeout: OPERATION_TIMEOUT });
      await leadDs.getByRole('link', { name: `Clone from ${names.snapshot}`, exact: true }).click();
      await leadDs.waitForURL((url) => url.pathname === '/environments/new');
      cleanUp.add(`drop ${names.timeTravel}`, () => dropEnvironmentIfPresent(admin, names.timeTravel));
      await provisionClone(leadDs, { team: 'Data science', purpose: 'Regression tests on the earlier data', name: names.timeTravel });
      await expect(leadDs.getByText(`Cloned from snapshot ${names.snapshot} of production`)).toBeVisible();
      expect(await countRows(leadDs, 'user_behavior')).toBe(base.total);
      await openEnvironment(admin, 'production');
      expect(await countRows(admin, 'user_behavior')).toBe(base.total + 100);
    });
  } finally {
    await cleanUp.run();
  }
});
