import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

/**
 * Browser tests for the local portal (see e2e-tests/). They run in Debian's
 * Chromium; Playwright never downloads a browser of its own.
 *
 * The portal is started on the embedded defaults (app-config.yaml) with a
 * throwaway data directory, or reused when one is already listening on :3000.
 */
const dataDir =
  process.env.JUANIE_E2E_DATA_DIR ?? path.join(os.tmpdir(), 'juanie-e2e-data');

export default defineConfig({
  testDir: 'e2e-tests',
  // The dev-mode portal compiles pages on first visit; two cores are slow.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  // One portal, two cores: tests share it one at a time.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,

  globalSetup: './e2e-tests/globalSetup.ts',

  webServer: {
    // A fresh data directory on every start, so tests never touch data/.
    // The portal's log goes to a file to keep the test output readable.
    command: `rm -rf '${dataDir}' && mkdir -p '${dataDir}' test-reports && yarn start > test-reports/portal.log 2>&1`,
    url: 'http://localhost:3000',
    env: { JUANIE_DATA_DIR: dataDir },
    reuseExistingServer: true,
    timeout: 300_000,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },

  reporter: [
    ['list'],
    [
      'json',
      {
        outputFile:
          process.env.JUANIE_PLAYWRIGHT_JSON ?? 'test-reports/playwright.json',
      },
    ],
    ['html', { open: 'never', outputFolder: 'test-reports/playwright-html' }],
  ],

  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    actionTimeout: 0,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },

  outputDir: 'node_modules/.cache/e2e-test-results',
});
