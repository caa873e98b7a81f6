import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isolatedGit } from '../testing/bareRepository';
import { ensureDemoGitOpsRepository } from './ensureDemoGitOpsRepository';
import { SHOP_GITOPS_FILES } from './shopGitOpsFiles';

describe('the demo GitOps repository', () => {
  let root: string;
  let dir: string;
  const git = (...args: string[]) => isolatedGit(dir).raw(args);

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'juanie-demo-repo-'));
    dir = path.join(root, 'data', 'gitops', 'shop.git');
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('is a bare repository with the layout as one commit on main, by Acme Platform', async () => {
    const result = await ensureDemoGitOpsRepository(dir);

    expect(result).toEqual({ url: pathToFileURL(dir).href, created: true });
    expect((await git('rev-parse', '--is-bare-repository')).trim()).toBe('true');
    expect((await git('symbolic-ref', 'HEAD')).trim()).toBe('refs/heads/main');
    expect((await git('log', '--format=%an <%ae>|%cn|%s', 'main')).trim()).toBe(
      'Acme Platform <platform@acme.example>|Acme Platform|' +
        'Add the shop storefront: Kustomize base and dev, staging and prod overlays',
    );
    expect((await git('ls-tree', '-r', '--name-only', 'main')).trim().split('\n')).toEqual(
      Object.keys(SHOP_GITOPS_FILES).sort(),
    );
    expect(await git('show', 'main:apps/shop/overlays/staging/kustomization.yaml')).toBe(
      SHOP_GITOPS_FILES['apps/shop/overlays/staging/kustomization.yaml'],
    );
    // Nothing of the build is left beside it.
    expect(await fs.readdir(path.dirname(dir))).toEqual(['shop.git']);
  });

  it('leaves a repository that is already there as it is', async () => {
    await ensureDemoGitOpsRepository(dir);
    const head = await git('rev-parse', 'main');

    const again = await ensureDemoGitOpsRepository(dir);

    expect(again.created).toBe(false);
    expect(await git('rev-parse', 'main')).toBe(head);
    expect((await git('rev-list', '--count', 'main')).trim()).toBe('1');
  });
});
