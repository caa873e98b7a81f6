import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JuanieServiceClient } from '@juanie/plugin-juanie-node';
import fs from 'node:fs/promises';
import os from 'node:os';
import yaml from 'yaml';
import {
  BareRepository,
  createBareRepository,
  temporaryDirectory,
} from '../__testUtils__/bareRepository';
import {
  JuanieTestBackend,
  startJuanieTestBackend,
} from '../__testUtils__/juanieTestBackend';
import { gitAuthorizationFor } from '@juanie/plugin-juanie-node';
import { scaffolderGitGuard } from '../git/remoteGuard';
import { bootstrapGitOpsAction } from './bootstrapGitOpsAction';
import { examples } from './bootstrapGitOpsAction.examples';

jest.setTimeout(60_000);

const inputOf = (example: { example: string }) =>
  yaml.parse(example.example).steps[0].input;
const authorization = gitAuthorizationFor(new ConfigReader({}));
// The GitOps repositories of the tests are bare repositories in the temporary directory.
const guard = scaffolderGitGuard(
  new ConfigReader({ juanie: { repositories: { localRoots: [os.tmpdir()] } } }),
  mockServices.logger.mock(),
);

/**
 * The action against a real Juanie back end and real bare repositories: what lands in the
 * GitOps repository, and which environments Juanie then points at it.
 */
describe('juanie:gitops:bootstrap', () => {
  let juanie: JuanieTestBackend;
  let action: ReturnType<typeof bootstrapGitOpsAction>;
  const repositories: BareRepository[] = [];
  let workspace: string;

  const environments = async (project: string) =>
    (await juanie.get(`/orgs/acme/projects/${project}/environments`)).body
      .items as Array<{
      slug: string;
      namespace: string | null;
      gitops: object | null;
    }>;

  /** A project with the given environments and a GitOps repository holding `files`. */
  async function projectWithRepository(
    project: string,
    envs: Array<{
      slug: string;
      kind: string;
      cluster?: string;
      namespace?: string;
    }>,
    files: Record<string, string> = { 'README.md': '# GitOps\n' },
  ) {
    await juanie
      .send('post', '/orgs/acme/projects', { slug: project, title: project })
      .expect(201);
    for (const env of envs) {
      await juanie
        .send('post', `/orgs/acme/projects/${project}/environments`, {
          title: env.slug,
          ...env,
        })
        .expect(201);
    }
    const repo = await createBareRepository(files);
    repositories.push(repo);
    await juanie.claim(repo.url);
    const connected = await juanie
      .send('post', `/orgs/acme/projects/${project}/repositories`, {
        url: repo.url,
        purpose: 'gitops',
      })
      .expect(201);
    return { repo, repositoryId: connected.body.id as string };
  }

  const contextFor = (input: object) =>
    createMockActionContext({ input: input as any, workspacePath: workspace });

  beforeAll(async () => {
    juanie = await startJuanieTestBackend();
    action = bootstrapGitOpsAction({
      client: juanie.client,
      access: juanie.access,
      authorization,
      guard,
    });
    workspace = await temporaryDirectory('workspace');
    await juanie
      .send('post', '/orgs/acme/projects', { slug: 'spare', title: 'spare' })
      .expect(201);
    await juanie
      .send('post', '/orgs/acme/projects/spare/environments', {
        slug: 'dev',
        title: 'dev',
        kind: 'development',
      })
      .expect(201);
  });

  afterAll(async () => {
    await Promise.all(repositories.map(repo => repo.cleanup()));
    await fs.rm(workspace, { recursive: true, force: true });
  });

  describe('for a new project', () => {
    let repo: BareRepository;
    let repositoryId: string;
    let ctx: ReturnType<typeof contextFor>;

    beforeAll(async () => {
      ({ repo, repositoryId } = await projectWithRepository('checkout', [
        { slug: 'dev', kind: 'development' },
        { slug: 'staging', kind: 'staging' },
        {
          slug: 'prod',
          kind: 'production',
          cluster: 'eu-1',
          namespace: 'payments',
        },
      ]));
      ctx = contextFor(inputOf(examples[0]));
      await action.handler(ctx);
    });

    it('pushes one commit with the base, an overlay per environment and their Flux objects', async () => {
      const files = await repo.files();
      expect(Object.keys(files).sort()).toEqual([
        'README.md',
        'apps/checkout/base/deployment.yaml',
        'apps/checkout/base/kustomization.yaml',
        'apps/checkout/base/service.yaml',
        'apps/checkout/overlays/dev/kustomization.yaml',
        'apps/checkout/overlays/prod/kustomization.yaml',
        'apps/checkout/overlays/staging/kustomization.yaml',
        'clusters/default/checkout-dev.yaml',
        'clusters/default/checkout-staging.yaml',
        'clusters/eu-1/checkout-prod.yaml',
      ]);
      expect(await repo.log()).toEqual([
        'Bootstrap GitOps layout of acme/checkout: dev, staging, prod',
        'Upstream layout',
      ]);
      expect(ctx.output).toHaveBeenCalledWith(
        'commitHash',
        (await repo.run('rev-parse', 'main')).trim(),
      );
    });

    it('pins the initial image in each overlay and points Flux at it', async () => {
      const files = await repo.files();
      expect(
        yaml.parse(files['apps/checkout/overlays/staging/kustomization.yaml']),
      ).toMatchObject({
        namespace: 'acme-checkout-staging',
        images: [{ name: 'ghcr.io/acme/checkout', newTag: '0.1.0' }],
      });
      const objects = yaml
        .parseAllDocuments(files['clusters/eu-1/checkout-prod.yaml'])
        .map(doc => doc.toJS());
      expect(objects.map(o => [o.kind, o.metadata.namespace])).toEqual([
        ['ServiceAccount', 'payments'],
        ['RoleBinding', 'payments'],
        ['GitRepository', 'payments'],
        ['Kustomization', 'payments'],
      ]);
      const [source, kustomization] = objects.slice(2);
      expect(source.spec).toEqual({
        interval: '1m',
        url: repo.url,
        ref: { branch: 'main' },
      });
      expect(kustomization.metadata.labels['juanie.io/environment']).toBe(
        'acme.checkout.prod',
      );
      expect(kustomization.spec).toMatchObject({
        serviceAccountName: 'acme-checkout-prod',
        path: './apps/checkout/overlays/prod',
        prune: true,
        targetNamespace: 'payments',
      });
    });

    it("then points each environment at its overlay, and names Juanie's namespace where it had none", async () => {
      expect(await environments('checkout')).toEqual([
        expect.objectContaining({
          slug: 'dev',
          namespace: 'acme-checkout-dev',
          gitops: {
            repositoryId,
            branch: 'main',
            path: 'apps/checkout/overlays/dev',
          },
        }),
        expect.objectContaining({
          slug: 'staging',
          namespace: 'acme-checkout-staging',
          gitops: {
            repositoryId,
            branch: 'main',
            path: 'apps/checkout/overlays/staging',
          },
        }),
        expect.objectContaining({
          slug: 'prod',
          namespace: 'payments',
          gitops: {
            repositoryId,
            branch: 'main',
            path: 'apps/checkout/overlays/prod',
          },
        }),
      ]);
    });

    it('leaves nothing behind in the workspace', async () => {
      expect(await fs.readdir(workspace)).toEqual([]);
    });

    it('adds the overlay of an environment created later, pinned to the base image (second example)', async () => {
      await juanie
        .send('post', '/orgs/acme/projects/checkout/environments', {
          slug: 'qa',
          title: 'QA',
          kind: 'staging',
        })
        .expect(201);

      await action.handler(contextFor(inputOf(examples[1])));

      const files = await repo.files();
      expect(
        yaml.parse(files['apps/checkout/overlays/qa/kustomization.yaml'])
          .images,
      ).toEqual([{ name: 'ghcr.io/acme/checkout', newTag: '0.1.0' }]);
      expect(files['clusters/default/checkout-qa.yaml']).toContain(
        'path: ./apps/checkout/overlays/qa',
      );
      expect((await repo.log())[0]).toBe(
        'Add GitOps layout of acme/checkout: qa',
      );
      const qa = (await environments('checkout')).find(
        env => env.slug === 'qa',
      );
      expect(qa?.gitops).toEqual({
        repositoryId,
        branch: 'main',
        path: 'apps/checkout/overlays/qa',
      });
    });

    it('changes nothing when run again: the layout is there and each environment deploys from its overlay (a template run again after a failure)', async () => {
      const head = await repo.run('rev-parse', 'main');
      const again = contextFor({
        ...inputOf(examples[0]),
        environments: ['dev', 'staging', 'prod'],
      });

      await action.handler(again);

      expect(await repo.run('rev-parse', 'main')).toBe(head);
      expect(again.output).toHaveBeenCalledWith('commitHash', head.trim());
      expect((await environments('checkout')).map(env => env.gitops)).toEqual([
        { repositoryId, branch: 'main', path: 'apps/checkout/overlays/dev' },
        {
          repositoryId,
          branch: 'main',
          path: 'apps/checkout/overlays/staging',
        },
        { repositoryId, branch: 'main', path: 'apps/checkout/overlays/prod' },
        { repositoryId, branch: 'main', path: 'apps/checkout/overlays/qa' },
      ]);
    });

    it('refuses environments that deploy from somewhere else already', async () => {
      await juanie
        .send('patch', '/orgs/acme/projects/checkout/environments/dev', {
          gitops: { repositoryId, branch: 'main', path: 'apps/elsewhere' },
        })
        .expect(200);

      await expect(
        action.handler(
          contextFor({ ...inputOf(examples[0]), environments: ['dev'] }),
        ),
      ).rejects.toThrow(
        'dev deploys from apps/elsewhere already: juanie:gitops:bootstrap only sets up environments without a GitOps target',
      );
    });
  });

  it.each([
    [
      'to write over an existing apps/<project>',
      'legacy',
      { 'apps/legacy/base/kustomization.yaml': 'resources: []\n' },
      {},
      /^apps\/legacy already exists on main of file:\/\/.*; juanie:gitops:bootstrap never overwrites a layout/,
    ],
    [
      "to write over an environment's Flux objects",
      'flux',
      { 'clusters/default/flux-dev.yaml': '# hand-written\n' },
      {},
      /^clusters\/default\/flux-dev.yaml already exist on main of file:/,
    ],
    [
      'overlays for a project never bootstrapped',
      'nobase',
      { 'README.md': '# GitOps\n' },
      { overlaysOnly: true, image: undefined },
      /^apps\/nobase\/base does not exist on main of file:.*; bootstrap the project first/,
    ],
  ])(
    'refuses %s, and changes nothing',
    async (_case, project, files, change, message) => {
      const { repo } = await projectWithRepository(
        project,
        [{ slug: 'dev', kind: 'development' }],
        files,
      );

      const run = action.handler(
        contextFor({
          org: 'acme',
          project,
          image: `ghcr.io/acme/${project}:1.0.0`,
          ...change,
        }),
      );

      await expect(run).rejects.toThrow(message);
      await expect(run).rejects.toThrow(
        `No environment of acme/${project} was pointed at the layout: Juanie is unchanged`,
      );
      expect(await repo.log()).toEqual(['Upstream layout']);
      expect((await environments(project))[0].gitops).toBeNull();
    },
  );

  it('leaves every environment without a target when the push is refused half-way', async () => {
    const { repo } = await projectWithRepository('refused', [
      { slug: 'dev', kind: 'development' },
      { slug: 'prod', kind: 'production' },
    ]);
    await repo.refusePushes('pushes are frozen for the audit');

    await expect(
      action.handler(
        contextFor({
          org: 'acme',
          project: 'refused',
          image: 'ghcr.io/acme/refused:1.0.0',
        }),
      ),
    ).rejects.toThrow(
      /refused the push to main: .*pushes are frozen for the audit.*\. No environment of acme\/refused was pointed at the layout: Juanie is unchanged/s,
    );

    expect(await repo.log()).toEqual(['Upstream layout']);
    expect(await environments('refused')).toEqual([
      expect.objectContaining({ slug: 'dev', gitops: null, namespace: null }),
      expect.objectContaining({ slug: 'prod', gitops: null, namespace: null }),
    ]);
    expect(await fs.readdir(workspace)).toEqual([]);
  });

  it("a project's GitOps repository on a host the scaffolder may not contact (tenancy rule 3) — refused before git runs, Juanie unchanged", async () => {
    await juanie
      .send('post', '/orgs/acme/projects', { slug: 'elsewhere', title: 'x' })
      .expect(201);
    await juanie
      .send('post', '/orgs/acme/projects/elsewhere/environments', {
        slug: 'dev',
        title: 'dev',
        kind: 'development',
      })
      .expect(201);
    // The back end allows git.example.com; this scaffolder's config names no such host.
    const url = 'https://git.example.com/acme/elsewhere.git';
    await juanie
      .send('post', '/orgs/acme/projects/elsewhere/repositories', {
        url,
        purpose: 'gitops',
      })
      .expect(201);

    await expect(
      action.handler(
        contextFor({
          org: 'acme',
          project: 'elsewhere',
          image: 'ghcr.io/acme/elsewhere:1.0.0',
        }),
      ),
    ).rejects.toThrow(
      `${url} may not be contacted: git.example.com is not a host repositories may be connected from`,
    );

    expect(await environments('elsewhere')).toEqual([
      expect.objectContaining({ slug: 'dev', gitops: null, namespace: null }),
    ]);
    expect(await fs.readdir(workspace)).toEqual([]);
  });

  it('writes into an empty GitOps repository, creating its branch', async () => {
    const { repo } = await projectWithRepository(
      'fresh',
      [{ slug: 'dev', kind: 'development' }],
      {},
    );

    await action.handler(
      contextFor({
        org: 'acme',
        project: 'fresh',
        image: 'ghcr.io/acme/fresh:2.0.0',
        branch: 'gitops',
      }),
    );

    expect(await repo.log('gitops')).toEqual([
      'Bootstrap GitOps layout of acme/fresh: dev',
    ]);
    expect((await environments('fresh'))[0].gitops).toMatchObject({
      branch: 'gitops',
    });
  });

  it("adds later environments on the branch the project's others deploy from", async () => {
    const { repo } = await projectWithRepository(
      'branchy',
      [{ slug: 'dev', kind: 'development' }],
      {},
    );
    await action.handler(
      contextFor({
        org: 'acme',
        project: 'branchy',
        image: 'ghcr.io/acme/branchy:1.0.0',
        branch: 'gitops',
      }),
    );
    await juanie
      .send('post', '/orgs/acme/projects/branchy/environments', {
        slug: 'qa',
        title: 'QA',
        kind: 'staging',
      })
      .expect(201);

    await action.handler(
      contextFor({
        org: 'acme',
        project: 'branchy',
        environments: ['qa'],
        overlaysOnly: true,
      }),
    );

    expect(await repo.log('gitops')).toEqual([
      'Add GitOps layout of acme/branchy: qa',
      'Bootstrap GitOps layout of acme/branchy: dev',
    ]);
    expect(await repo.log('main')).toEqual([]);
    expect((await environments('branchy'))[1].gitops).toMatchObject({
      branch: 'gitops',
    });
  });

  it('calls nothing and writes nothing on a dry run', async () => {
    const calls: string[] = [];
    const untouchable = new Proxy({} as JuanieServiceClient, {
      get: (_target, method) => () => calls.push(String(method)),
    });
    const dryAction = bootstrapGitOpsAction({
      client: untouchable,
      access: juanie.access,
      authorization,
      guard,
    });
    const ctx = {
      ...contextFor({ ...inputOf(examples[0]), environments: ['dev'] }),
      isDryRun: true,
    };

    await dryAction.handler(ctx);

    expect(calls).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('files', [
      'apps/checkout/base/kustomization.yaml',
      'apps/checkout/base/deployment.yaml',
      'apps/checkout/base/service.yaml',
      'apps/checkout/overlays/dev/kustomization.yaml',
      'clusters/default/checkout-dev.yaml',
    ]);
    expect(await fs.readdir(workspace)).toEqual([]);
  });

  it.each([
    [
      'an image without tag',
      { image: 'ghcr.io/acme/checkout' },
      /Invalid image ghcr.io\/acme\/checkout: it has neither tag nor digest/,
    ],
    [
      'no image',
      { image: undefined },
      /image is required to bootstrap a project/,
    ],
    [
      'a port out of range',
      { containerPort: 70000 },
      /Invalid containerPort 70000/,
    ],
    [
      'a bad branch',
      { branch: 'a..b' },
      /Invalid branch: must be a valid git branch name/,
    ],
    [
      'an environment the project does not have',
      { environments: ['nope'] },
      /Project acme\/checkout has no environment nope/,
    ],
    [
      'a repository not connected to the project',
      { project: 'spare', repositoryUrl: 'file:///nowhere.git' },
      'file:///nowhere.git is not connected to project acme/spare',
    ],
  ])('refuses %s', async (_case, change, message) => {
    await expect(
      action.handler(contextFor({ ...inputOf(examples[0]), ...change })),
    ).rejects.toThrow(message);
  });

  it('says so when the project has no GitOps repository', async () => {
    await juanie
      .send('post', '/orgs/acme/projects', { slug: 'norepo', title: 'norepo' })
      .expect(201);
    await juanie
      .send('post', '/orgs/acme/projects/norepo/environments', {
        slug: 'dev',
        title: 'dev',
        kind: 'development',
      })
      .expect(201);

    await expect(
      action.handler(
        contextFor({
          org: 'acme',
          project: 'norepo',
          image: 'ghcr.io/acme/norepo:1.0.0',
        }),
      ),
    ).rejects.toThrow(
      'Project acme/norepo has no GitOps repository; connect one with juanie:repository:connect (purpose gitops) first',
    );
  });
});
