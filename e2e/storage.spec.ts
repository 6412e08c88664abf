import type { Locator, Page } from '@playwright/test';
import { formatBytes } from '../lib/format/bytes';
import { CleanUp } from './support/cleanup';
import { dropEnvironmentIfPresent, provisionClone } from './support/environments';
import { expect, test } from './support/fixtures';
import { uniqueName } from './support/names';

/**
 * The storage page as the admin (engine totals that add up, both charts, the CSV export) and
 * as the data science lead (their team's slice only, with a clone they just provisioned).
 * Figures are read from `data-bytes` (exact) and compared with what the page displays.
 * The charts wait for the usage sampler's first pass, which runs about 2 s after start-up.
 */

const CHART_WAIT_MS = 60_000;

async function openStoragePage(page: Page): Promise<void> {
  await page.goto('/storage');
  await expect(page.getByRole('heading', { level: 1, name: 'Storage' })).toBeVisible();
}

/** The exact bytes behind a displayed figure, and the figure as displayed. */
async function figure(scope: Locator, name: string): Promise<{ bytes: number; text: string }> {
  const element = scope.locator(`[data-figure="${name}"]`).first();
  const exact = await element.getAttribute('data-bytes');
  expect(exact, `${name} is a measured figure, not "not reported"`).not.toBeNull();
  const bytes = Number(exact);
  return { bytes, text: (await element.innerText()).trim() };
}

/** Reloads until the chart titled `chartName` has drawn its SVG and a line (the first sample may still be coming). */
async function expectChart(page: Page, chartName: RegExp): Promise<void> {
  await expect(async () => {
    await page.reload();
    const chart = page.getByRole('figure', { name: chartName });
    await expect(chart.locator('svg.recharts-surface').first()).toBeVisible({ timeout: 5_000 });
    await expect(chart.locator('.recharts-line').first()).toBeAttached({ timeout: 5_000 });
  }).toPass({ timeout: CHART_WAIT_MS });
}

test('the admin sees engine totals that add up: saved = logical − physical', async ({ admin }) => {
  await openStoragePage(admin);
  const totals = admin.getByRole('group', { name: /storage totals/ }).first();
  await expect(totals).toBeVisible();
  const physical = await figure(totals, 'physical');
  const logical = await figure(totals, 'logical');
  const fullCopies = await figure(totals, 'full-copies');
  const saved = await figure(totals, 'saved');
  expect(physical.bytes).toBeGreaterThan(0);
  expect(fullCopies.bytes).toBe(logical.bytes);
  expect(saved.bytes).toBe(logical.bytes - physical.bytes);
  expect([physical.text, logical.text, saved.text]).toEqual([
    formatBytes(physical.bytes),
    formatBytes(logical.bytes),
    formatBytes(saved.bytes),
  ]);
  await expect(totals.locator('[data-figure="saved-percent"]')).toHaveText(
    `${((saved.bytes / logical.bytes) * 100).toFixed(1)} % of the logical size`,
  );
  const ratio = Number(await totals.locator('[data-figure="ratio"]').getAttribute('data-ratio'));
  expect(ratio).toBeCloseTo(logical.bytes / physical.bytes, 6);
  const teams = admin.getByRole('table', { name: /storage per team/ }).first();
  await expect(teams.getByRole('rowheader', { name: 'Organisation (production)' })).toBeVisible();
  await expect(
    admin
      .getByRole('table', { name: /storage per environment/ })
      .first()
      .getByRole('rowheader', { name: 'production' }),
  ).toBeVisible();
});

test('the admin sees logical vs physical over time, and each team', async ({ admin }) => {
  await openStoragePage(admin);
  await expectChart(admin, /logical vs physical/);
  await expect(
    admin
      .getByRole('figure', { name: /per team/ })
      .first()
      .locator('svg.recharts-surface')
      .first(),
  ).toBeVisible();
});

test('the admin exports the breakdown as CSV', async ({ admin }) => {
  await openStoragePage(admin);
  const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: 'Export CSV' }).click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk));
  const lines = Buffer.concat(chunks).toString('utf8').split('\r\n');
  expect(lines[0]).toMatch(/^row,engine,team,environment,/);
  expect(lines.filter((line) => line.startsWith('engine,'))).toHaveLength(1);
  expect(lines.some((line) => line.startsWith('environment,') && line.includes(',production,'))).toBe(true);
});

test("the data science lead sees only the team's slice, with the clone they provisioned", async ({ leadDs, admin }) => {
  test.setTimeout(600_000);
  const name = uniqueName('ds_storage');
  const cleanUp = new CleanUp();
  try {
    await test.step('the lead clones production', async () => {
      cleanUp.add(`drop ${name}`, () => dropEnvironmentIfPresent(admin, name));
      await provisionClone(leadDs, { team: 'Data science', source: { now: 'production (now)' }, purpose: 'Storage page check', name });
    });

    await test.step('no engine totals, no production, no other team', async () => {
      await openStoragePage(leadDs);
      await expect(leadDs.getByRole('group', { name: /storage totals/ })).toHaveCount(0);
      await expect(leadDs.locator('[data-figure="physical"], [data-figure="saved"]')).toHaveCount(0);
      await expect(
        leadDs
          .getByRole('table', { name: /storage per team/ })
          .first()
          .getByRole('rowheader'),
      ).toHaveText(['Data science']);
      const environments = leadDs.getByRole('table', { name: /storage per environment/ }).first();
      await expect(environments.getByRole('rowheader', { name: 'production' })).toHaveCount(0);
      await expect(environments.getByRole('rowheader', { name, exact: true })).toBeVisible();
    });

    await test.step("the team's own bytes are the sum of its environments' own bytes", async () => {
      const slice = leadDs.getByRole('group', { name: /your teams' storage/ }).first();
      const own = await figure(slice, 'team-own');
      expect(own.text).toBe(formatBytes(own.bytes));
      const environments = leadDs.getByRole('table', { name: /storage per environment/ }).first();
      const values = await environments
        .locator('tbody [data-figure="own"]')
        .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-bytes') ?? Number.NaN)));
      expect(values.reduce((sum, value) => sum + value, 0)).toBe(own.bytes);
      const clone = environments.getByRole('row').filter({ has: leadDs.getByRole('rowheader', { name, exact: true }) });
      expect((await figure(clone, 'own')).bytes).toBeGreaterThanOrEqual(0);
      // A clone sees all of production: its logical size is production's, however little it owns.
      expect((await figure(clone, 'logical')).bytes).toBeGreaterThan(0);
    });

    await test.step("the team's frees-if-dropped is the sum of its environments', in the slice and the team table", async () => {
      const slice = leadDs.getByRole('group', { name: /your teams' storage/ }).first();
      const freed = await figure(slice, 'team-freed-if-dropped');
      const environments = leadDs.getByRole('table', { name: /storage per environment/ }).first();
      const values = await environments
        .locator('tbody [data-figure="freedIfDropped"]')
        .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-bytes') ?? Number.NaN)));
      expect(values.length).toBeGreaterThan(0);
      expect(values.reduce((sum, value) => sum + value, 0)).toBe(freed.bytes);
      const teams = leadDs.getByRole('table', { name: /storage per team/ }).first();
      expect((await figure(teams.getByRole('row').filter({ hasText: 'Data science' }), 'freedIfDropped')).bytes).toBe(freed.bytes);
    });

    await test.step("the team's chart is drawn, and no engine chart", async () => {
      await expectChart(leadDs, /per team/);
      await expect(leadDs.getByRole('figure', { name: /logical vs physical/ })).toHaveCount(0);
    });
  } finally {
    await cleanUp.run();
  }
});
