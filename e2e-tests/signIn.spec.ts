import { expect, test } from '@playwright/test';
import { signInAs } from './portal';

test('alice signs in with the demo button and sees Juanie and its back end', async ({
  page,
}) => {
  await signInAs(page, 'alice');

  await page.goto('/juanie');

  await expect(
    page.getByRole('heading', { name: /Juanie/ }).first(),
  ).toBeVisible();
  await expect(page.getByText('Signed in as user:default/alice')).toBeVisible();
  const health = page.getByTestId('juanie-health');
  await expect(health).toContainText('ok');
  await expect(health).toContainText('sqlite');
});

test('the nav links to the Juanie page', async ({ page }) => {
  await signInAs(page, 'alice');

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Juanie' })
    .click();

  await expect(page).toHaveURL(/\/juanie$/);
});

test('bob signs in as bob, and stays bob after a reload', async ({ page }) => {
  await signInAs(page, 'bob');

  await page.goto('/juanie');
  await expect(page.getByText('Signed in as user:default/bob')).toBeVisible();

  await page.reload();
  await expect(page.getByText('Signed in as user:default/bob')).toBeVisible();
});
