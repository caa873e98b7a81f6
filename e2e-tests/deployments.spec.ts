import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { signInAs } from './portal';
import { portalDataDir } from './scratchCheckout';

const run = promisify(execFile);

/** The demo seed's bare GitOps repository: data/gitops/shop.git of the portal's scratch copy. */
const gitopsRepository = path.join(portalDataDir, 'gitops', 'shop.git');

async function git(...args: string[]): Promise<string> {
  const { stdout } = await run('git', ['--git-dir', gitopsRepository, ...args], {
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
  return stdout;
}

test('alice requests a deployment to staging with a diff preview, bob approves, alice watches it reach healthy', async ({
  browser,
}) => {
  // Two people sign in (the first visit of each page compiles it in the dev-mode portal) and
  // the simulated cluster reconciles: more than the default two minutes on a busy machine.
  test.setTimeout(300_000);
  const tag = `1.5.${Date.now() % 100000}`;
  const alice = await (await browser.newContext()).newPage();
  await signInAs(alice, 'alice');
  await alice.goto('/juanie/orgs/acme/projects/shop');
  await alice.getByTestId('environment-staging').getByRole('button', { name: 'Deploy' }).click();

  const dialog = alice.getByRole('dialog');
  await dialog.getByLabel('Image tag', { exact: true }).fill(tag);
  await dialog.getByLabel('Commit message', { exact: true }).fill(`Ship ${tag} to staging`);
  // The preview renders the change against the GitOps repository: the old and the new tag.
  await expect(dialog.getByText(`newTag: "${tag}"`).first()).toBeVisible();
  await expect(dialog.getByText('newTag: "1.4.2"').first()).toBeVisible();
  await dialog.getByRole('button', { name: 'Request deployment' }).click();

  await expect(alice).toHaveURL(/\/juanie\/orgs\/acme\/projects\/shop\/deployments\/[0-9a-f-]{36}$/);
  const deploymentId = alice.url().split('/').pop()!;
  await expect(alice.getByText('pending approval', { exact: true }).first()).toBeVisible();
  await expect(alice.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  const bob = await (await browser.newContext()).newPage();
  await signInAs(bob, 'bob');
  await bob.goto('/juanie/approvals');
  await bob.getByRole('link', { name: new RegExp(`Ship ${tag}`) }).click();
  await bob.getByLabel('Comment').fill('Looks good');
  await bob.getByRole('button', { name: 'Approve' }).click();
  // His vote is recorded (the simulated cluster may take the deployment past `committed` at once).
  await expect(bob.getByRole('list', { name: 'Votes' })).toContainText('user:default/bob');

  // Alice's page follows along without reloading (signals): committed, then applied by the
  // simulated cluster's Flux and healthy.
  await expect(alice.getByText('succeeded', { exact: true }).first()).toBeVisible({ timeout: 60_000 });
  await expect(alice.getByText(/Applied and healthy/).first()).toBeVisible();

  const message = await git('log', '-1', '--format=%an%n%B', 'main');
  expect(message).toContain('alice');
  expect(message).toContain(`Ship ${tag} to staging`);
  expect(message).toContain(`Juanie-Deployment-Id: ${deploymentId}`);
  expect(message).toContain('Juanie-Requested-By: user:default/alice');
  expect(message).toContain('Juanie-Approved-By: user:default/bob');
  const diff = await git('show', '--format=', 'main');
  expect(diff).toContain(`+    newTag: "${tag}"`);
  expect(diff.split('\n').filter(line => /^[+-][^+-]/.test(line))).toHaveLength(2);
});
