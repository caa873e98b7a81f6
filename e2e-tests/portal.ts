import { expect, Page } from '@playwright/test';

/** The local portal's back end (app-config.yaml's backend.baseUrl). */
export const backendUrl =
  process.env.JUANIE_BACKEND_URL ?? 'http://localhost:7007';

/** The header the demo sign-in provider reads. */
export const demoUserHeader = 'x-juanie-demo-user';

/** Signs in on the sign-in page by clicking the demo user's button. */
export async function signInAs(page: Page, userName: string) {
  // Each test has a fresh browser context: no demo user is remembered yet.
  await page.goto('/');
  await page.getByRole('button', { name: `Sign in as ${userName}` }).click();
  // Signed in once the app shell (the sidebar) shows.
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** A Backstage token for a demo user, as `yarn demo-token` gets it. */
export async function backstageTokenOf(userName: string): Promise<string> {
  const res = await fetch(`${backendUrl}/api/auth/demo/refresh`, {
    headers: { [demoUserHeader]: userName },
  });
  expect(res.ok, `demo sign-in of ${userName}: HTTP ${res.status}`).toBe(true);
  return (await res.json()).backstageIdentity.token;
}
