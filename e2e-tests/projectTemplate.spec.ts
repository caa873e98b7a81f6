import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { backendUrl, backstageTokenOf, signInAs } from './portal';
import { portalDataDir } from './scratchCheckout';

const run = promisify(execFile);

/** The portal's data directory (data/ of its scratch copy). */
const dataDir = portalDataDir;

/** The template's steps that run for a repository on the Backstage server (repoHost `git`)... */
const stepsThatRun = [
  'Fill in the defaults of left-out parameters',
  'Check that the Juanie project can be created',
  'Write the service skeleton',
  'Publish to a local git repository',
  'Create the Juanie project and its environments',
  'Connect the GitOps repository',
  'Connect the app repository',
  'Bootstrap the GitOps layout',
];
/** ...and those its `if`s skip there. */
const stepsSkipped = [
  'Publish to GitHub',
  'Publish to GitLab',
  'Register the push webhook',
  'Register the component in the catalog',
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('carol creates a project with the Juanie project template, finds it in Juanie and the catalog, deploys it to dev; bob approves; it succeeds', async ({
  browser,
}) => {
  // The catalog may take up to its 2-minute full refresh, the cluster up to 90 s.
  test.setTimeout(480_000);

  // A fresh slug on every run: the portal may be reused, and slugs are unique per organisation.
  const name = `svc-${Date.now().toString(36)}`;
  const tag = `0.2.${Date.now() % 100000}`;
  const projectPath = `/juanie/orgs/acme/projects/${name}`;
  const repositoryDir = path.join(dataDir, 'scaffolded', `${name}.git`);
  const git = async (...args: string[]) =>
    (
      await run('git', ['--git-dir', repositoryDir, ...args], {
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
      })
    ).stdout;

  // carol owns organisation acme, so she may create projects in it.
  const carol = await (await browser.newContext()).newPage();
  await signInAs(carol, 'carol');

  // --- The scaffolder: choose the template, fill the form, create. ---
  await carol.goto('/create');
  const templateCard = carol
    .locator('div')
    .filter({ has: carol.getByRole('heading', { name: 'Juanie project', exact: true }) })
    .filter({ has: carol.getByRole('button', { name: 'Choose' }) })
    .last(); // the innermost such div: the card itself, not the list around every card
  await templateCard.getByRole('button', { name: 'Choose' }).click();
  await expect(carol).toHaveURL(/\/create\/templates\/default\/juanie-project$/);

  // Step "Project" (by role: the labels of required fields end in an asterisk).
  await carol.getByRole('textbox', { name: 'Organisation', exact: true }).fill('acme');
  await carol.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await carol.getByRole('button', { name: 'Next' }).click();

  // Step "Repository": the default is a bare repository on the Backstage server.
  await expect(
    carol.getByRole('button', { name: /^Where the repository lives A git repository on the Backstage server/ }),
  ).toBeVisible();
  await carol.getByRole('button', { name: 'Next' }).click();

  // Step "Environments": the defaults (dev, staging, prod), except that dev needs one
  // approval, so that the deployment below goes through bob's approval.
  const approvalsNeeded = carol.getByRole('spinbutton', { name: 'Approvals needed' });
  await expect(approvalsNeeded).toHaveCount(3);
  await expect(carol.getByRole('textbox', { name: 'Slug' }).first()).toHaveValue('dev');
  await approvalsNeeded.first().fill('1');
  await carol.getByRole('button', { name: 'Review' }).click();

  // Step "Review".
  await expect(carol.getByRole('row', { name: `Name ${name}` })).toBeVisible();
  await expect(carol.getByText('requiredApprovals: 1', { exact: true })).toHaveCount(2); // dev and staging
  await carol.getByRole('button', { name: 'Create' }).click();

  // --- The task: every step done, the output links. ---
  await expect(carol).toHaveURL(/\/create\/tasks\/[0-9a-f-]{36}$/);
  const taskId = carol.url().split('/').pop()!;
  const task = carol.getByRole('article').first();
  // The task's border turns from an indeterminate bar into a full one once the task ends.
  await expect(task.getByRole('progressbar').first()).toHaveAttribute('aria-valuenow', '100', {
    timeout: 120_000,
  });
  // Ended well (the border looks the same for a failure): ask the scaffolder.
  const taskResponse = await fetch(`${backendUrl}/api/scaffolder/v2/tasks/${taskId}`, {
    headers: { authorization: `Bearer ${await backstageTokenOf('carol')}` },
  });
  expect((await taskResponse.json()).status).toBe('completed');
  // A step that ran shows how long it took; a skipped one shows only its name.
  for (const step of stepsThatRun) {
    await expect(
      task.getByRole('button', { name: new RegExp(`^${escapeRegExp(step)} \\d+ (second|minute)`) }),
    ).toBeVisible();
  }
  for (const step of stepsSkipped) {
    await expect(task.getByRole('button', { name: step, exact: true })).toBeVisible();
  }
  await expect(task.getByRole('link', { name: /^Repository/ })).toHaveAttribute(
    'href',
    `file://${repositoryDir}`,
  );
  await expect(task.getByRole('link', { name: 'Open in catalog' })).toHaveAttribute(
    'href',
    `/catalog/acme/system/${name}`,
  );
  const projectLink = task.getByRole('link', { name: 'Juanie project' });
  await expect(projectLink).toHaveAttribute('href', projectPath);

  // The new repository holds the service and its GitOps layout (one overlay per environment).
  const files = await git('ls-tree', '-r', '--name-only', 'main');
  for (const env of ['dev', 'staging', 'prod']) {
    expect(files).toContain(`apps/${name}/overlays/${env}/kustomization.yaml`);
  }

  // --- Juanie: the project, its environments, each with its GitOps target. ---
  await projectLink.click();
  await expect(carol).toHaveURL(new RegExp(`${escapeRegExp(projectPath)}$`));
  for (const [env, approval] of [
    ['dev', '1 approval; no self-approval'],
    ['staging', '1 approval; no self-approval'],
    ['prod', '2 approvals; no self-approval'],
  ]) {
    const card = carol.getByTestId(`environment-${env}`);
    await expect(card).toContainText(`Approval: ${approval}`);
    await expect(card).toContainText(`GitOps: file://${repositoryDir} @ main: apps/${name}/overlays/${env}`);
  }

  // --- The catalog: the project is a System of namespace acme, from Juanie's provider. ---
  // A delta on every Juanie change, else the provider's 2-minute full refresh: reload until it shows.
  const catalog = await (await browser.newContext()).newPage();
  await signInAs(catalog, 'carol');
  await expect(async () => {
    await catalog.goto(`/catalog/acme/system/${name}`);
    // The entity page's header: the System's title (the template sets it to the slug).
    await expect(catalog.getByRole('main').getByRole('heading', { name, exact: true })).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 150_000, intervals: [5_000] });
  await expect(catalog.getByText('A service created with the Juanie project template').first()).toBeVisible();
  await catalog.close();

  // --- Deploy to dev: the preview shows the diff before the request. ---
  await carol.getByTestId('environment-dev').getByRole('button', { name: 'Deploy' }).click();
  const dialog = carol.getByRole('dialog');
  await dialog.getByLabel('Image tag', { exact: true }).fill(tag);
  await dialog.getByLabel('Commit message', { exact: true }).fill(`Ship ${tag} to dev`);
  // The dev overlay pins the template's initial tag; the preview changes exactly that line.
  const diff = dialog.getByRole('table', { name: `Changes to apps/${name}/overlays/dev/kustomization.yaml` });
  await expect(diff.locator('td[data-kind="removed"]')).toHaveText([/newTag: "?0\.1\.0"?$/]);
  await expect(diff.locator('td[data-kind="added"]')).toHaveText([new RegExp(`newTag: "?${escapeRegExp(tag)}"?$`)]);
  await dialog.getByRole('button', { name: 'Request deployment' }).click();

  await expect(carol).toHaveURL(new RegExp(`${escapeRegExp(projectPath)}/deployments/[0-9a-f-]{36}$`));
  const deploymentId = carol.url().split('/').pop()!;
  await expect(carol.getByText('pending approval', { exact: true }).first()).toBeVisible();
  // No self-approval: carol, the requester, is offered no Approve button.
  await expect(carol.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  // --- bob approves: an acme admin is an owner of every project, and dev names no approvers. ---
  const bob = await (await browser.newContext()).newPage();
  await signInAs(bob, 'bob');
  await bob.goto('/juanie/approvals');
  await bob.getByRole('link', { name: new RegExp(`Ship ${escapeRegExp(tag)}`) }).click();
  await expect(bob).toHaveURL(new RegExp(`/deployments/${deploymentId}$`));
  await bob.getByLabel('Comment').fill('Looks good');
  await bob.getByRole('button', { name: 'Approve' }).click();
  // His vote is recorded. (Not the status: the local cluster may take the deployment from
  // committed to succeeded within a second, before his page shows "committed".)
  const votes = bob.getByRole('list', { name: 'Votes' });
  await expect(votes).toContainText('user:default/bob');
  await expect(votes).toContainText('Looks good');
  await expect(bob.getByText(/^1 of 1 · 1 approval;/)).toBeVisible(); // the Approvals card's gate

  // --- carol's page follows along without reloading: the simulated cluster's Flux applies the
  // new repository's dev overlay and the deployment succeeds. ---
  await expect(carol.getByText('succeeded', { exact: true }).first()).toBeVisible({ timeout: 90_000 });
  await expect(carol.getByText(/Applied and healthy/).first()).toBeVisible();

  // The commit Juanie made to the new repository: carol's request, bob's approval, one line.
  const message = await git('log', '-1', '--format=%B', 'main');
  expect(message).toContain(`Ship ${tag} to dev`);
  expect(message).toContain(`Juanie-Deployment-Id: ${deploymentId}`);
  expect(message).toContain('Juanie-Requested-By: user:default/carol');
  expect(message).toContain('Juanie-Approved-By: user:default/bob');
  const committed = await git('show', '--format=', 'main');
  expect(committed).toContain(`apps/${name}/overlays/dev/kustomization.yaml`);
  expect(committed.split('\n').filter(line => /^[+-][^+-]/.test(line))).toHaveLength(2);
});
