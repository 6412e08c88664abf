import { CleanUp } from './support/cleanup';
import { dropEnvironmentIfPresent, overviewNode, provisionClone, resetEnvironment, visitEnvironment } from './support/environments';
import { expect, test } from './support/fixtures';
import { uniqueName } from './support/names';
import { callServerAction } from './support/server-actions';
import { countRows, runSql } from './support/sql-console';

/**
 * Who may do what to a team's clone, through the pages and against the server directly
 * (the pages only hide what the server refuses): a QA member uses and resets the QA clone
 * but cannot provision or drop; the dev lead cannot see or touch it at all.
 */

test('a member uses and resets the team clone but cannot provision or drop; another team cannot see it', async ({
  leadQa,
  qa,
  leadDev,
  admin,
}) => {
  test.setTimeout(300_000);
  const name = uniqueName('qa_permissions');
  const refusedName = uniqueName('qa_by_a_member');
  const cleanUp = new CleanUp();

  try {
    const { clone, provisionInput } = await test.step('the QA lead provisions a QA clone', async () => {
      cleanUp.add(`drop ${name}`, () => dropEnvironmentIfPresent(admin, name));
      await leadQa.goto('/environments/new');
      const form = leadQa.getByRole('form', { name: 'Provision an environment' });
      // What the lead's form sends, replayed below as the member: the QA team, production as it is now.
      const teamId = await form.getByLabel('Team', { exact: true }).inputValue();
      const source = await form.getByLabel('Clone from', { exact: true }).inputValue();
      expect(source).toMatch(/^environment:/);
      const input = {
        teamId,
        name: refusedName,
        purpose: 'Provisioned by a member',
        source: { kind: 'environment', environmentId: source.slice('environment:'.length) },
      };
      const created = await provisionClone(leadQa, { team: 'QA', source: { now: 'production (now)' }, purpose: 'Permission checks', name });
      return { clone: created, provisionInput: input };
    });

    await test.step('the QA member gets no provision form, and the server refuses to provision for them', async () => {
      await qa.goto('/environments/new');
      await expect(qa.getByRole('status').filter({ hasText: 'Only team leads can provision environments.' })).toBeVisible();
      await expect(qa.getByRole('form', { name: 'Provision an environment' })).toHaveCount(0);
      cleanUp.add(`drop ${refusedName}, in case it was provisioned`, () => dropEnvironmentIfPresent(admin, refusedName));
      expect(await callServerAction(qa, 'provisionEnvironmentAction', [provisionInput])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      await admin.goto('/');
      await expect(overviewNode(admin, name)).toBeVisible();
      await expect(overviewNode(admin, refusedName)).toHaveCount(0);
    });

    await test.step('the QA member sees the clone with Reset but no Clone or Drop; its page says why', async () => {
      await qa.goto('/');
      await expect(overviewNode(qa, name)).toBeVisible();
      await expect(qa.getByRole('button', { name: `Reset ${name}`, exact: true })).toBeVisible();
      await expect(qa.getByRole('link', { name: `Clone ${name}`, exact: true })).toHaveCount(0);
      await expect(qa.getByRole('button', { name: `Drop ${name}`, exact: true })).toHaveCount(0);
      await visitEnvironment(qa, clone);
      await expect(qa.getByRole('button', { name: 'Drop environment' })).toHaveCount(0);
      await expect(qa.getByRole('listitem').filter({ hasText: 'Drop: Only team leads and administrators can do this.' })).toBeVisible();
    });

    await test.step('the server refuses the QA member a drop; the clone stays Ready', async () => {
      expect(await callServerAction(qa, 'dropEnvironmentAction', [clone.id])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      await visitEnvironment(qa, clone);
    });

    await test.step('the dev lead cannot see the QA clone or touch it', async () => {
      await leadDev.goto(`/environments/${clone.id}`);
      await expect(leadDev.getByRole('heading', { level: 1, name: 'Environment not found' })).toBeVisible();
      await leadDev.goto('/');
      await expect(overviewNode(leadDev, 'production')).toBeVisible();
      await expect(overviewNode(leadDev, name)).toHaveCount(0);
      for (const action of ['dropEnvironmentAction', 'resetEnvironmentAction']) {
        expect(await callServerAction(leadDev, action, [clone.id]), action).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      }
      await visitEnvironment(leadQa, clone);
    });

    await test.step('the QA member deletes rows, then one reset brings the base rows back', async () => {
      await visitEnvironment(qa, clone);
      const baseRows = await countRows(qa, 'user_behavior');
      const purchases = await countRows(qa, 'user_behavior', "action = 'purchase'");
      expect(purchases).toBeGreaterThan(0);
      const deletion = await runSql(qa, "DELETE FROM user_behavior WHERE action = 'purchase'", { readOnly: false });
      expect(deletion.summary).toBe(`DELETE: ${purchases} rows affected.`);
      expect(await countRows(qa, 'user_behavior')).toBe(baseRows - purchases);

      await resetEnvironment(qa);
      expect(await countRows(qa, 'user_behavior')).toBe(baseRows);
      expect(await countRows(qa, 'user_behavior', "action = 'purchase'")).toBe(purchases);
    });
  } finally {
    await cleanUp.run();
  }
});
