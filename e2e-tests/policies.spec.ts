import { Browser, expect, Page, test } from '@playwright/test';
import { backendUrl, backstageTokenOf, signInAs } from './portal';

async function pageAs(browser: Browser, user: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, user);
  return page;
}

/** Juanie's API as a demo user, as a script would call it. */
async function api(user: string, method: string, path: string, body?: object) {
  return fetch(`${backendUrl}/api/juanie${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await backstageTokenOf(user)}`,
      'content-type': 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
}

/** The table row of a policy, found by its title. */
const policyRow = (page: Page, title: string) =>
  page.getByRole('row').filter({ hasText: title });

test('bob manages acme policies; alice sees what shop inherits read-only, and the refusal of her latest deploy', async ({
  browser,
}) => {
  // Two users, two dev-mode page loads each, on a shared two-core machine.
  test.setTimeout(420_000);
  const title = `E2E replicas ${Date.now().toString(36)}`;
  const bob = await pageAs(browser, 'bob');
  await bob.goto('/juanie/orgs/acme/policies');

  // The demo seed's policies: no latest tag on all of acme (enforced), digests in prod (a warning).
  const noLatest = policyRow(bob, 'Images name a version');
  await expect(noLatest).toContainText('No latest tag');
  await expect(noLatest).toContainText('all of acme');
  await expect(noLatest).toContainText('enforced');
  const prodDigests = policyRow(bob, 'Production images are pinned by digest');
  await expect(prodDigests).toContainText('shop / prod');
  await expect(prodDigests).toContainText('warning');

  // bob, an acme admin, adds a policy; the form checks its setting with the shared schema.
  await bob.getByRole('button', { name: 'Add policy' }).click();
  const dialog = bob.getByRole('dialog');
  await dialog.getByLabel('Title', { exact: true }).fill(title);
  await dialog.getByLabel('Rule', { exact: true }).selectOption('maxReplicas');
  await dialog.getByLabel('Maximum replicas', { exact: true }).fill('-1');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText(/>=0/)).toBeVisible();
  await dialog.getByLabel('Maximum replicas', { exact: true }).fill('5');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(policyRow(bob, title)).toContainText('max: 5');
  await expect(policyRow(bob, title)).toContainText('enforced');

  // He makes it a warning and raises the limit.
  await bob.getByRole('button', { name: `Edit ${title}` }).click();
  await dialog.getByLabel('Maximum replicas', { exact: true }).fill('8');
  await dialog.getByLabel('Enforcement', { exact: true }).selectOption('warn');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(policyRow(bob, title)).toContainText('max: 8');
  await expect(policyRow(bob, title)).toContainText('warning');

  // And deletes it: it is gone on the server too.
  await bob.getByRole('button', { name: `Delete ${title}` }).click();
  await bob.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(policyRow(bob, title)).toHaveCount(0);
  const { items } = await (
    await api('bob', 'GET', '/policies?org=acme')
  ).json();
  expect(items.map((p: { title: string }) => p.title)).toEqual(
    expect.arrayContaining(['Images name a version']),
  );
  expect(items.map((p: { title: string }) => p.title)).not.toContain(title);

  // alice, a developer on shop, sees what shop inherits from acme, and can change nothing.
  const alice = await pageAs(browser, 'alice');
  await alice.goto('/juanie/orgs/acme/projects/shop/policies');
  const inherited = policyRow(alice, 'Images name a version');
  await expect(inherited).toContainText('inherited from acme');
  await expect(
    policyRow(alice, 'Production images are pinned by digest'),
  ).toContainText('shop / prod');
  await expect(alice.getByRole('button', { name: 'Add policy' })).toHaveCount(
    0,
  );
  await expect(
    alice.getByRole('button', { name: /^(Edit|Delete) / }),
  ).toHaveCount(0);

  // Her request to run latest on staging (as a script would send it) is refused...
  const refused = await api(
    'alice',
    'POST',
    '/orgs/acme/projects/shop/environments/staging/deployments',
    { changes: { image: { tag: 'latest' } } },
  );
  expect(refused.status, await refused.clone().text()).toBe(422);

  // ...and the policy shows that refusal among its recent deployments.
  await inherited
    .getByRole('button', {
      name: 'Recent deployments of Images name a version',
    })
    .click();
  const decisions = alice.getByRole('dialog', {
    name: 'Recent deployments of Images name a version',
  });
  const refusal = decisions
    .getByRole('row')
    .filter({ hasText: 'user:default/alice' })
    .first();
  await expect(refusal).toContainText('refused');
  await expect(refusal).toContainText('shop / staging');
  await expect(refusal).toContainText('uses the latest tag');
  await expect(refusal).toContainText('none (refused)');
});
