import juanieModuleDev from '@juanie/plugin-juanie-backend-module-dev';
import { EnvironmentGitOpsStatus } from '@juanie/plugin-juanie-common';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isolatedGit } from '../gitops/testing/bareRepository';
import { eventually } from '../testing/eventually';
import { JuanieTestBackend, startJuanieTestBackend, TEST_PLATFORM_ADMIN } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(180_000);

/** The clusters of app-config.yaml, as they are: the simulated one and who may use it. */
const LOCAL_CLUSTERS = parseYaml(readFileSync(path.resolve(__dirname, '../../../../app-config.yaml'), 'utf8')).juanie
  .clusters;

/**
 * The local portal's Juanie configuration (app-config.yaml without JUANIE_DATA_DIR): the demo
 * seed, the simulated cluster with its tenants, and data paths relative to packages/backend,
 * the back end's working directory under `yarn start`.
 */
const DEFAULT_CONFIG = {
  juanie: {
    platformAdmins: [TEST_PLATFORM_ADMIN],
    dataDir: '../../data',
    clusters: LOCAL_CLUSTERS,
    gitops: { cacheDir: '../../data/gitops-cache' },
    demo: { seed: true, gitopsRepositoryDir: '../../data/gitops/shop.git' },
    repositories: { localRoots: ['../../data'] },
  },
};

describe('a fresh start of the local portal', () => {
  const databases = createJuanieTestDatabases();
  const startDir = process.cwd();
  let checkout: string;
  let backend: JuanieTestBackend | undefined;

  beforeEach(async () => {
    checkout = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'juanie-fresh-start-')));
    await fs.mkdir(path.join(checkout, 'packages', 'backend'), { recursive: true });
    process.chdir(path.join(checkout, 'packages', 'backend'));
  });
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
    process.chdir(startDir);
    await fs.rm(checkout, { recursive: true, force: true });
  });

  it.each(databases.eachSupportedId())(
    "has the demo's dev, staging and prod Ready on the seeded revision within a minute (%p)",
    async id => {
      backend = await startJuanieTestBackend(await databases.init(id), DEFAULT_CONFIG, {
        features: [juanieModuleDev],
      });

      const repository = path.join(checkout, 'data', 'gitops', 'shop.git');
      const seeded = (await isolatedGit(repository).raw(['rev-parse', 'main'])).trim();
      const dave = backend.as('dave'); // a viewer is enough to read the status
      const statusOf = async () =>
        (await dave.get('/orgs/acme/projects/shop/gitops').expect(200)).body.items as EnvironmentGitOpsStatus[];
      const appliedEverywhere = (items: EnvironmentGitOpsStatus[]) =>
        items.length === 3 &&
        items.every(s => s.workload?.state === 'Ready' && s.workload.lastAppliedCommit === seeded);

      const ready = await eventually(statusOf, appliedEverywhere, 60_000);

      expect(ready.map(s => s.environment).sort()).toEqual(['dev', 'prod', 'staging']);
      for (const status of ready) {
        expect(status).toMatchObject({
          cluster: 'local',
          // In the environment's own namespace, acting as its own service account there.
          workload: {
            kind: 'Kustomization',
            namespace: `shop-${status.environment}`,
            state: 'Ready',
            lastAppliedRevision: `main@sha1:${seeded}`,
          },
          source: { kind: 'GitRepository', state: 'Ready' },
        });
      }
      // The simulated cluster cloned into the configured cache, in the data directory.
      expect(await fs.readdir(path.join(checkout, 'data', 'gitops-cache', 'simulator-local'))).toEqual([
        expect.stringMatching(/-data-gitops-shop-[0-9a-f]+$/),
      ]);
    },
  );
});
