import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

/** The typed result every server action returns (lib/actions/result.ts). */
export type ActionOutcome = { ok: true; data: unknown } | { ok: false; code: string; message: string };

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
}

/** The build the e2e server runs (scripts/e2e-server.mjs). */
const DIST_DIR = process.env.NEXT_DIST_DIR || '.next-e2e';

function actionId(exportedName: string): string {
  const file = path.resolve(DIST_DIR, 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { node: Record<string, ManifestEntry> };
  const ids = Object.entries(manifest.node)
    .filter(([, entry]) => entry.exportedName === exportedName)
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`Expected one server action named ${exportedName} in ${file}, found ${ids.length}.`);
  return ids[0]!;
}

/** The action's return value in the RSC answer: the row that is an `{ ok, … }` object. */
function outcomeOf(body: string): ActionOutcome {
  for (const line of body.split('\n')) {
    const payload = line.slice(line.indexOf(':') + 1);
    try {
      const value: unknown = JSON.parse(payload);
      if (value && typeof value === 'object' && typeof (value as { ok?: unknown }).ok === 'boolean') return value as ActionOutcome;
    } catch {
      // Not a JSON row (the router's rows, or a text chunk).
    }
  }
  throw new Error(`No action result in the answer: ${body.slice(0, 500)}`);
}

/**
 * Calls a server action the way the browser's React code does (a POST with the action's
 * id, the arguments as JSON, the session cookie), bypassing the UI that hides it: proves the
 * server refuses, not just the page. Runs in the page, so it is same-origin and signed in.
 */
export async function callServerAction(page: Page, exportedName: string, args: unknown[]): Promise<ActionOutcome> {
  const id = actionId(exportedName);
  const answer = await page.evaluate(
    async ({ id, args }) => {
      const response = await fetch('/environments/new', {
        method: 'POST',
        headers: { 'Next-Action': id, Accept: 'text/x-component', 'Content-Type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify(args),
      });
      return { status: response.status, body: await response.text() };
    },
    { id, args },
  );
  if (answer.status !== 200) throw new Error(`The action ${exportedName} answered HTTP ${answer.status}: ${answer.body.slice(0, 300)}`);
  return outcomeOf(answer.body);
}
