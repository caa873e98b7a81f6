import { Browser, expect, Page, test } from '@playwright/test';
import { backendUrl, backstageTokenOf, signInAs } from './portal';

async function pageAs(browser: Browser, user: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, user);
  return page;
}

test('an organisation admin opens the audit page and reads acme\'s events; a developer gets an empty state; the platform admin reads everything', async ({
  browser,
}) => {
  // An event of acme's that this run alone made: bob (acme admin) creates a team.
  const team = `audit-e2e-${Date.now().toString(36)}`;
  const created = await fetch(`${backendUrl}/api/juanie/orgs/acme/teams`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await backstageTokenOf('bob')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ slug: team, title: 'Audit e2e' }),
  });
  expect(created.status).toBe(201);

  const bob = await pageAs(browser, 'bob');
  await bob.goto('/juanie/audit');
  await expect(bob.getByLabel('Organisation', { exact: true })).toHaveValue('acme');
  await expect(bob.getByText(team).first()).toBeVisible();
  await expect(bob.getByText(/do not have permission/)).toHaveCount(0);
  await expect(bob.getByRole('option', { name: 'All organisations' })).toHaveCount(0);
  // An admin, not an owner: acme's chain state, but no verification.
  await expect(bob.getByText('Hash chain of acme')).toBeVisible();
  await expect(bob.getByRole('button', { name: 'Verify now' })).toHaveCount(0);

  const alice = await pageAs(browser, 'alice');
  await alice.goto('/juanie/audit');
  await expect(alice.getByText('No audit trail to show you')).toBeVisible();
  await expect(alice.getByText(/do not have permission/)).toHaveCount(0);

  const carol = await pageAs(browser, 'carol');
  await carol.goto('/juanie/audit');
  await expect(carol.getByLabel('Organisation', { exact: true })).toHaveValue('');
  await expect(carol.getByText(team).first()).toBeVisible();
  await carol.getByRole('button', { name: 'Verify now' }).click();
  await expect(carol.getByText(/Chain held/)).toBeVisible();
});
