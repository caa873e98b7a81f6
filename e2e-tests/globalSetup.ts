import { backendUrl, demoUserHeader } from './portal';

async function waitFor(
  what: string,
  deadline: number,
  check: () => Promise<string | undefined>,
) {
  let problem: string | undefined = 'not tried yet';
  while (Date.now() < deadline) {
    problem = await check().catch(error => String(error?.cause?.code ?? error));
    if (!problem) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`Timed out waiting for ${what}: ${problem}`);
}

/**
 * Playwright's webServer waits for the front end on :3000. The back end needs
 * longer: wait for Juanie's health endpoint, then for the catalog to have
 * ingested the demo users so that sign-in works.
 */
export default async function globalSetup() {
  const deadline = Date.now() + 240_000;
  await waitFor(`${backendUrl}/api/juanie/health`, deadline, async () => {
    const res = await fetch(`${backendUrl}/api/juanie/health`);
    // Any answer from the plugin will do (it may want a token); 404 and 5xx
    // mean the back end is still starting or the plugin is not mounted.
    return res.status < 500 && res.status !== 404
      ? undefined
      : `HTTP ${res.status}`;
  });
  await waitFor('the demo users in the catalog', deadline, async () => {
    const res = await fetch(`${backendUrl}/api/auth/demo/refresh`, {
      headers: { [demoUserHeader]: 'alice' },
    });
    return res.ok ? undefined : `HTTP ${res.status}: ${await res.text()}`;
  });
}
