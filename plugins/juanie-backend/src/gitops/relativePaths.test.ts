import { mockServices } from '@backstage/backend-test-utils';
import { readJuaniePaths } from '@juanie/plugin-juanie-node';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GitSource } from '@juanie/plugin-juanie-backend-module-dev';
import { ensureDemoGitOpsRepository } from '@juanie/plugin-juanie-backend-module-dev';
import { SHOP_GITOPS_FILES } from '@juanie/plugin-juanie-backend-module-dev';
import { GitClone } from '@juanie/plugin-juanie-node';
import { isolatedGit } from './testing/bareRepository';
import { createWorkingCopies } from './workingCopies';

jest.setTimeout(60_000);

/**
 * app-config.yaml's shape under `yarn start`: relative paths, read from packages/backend (the
 * back end's working directory), while git runs in the cache directories.
 */
const RELATIVE_CONFIG = {
  juanie: {
    dataDir: '../../data',
    gitops: { cacheDir: '../../data/gitops-cache' },
    demo: { gitopsRepositoryDir: '../../data/gitops/shop.git' },
    repositories: { localRoots: ['../../data'] },
  },
};
const STAGING = 'apps/shop/overlays/staging';

describe('git with the relative paths of the default configuration', () => {
  const startDir = process.cwd();
  let checkout: string;
  let data: string;

  beforeEach(async () => {
    checkout = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'juanie-relative-')));
    data = path.join(checkout, 'data');
    await fs.mkdir(path.join(checkout, 'packages', 'backend'), { recursive: true });
    process.chdir(path.join(checkout, 'packages', 'backend'));
  });
  afterEach(async () => {
    process.chdir(startDir);
    await fs.rm(checkout, { recursive: true, force: true });
  });

  const config = () => mockServices.rootConfig({ data: RELATIVE_CONFIG });

  it('reads and commits through the simulated cluster and the working copies, all under data/', async () => {
    const paths = readJuaniePaths(config());
    expect(paths.gitopsCacheDir).toBe(path.join(data, 'gitops-cache'));
    const { url } = await ensureDemoGitOpsRepository(paths.demoGitOpsRepositoryDir);
    expect(url).toBe(`file://${data}/gitops/shop.git`);
    const head = (await isolatedGit(paths.demoGitOpsRepositoryDir).raw(['rev-parse', 'main'])).trim();

    // What the simulated cluster's source- and kustomize-controller do (clone into a temporary
    // directory under the cache, then rename it into place).
    const source = new GitSource(path.join(paths.gitopsCacheDir, 'simulator-local'));
    expect(await source.resolveBranch(url, 'main')).toBe(head);
    const files = await source.readPath(url, 'main', head, STAGING);
    expect(files['kustomization.yaml']).toBe(SHOP_GITOPS_FILES[`${STAGING}/kustomization.yaml`]);

    // What a deployment's commit job does.
    const workingCopy = createWorkingCopies(config(), paths, mockServices.logger.mock())(url, 'acme');
    const sha = await workingCopy.commitChange({
      branch: 'main',
      path: STAGING,
      apply: current => ({ files: { 'kustomization.yaml': `${current['kustomization.yaml']}# touched\n` } }),
      message: 'Touch staging',
      author: { name: 'Alice', email: 'alice@example.com' },
    });
    expect((await isolatedGit(paths.demoGitOpsRepositoryDir).raw(['rev-parse', 'main'])).trim()).toBe(sha);
    expect((await source.readPath(url, 'main', sha, STAGING))['kustomization.yaml']).toMatch(/# touched\n$/);

    // Everything landed in the one data directory: no data/data, nothing beside packages/backend.
    expect((await fs.readdir(data)).sort()).toEqual(['gitops', 'gitops-cache']);
    const cloneName = expect.stringMatching(/-data-gitops-shop-[0-9a-f]+$/);
    expect(await fs.readdir(path.join(data, 'gitops-cache'))).toEqual(
      expect.arrayContaining([cloneName, 'simulator-local']),
    );
    expect(await fs.readdir(path.join(data, 'gitops-cache'))).toHaveLength(2);
    expect(await fs.readdir(path.join(data, 'gitops-cache', 'simulator-local'))).toEqual([cloneName]);
    expect(await fs.readdir(checkout)).toEqual(expect.not.arrayContaining(['gitops-cache']));
    expect((await fs.readdir(path.join(checkout, 'packages'))).sort()).toEqual(['backend']);
  });

  it('clones into a relative cache directory handed to GitClone directly', async () => {
    const { url } = await ensureDemoGitOpsRepository(path.join(data, 'gitops', 'shop.git'));
    const clone = new GitClone({
      url,
      cacheDir: '../../data/gitops-cache',
      committer: { name: 'Juanie', email: 'juanie@example.com' },
    });
    expect(path.isAbsolute(clone.dir)).toBe(true);

    await clone.exclusive(() => clone.fetch('main'));

    expect(path.dirname(clone.dir)).toBe(path.join(data, 'gitops-cache'));
    expect(await fs.readdir(path.join(data, 'gitops-cache'))).toEqual([path.basename(clone.dir)]);
    expect(await clone.head('main')).toMatch(/^[0-9a-f]{40}$/);
  });
});
