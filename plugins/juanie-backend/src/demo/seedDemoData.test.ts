import juanieModuleDev from '@juanie/plugin-juanie-backend-module-dev';
import { AuditEvent, Environment, Policy, Repository } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isolatedGit } from '../gitops/testing/bareRepository';
import { diffLines } from '../gitops/testing/fixtures';
import { startJuanieTestBackend, TEST_PLATFORM_ADMIN } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { SHOP_GITOPS_FILES } from '@juanie/plugin-juanie-backend-module-dev';

jest.setTimeout(120_000);

const SHOP = '/orgs/acme/projects/shop';
const PREVIEW = `${SHOP}/environments/staging/deployments/preview`;

describe('the demo seed', () => {
  const databases = createJuanieTestDatabases();
  let root: string;
  let repositoryDir: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'juanie-demo-seed-'));
    repositoryDir = path.join(root, 'gitops', 'shop.git');
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  /** A start of the local portal: the seed runs in the plugin's init, as under `yarn start`. */
  const startPortal = (knex: Knex) =>
    startJuanieTestBackend(knex, {
      juanie: {
        platformAdmins: [TEST_PLATFORM_ADMIN],
        demo: { seed: true, gitopsRepositoryDir: repositoryDir },
        gitops: { cacheDir: path.join(root, 'cache') },
      },
    }, { features: [juanieModuleDev] });

  it.each(databases.eachSupportedId())(
    'connects shop to a local GitOps repository, points its environments at it and adds the image policies, once (%p)',
    async id => {
      const knex = await databases.init(id);
      await startPortal(knex);
      const { as } = await startPortal(knex); // a restart finds the seeded data

      const git = (...args: string[]) => isolatedGit(repositoryDir).raw(args);
      expect((await git('rev-list', '--count', 'main')).trim()).toBe('1');
      expect((await git('ls-tree', '-r', '--name-only', 'main')).trim().split('\n')).toEqual(
        Object.keys(SHOP_GITOPS_FILES).sort(),
      );

      const carol = as('carol');
      const repositories: Repository[] = (await carol.get(`${SHOP}/repositories`).expect(200)).body.items;
      expect(repositories).toEqual([
        expect.objectContaining({
          url: pathToFileURL(repositoryDir).href,
          purpose: 'gitops',
          provider: 'git',
          status: 'synced',
          defaultBranch: 'main',
          headCommit: (await git('rev-parse', 'main')).trim(),
        }),
      ]);

      const environments: Environment[] = (await carol.get(`${SHOP}/environments`).expect(200)).body.items;
      const repositoryId = repositories[0].id;
      expect(environments.map(({ slug, gitops, approval }) => ({ slug, gitops, approval }))).toEqual([
        {
          slug: 'dev',
          gitops: { repositoryId, branch: 'main', path: 'apps/shop/overlays/dev' },
          approval: expect.objectContaining({ requiredApprovals: 0 }),
        },
        {
          slug: 'staging',
          gitops: { repositoryId, branch: 'main', path: 'apps/shop/overlays/staging' },
          approval: expect.objectContaining({ requiredApprovals: 1, approvers: ['user:default/bob'] }),
        },
        {
          slug: 'prod',
          gitops: { repositoryId, branch: 'main', path: 'apps/shop/overlays/prod' },
          approval: expect.objectContaining({
            requiredApprovals: 2,
            approvers: ['team:platform-team', 'user:default/bob'],
          }),
        },
      ]);

      const policies: Policy[] = (await carol.get('/policies?org=acme').expect(200)).body.items;
      expect(policies.map(({ scope, type, enforcement, enabled }) => ({ scope, type, enforcement, enabled }))).toEqual(
        expect.arrayContaining([
          { scope: { org: 'acme' }, type: 'noLatestTag', enforcement: 'enforce', enabled: true },
          {
            scope: { org: 'acme', project: 'shop', environment: 'prod' },
            type: 'requireDigest',
            enforcement: 'warn',
            enabled: true,
          },
        ]),
      );
      expect(policies).toHaveLength(2);

      const events: AuditEvent[] = (await carol.get('/audit?org=acme&limit=500').expect(200)).body.items;
      const seeded = events.filter(e => /^(repository|policy)\.|^environment\.update$/.test(e.action));
      expect(seeded.map(e => `${e.action} by ${e.actorRef}: ${e.outcome}`).sort()).toEqual([
        'environment.update by user:default/carol: success',
        'environment.update by user:default/carol: success',
        'environment.update by user:default/carol: success',
        'policy.create by user:default/carol: success',
        'policy.create by user:default/carol: success',
        'repository.claim by user:default/carol: success',
        'repository.connect by user:default/carol: success',
        'repository.sync by user:default/carol: success',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets a developer preview a release on staging as a one-line diff, and refuses latest (%p)',
    async id => {
      const { as } = await startPortal(await databases.init(id));
      const alice = as('alice');

      const release = await alice.post(PREVIEW, { changes: { image: { tag: '1.5.0' } } });
      const latest = await alice.post(PREVIEW, { changes: { image: { tag: 'latest' } } });

      expect(release.status).toBe(200);
      expect(diffLines(release.body.diff)).toEqual(['-    newTag: "1.4.2"', '+    newTag: "1.5.0"']);
      expect(release.body).toMatchObject({ validation: { valid: true }, violations: [], enforced: false });
      expect(latest.status).toBe(200);
      expect(latest.body.enforced).toBe(true);
      expect(latest.body.violations).toEqual([
        expect.objectContaining({ rule: 'noLatestTag', enforcement: 'enforce', file: 'kustomization.yaml' }),
      ]);
    },
  );
});
