import { defineConfig } from '@playwright/test';
import { scratchCheckout } from './e2e-tests/scratchCheckout';

/**
 * Browser tests for the local portal (see e2e-tests/). They run in Debian's
 * Chromium; Playwright never downloads a browser of its own.
 *
 * The portal starts exactly as README command 1 starts it (`./scripts/start.sh`,
 * app-config.yaml's defaults, no JUANIE_DATA_DIR), in a scratch copy of the
 * checkout so that its data/ is not the developer's; or it is reused when one
 * is already listening on :3000.
 */

export default defineConfig({
  testDir: 'e2e-tests',
  // The dev-mode portal compiles pages on first visit, and a test signs in as
  // up to three users; on two cores the audit test took over 120 s in CI.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  // One portal, two cores: tests share it one at a time.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,

  globalSetup: './e2e-tests/globalSetup.ts',

  webServer: {
    // A fresh copy on every start (data/ included). The portal's log goes to a
    // file to keep the test output readable.
    command: `mkdir -p test-reports && e2e-tests/scratch-portal.sh '${scratchCheckout}' > test-reports/portal.log 2>&1`,
    url: 'http://localhost:3000',
    reuseExistingServer: true,
    // The copy, its `yarn install` (which builds the native addons again in the
    // new place) and the first compile, on two cores.
    timeout: 900_000,
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
