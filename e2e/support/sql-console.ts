import { expect, type Page } from '@playwright/test';
import { expectHydrated } from './hydration';
import { OPERATION_TIMEOUT } from './timeouts';

/** What the console showed for one statement (or script). */
export interface ConsoleResult {
  /** The line above the grid ("3 rows") or the command's ("UPDATE: 100 rows affected."). */
  summary: string;
  columns: string[];
  rows: string[][];
}

export interface RunSqlOptions {
  /** Read-only (the default) runs one statement and rolls it back; read-write runs a script. */
  readOnly?: boolean;
}

/** A console action is a POST carrying the server action's id. */
const isConsoleAnswer = (response: { request(): { method(): string; headers(): Record<string, string> } }) =>
  response.request().method() === 'POST' && 'next-action' in response.request().headers();

/**
 * Runs SQL in the console of the environment page that is open and returns what the page
 * shows. Waits for this run's answer (not a previous result still on screen); a SQL error
 * shown by the console is thrown with its text.
 */
export async function runSql(page: Page, sql: string, { readOnly = true }: RunSqlOptions = {}): Promise<ConsoleResult> {
  const sqlConsole = page.getByRole('region', { name: 'SQL console' });
  const editor = sqlConsole.getByRole('textbox', { name: 'SQL' });
  const run = sqlConsole.getByRole('button', { name: 'Run', exact: true });
  await expectHydrated(editor);
  await editor.fill(sql);
  const readOnlyBox = sqlConsole.getByRole('checkbox', { name: 'Read-only' });
  if (readOnly) await readOnlyBox.check();
  else if (await readOnlyBox.isDisabled()) throw new Error('The console is read-only for this user: it cannot run read-write SQL here.');
  else await readOnlyBox.uncheck();
  await expect(run).toBeEnabled();

  const failure = sqlConsole.getByRole('alert');
  const summary = sqlConsole.getByRole('status');
  const outcome = failure.or(summary).first();
  // The previous run's outcome leaves the page while this one runs; waiting for that rules out reading it.
  const previous = (await outcome.count()) > 0 ? await outcome.elementHandle() : null;
  const answer = page.waitForResponse(isConsoleAnswer, { timeout: OPERATION_TIMEOUT });
  await run.click();
  // Only the answer's arrival: the RSC stream of an action answer never reports "finished" to Playwright.
  await answer;
  if (previous) await expect.poll(() => previous.evaluate((element) => element.isConnected)).toBe(false);
  await expect(run).not.toHaveAttribute('aria-busy', 'true');
  await expect(outcome).toBeVisible();
  if (await failure.isVisible()) throw new Error(`The console refused ${JSON.stringify(sql)}: ${await failure.innerText()}`);

  const table = sqlConsole.getByRole('table', { name: 'Query results' });
  if (!(await table.isVisible())) return { summary: (await summary.innerText()).trim(), columns: [], rows: [] };
  const columns = await table.getByRole('columnheader').allInnerTexts();
  const rows: string[][] = [];
  for (const row of await table.getByRole('row').all()) {
    const cells = await row.getByRole('cell').allInnerTexts();
    if (cells.length > 0) rows.push(cells.map((cell) => cell.trim()));
  }
  return { summary: (await summary.innerText()).trim(), columns: columns.map((column) => column.trim()), rows };
}

/** The single value of a one-row, one-column query, e.g. a count. */
export async function queryValue(page: Page, sql: string): Promise<string> {
  const result = await runSql(page, sql);
  expect(result.rows, `one row from ${sql}`).toHaveLength(1);
  expect(result.rows[0], `one column from ${sql}`).toHaveLength(1);
  return result.rows[0]![0]!;
}

/** `SELECT count(*) FROM <table> [WHERE …]`, read-only, as a number. */
export async function countRows(page: Page, table: string, where?: string): Promise<number> {
  return Number(await queryValue(page, `SELECT count(*) FROM ${table}${where ? ` WHERE ${where}` : ''}`));
}
