import { Browser, expect, Page, test } from '@playwright/test';
import { backendUrl, demoUserHeader, signInAs } from './portal';

/** A Backstage token for a demo user, as `yarn demo-token` gets it. */
async function tokenOf(user: string): Promise<string> {
  const res = await fetch(`${backendUrl}/api/auth/demo/refresh`, {
    headers: { [demoUserHeader]: user },
  });
  return (await res.json()).backstageIdentity.token;
}

async function api(user: string, method: string, path: string, body?: object) {
  return fetch(`${backendUrl}/api/juanie${path}`, {
    method,
    headers: { authorization: `Bearer ${await tokenOf(user)}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
}

async function pageAs(browser: Browser, user: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, user);
  return page;
}

/** Fills and submits the open form dialog. */
async function submitDialog(
  page: Page,
  fields: Record<string, string>,
  submit: string,
  selects: Record<string, string> = {},
) {
  const dialog = page.getByRole('dialog');
  for (const [label, value] of Object.entries(fields)) {
    await dialog.getByLabel(label, { exact: true }).fill(value);
  }
  for (const [label, value] of Object.entries(selects)) {
    await dialog.getByLabel(label, { exact: true }).selectOption(value);
  }
  await dialog.getByRole('button', { name: submit, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test('carol builds an organisation with a team and a three-environment project; alice, a viewer, can only look', async ({
  browser,
}) => {
  const org = `e2e-${Date.now().toString(36)}`;
  const projectPath = `/juanie/orgs/${org}/projects/web`;

  const carol = await pageAs(browser, 'carol');
  await carol.goto('/juanie');
  await carol.getByRole('button', { name: 'Create organisation' }).click();
  await submitDialog(carol, { Slug: org, Title: 'E2E Org' }, 'Create');

  await carol.goto(`/juanie/orgs/${org}/teams`);
  await carol.getByRole('button', { name: 'Create team' }).click();
  await submitDialog(carol, { Slug: 'builders', Title: 'Builders' }, 'Create');
  await expect(carol.getByText('Builders').first()).toBeVisible();

  await carol.goto(`/juanie/orgs/${org}`);
  await carol.getByRole('button', { name: 'Create project' }).click();
  await submitDialog(carol, { Slug: 'web', Title: 'Web' }, 'Create');

  await carol.goto(projectPath);
  for (const [slug, title, kind] of [
    ['dev', 'Development', 'development'],
    ['staging', 'Staging', 'staging'],
    ['prod', 'Production', 'production'],
  ]) {
    await carol.getByRole('button', { name: 'Add environment' }).click();
    await submitDialog(carol, { Slug: slug, Title: title }, 'Save', { Kind: kind });
    await expect(carol.getByText(title, { exact: true }).first()).toBeVisible();
  }

  await carol.goto(`${projectPath}/members`);
  for (const [userRef, role] of [
    ['user:default/bob', 'maintainer'],
    ['user:default/alice', 'viewer'],
  ]) {
    await carol.getByRole('button', { name: 'Add member' }).click();
    await submitDialog(carol, { User: userRef }, 'Add', { Role: role });
    await expect(carol.getByText(userRef).first()).toBeVisible();
  }

  const environments = await (await api('carol', 'GET', `/orgs/${org}/projects/web/environments`)).json();
  expect(environments.items.map((e: { slug: string }) => e.slug)).toEqual(['dev', 'staging', 'prod']);

  // alice sees the project but no control that changes it, and the API refuses her.
  const alice = await pageAs(browser, 'alice');
  await alice.goto(projectPath);
  await expect(alice.getByText('Production', { exact: true }).first()).toBeVisible();
  await expect(alice.getByRole('button', { name: 'Add environment' })).toHaveCount(0);
  await alice.goto(`${projectPath}/members`);
  await expect(alice.getByText('user:default/bob').first()).toBeVisible();
  await expect(alice.getByRole('button', { name: 'Add member' })).toHaveCount(0);

  const refused = await api('alice', 'PATCH', `/orgs/${org}/projects/web`, { title: 'Mine now' });
  expect(refused.status).toBe(403);
  const refusedEnv = await api('alice', 'POST', `/orgs/${org}/projects/web/environments`, {
    slug: 'qa',
    title: 'QA',
    kind: 'staging',
  });
  expect(refusedEnv.status).toBe(403);

  // bob, the maintainer, may change it.
  const accepted = await api('bob', 'PATCH', `/orgs/${org}/projects/web`, { description: 'Web front end' });
  expect(accepted.status).toBe(200);
});
