import { expect, type Locator, type Page } from '@playwright/test';
import { expectHydrated } from './hydration';
import { OPERATION_TIMEOUT } from './timeouts';

export { OPERATION_TIMEOUT };

/** Demo team display names, as the provision form lists them. */
export type TeamName = 'Data science' | 'QA' | 'Dev';

/** What to clone: a live database as it is now ("production (now)"), or a snapshot by name. */
export type CloneSource = { now: string } | { snapshot: string };

export interface CloneRequest {
  team: TeamName;
  purpose: string;
  name: string;
  /** Omitted: whatever the form preselected (production, or the ?snapshot= of the link followed). */
  source?: CloneSource;
}

export interface EnvironmentRef {
  id: string;
  name: string;
}

const SETTLED = /^(Ready|Failed|Missing on the engine)$/;

export function environmentStatus(page: Page): Locator {
  return page.getByRole('status', { name: 'Environment status' });
}

/** Waits for the open environment page to settle, and fails with the page's reason unless it is Ready. */
export async function expectReady(page: Page, timeout = OPERATION_TIMEOUT): Promise<void> {
  const status = environmentStatus(page);
  await expect(status).toHaveText(SETTLED, { timeout });
  const text = (await status.innerText()).trim();
  if (text !== 'Ready') {
    const reason = await page
      .getByRole('main')
      .getByRole('alert')
      .first()
      .innerText()
      .catch(() => 'no reason shown');
    throw new Error(`The environment is ${text}: ${reason}`);
  }
}

/** The id in /environments/<id> of the open page. */
export function environmentIdOf(page: Page): string {
  const match = /^\/environments\/([^/]+)$/.exec(new URL(page.url()).pathname);
  if (!match || match[1] === 'new') throw new Error(`Not on an environment page: ${page.url()}`);
  return decodeURIComponent(match[1]!);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function chooseSource(select: Locator, source: CloneSource): Promise<void> {
  if ('now' in source) {
    await select.selectOption({ label: source.now });
    return;
  }
  // Snapshot options read "<name> · <database> at <time>".
  const option = select.getByRole('option', { name: new RegExp(`^${escapeRegExp(source.snapshot)} · `) });
  const value = await option.getAttribute('value');
  if (!value) throw new Error(`The form offers no snapshot ${source.snapshot}.`);
  await select.selectOption(value);
}

/**
 * Fills and submits the provision form (opening /environments/new unless a link already
 * led there) and waits on the new environment's page until it is Ready.
 */
export async function provisionClone(page: Page, request: CloneRequest): Promise<EnvironmentRef> {
  if (new URL(page.url()).pathname !== '/environments/new') await page.goto('/environments/new');
  const form = page.getByRole('form', { name: 'Provision an environment' });
  const submit = form.getByRole('button', { name: 'Provision', exact: true });
  await expectHydrated(submit);
  await form.getByLabel('Team', { exact: true }).selectOption({ label: request.team });
  if (request.source) await chooseSource(form.getByLabel('Clone from', { exact: true }), request.source);
  await form.getByLabel('Purpose', { exact: true }).fill(request.purpose);
  await form.getByLabel('Database name', { exact: true }).fill(request.name);
  await submit.click();

  await page.waitForURL((url) => /^\/environments\/[^/]+$/.test(url.pathname) && url.pathname !== '/environments/new', {
    timeout: OPERATION_TIMEOUT,
  });
  await expect(page.getByRole('heading', { level: 1, name: request.name, exact: true })).toBeVisible();
  await expectReady(page);
  return { id: environmentIdOf(page), name: request.name };
}

/** The overview's accessible outline: one list item per environment or snapshot, named by it. */
export function overviewNode(page: Page, name: string): Locator {
  return page.getByRole('listitem', { name, exact: true });
}

/** Opens an environment's page the way a person does: from its node on the overview. */
export async function openEnvironment(page: Page, name: string): Promise<EnvironmentRef> {
  await page.goto('/');
  await page.getByRole('link', { name: `Open ${name}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
  return { id: environmentIdOf(page), name };
}

/** Opens an environment's page by its id and waits until it is Ready. */
export async function visitEnvironment(page: Page, environment: EnvironmentRef): Promise<void> {
  await page.goto(`/environments/${environment.id}`);
  await expect(page.getByRole('heading', { level: 1, name: environment.name, exact: true })).toBeVisible();
  await expectReady(page);
}

/** Takes a whole-database snapshot from the open environment page. */
export async function takeSnapshot(page: Page, snapshot: { name: string; purpose: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Take a snapshot' });
  const submit = form.getByRole('button', { name: 'Take snapshot', exact: true });
  await expectHydrated(submit);
  await form.getByLabel('Snapshot name', { exact: true }).fill(snapshot.name);
  await form.getByLabel('Purpose', { exact: true }).fill(snapshot.purpose);
  await submit.click();
  await expect(form.getByRole('status').filter({ hasText: `Snapshot ${snapshot.name} taken.` })).toBeVisible({
    timeout: OPERATION_TIMEOUT,
  });
  const environment = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  await expect(snapshotRow(page, environment, snapshot.name)).toBeVisible();
}

/** A row of the environment page's snapshot table. */
export function snapshotRow(page: Page, environment: string, snapshot: string): Locator {
  return page
    .getByRole('table', { name: `Snapshots of ${environment}`, exact: true })
    .getByRole('row')
    .filter({ has: page.getByText(snapshot, { exact: true }) });
}

/** Resets the open environment page's clone to its reset point and waits until it is Ready. */
export async function resetEnvironment(page: Page): Promise<void> {
  const name = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  const button = page.getByRole('region', { name: 'Reset', exact: true }).getByRole('button', { name: 'Reset to starting point' });
  await expectHydrated(button);
  await button.click();
  const dialog = page.getByRole('dialog', { name: `Reset ${name}?` });
  await dialog.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: OPERATION_TIMEOUT });
  await expect(page.getByRole('status').filter({ hasText: `Reset: ${name} is as it was when provisioned.` })).toBeVisible();
  await expectReady(page);
}

/** Drops the environment whose page is open, typing its name; the page moves to the list. */
export async function dropEnvironment(page: Page): Promise<void> {
  const name = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  const button = page.getByRole('region', { name: 'Drop', exact: true }).getByRole('button', { name: 'Drop environment' });
  await expectHydrated(button);
  await button.click();
  const dialog = page.getByRole('dialog', { name: `Drop ${name}?` });
  await dialog.getByLabel(`Type ${name} to confirm`).fill(name);
  await dialog.getByRole('button', { name: 'Drop', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/environments', { timeout: OPERATION_TIMEOUT });
}

/** Clean-up: drops the environment if the overview still shows it (as someone allowed to). */
export async function dropEnvironmentIfPresent(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Environments and snapshots, as a list' })).toBeVisible();
  if ((await page.getByRole('link', { name: `Open ${name}`, exact: true }).count()) === 0) return;
  await openEnvironment(page, name);
  await expect(environmentStatus(page)).toHaveText(SETTLED, { timeout: OPERATION_TIMEOUT });
  await dropEnvironment(page);
}

/** Clean-up: drops a snapshot from the snapshots page if it is still listed. */
export async function dropSnapshotIfPresent(page: Page, name: string): Promise<void> {
  await page.goto('/snapshots');
  const table = page.getByRole('table', { name: 'Snapshots', exact: true });
  const noSnapshots = page.getByText('No snapshots yet.');
  await expect(table.or(noSnapshots).first()).toBeVisible();
  const row = table.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
  if ((await row.count()) === 0) return;
  const drop = row.getByRole('button', { name: `Drop ${name}`, exact: true });
  await expectHydrated(drop);
  await drop.click();
  const dialog = page.getByRole('dialog', { name: `Drop snapshot ${name}?` });
  await dialog.getByRole('button', { name: 'Drop snapshot', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: OPERATION_TIMEOUT });
  await expect(drop).toHaveCount(0);
}
