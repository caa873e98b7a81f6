import os from 'node:os';
import path from 'node:path';

/**
 * The scratch copy of this checkout that the browser tests' portal runs in
 * (e2e-tests/scratch-portal.sh, started by playwright.config.ts).
 */
export const scratchCheckout =
  process.env.JUANIE_E2E_CHECKOUT ?? path.join(os.tmpdir(), 'juanie-e2e-checkout');

/** The portal's data: data/ of the scratch copy, where app-config.yaml's default puts it. */
export const portalDataDir = path.join(scratchCheckout, 'data');
