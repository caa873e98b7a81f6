import fs from 'node:fs';
import path from 'node:path';
import { temporaryDirectory } from './__testUtils__/bareRepository';
import { startScaffolderTestBackend } from './__testUtils__/scaffolderTestBackend';
import { isolatedGit } from './git/isolatedGit';

jest.setTimeout(120_000);

/**
 * The juanie-project template run for real by the scaffolder, with the module's actions and
 * Juanie's back end in one test backend, publishing to a local bare repository: what a person
 * who picks "git" in the portal gets.
 */
describe('template:default/juanie-project on a local repository', () => {
  let backend: Awaited<ReturnType<typeof startScaffolderTestBackend>>;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await temporaryDirectory('data');
    backend = await startScaffolderTestBackend({ dataDir });
  });

  afterAll(() => fs.promises.rm(dataDir, { recursive: true, force: true }));

  const runTemplate = (values: object) =>
    backend.runTemplate('template:default/juanie-project', values);

  it('publishes the repository, creates the project and points every environment at its pushed overlay', async () => {
    const repoDir = path.join(dataDir, 'scaffolded', 'checkout.git');
    const { task, events } = await runTemplate({
      org: 'acme',
      name: 'checkout',
      repoHost: 'git',
      localRepoPath: repoDir,
      description: 'Payments',
      environments: [
        { slug: 'dev', kind: 'development', requiredApprovals: 0 },
        { slug: 'prod', kind: 'production', requiredApprovals: 2 },
      ],
      containerPort: 8080,
    });

    expect(
      events
        .filter(e => e.type === 'log' && /error/i.test(e.body.message ?? ''))
        .map(e => e.body.message),
    ).toEqual([]);
    expect(task.status).toBe('completed');
    const files = (
      await isolatedGit(repoDir).raw(['ls-tree', '-r', '--name-only', 'main'])
    )
      .split('\n')
      .filter(Boolean);
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        'catalog-info.yaml',
        'apps/checkout/base/deployment.yaml',
        'apps/checkout/overlays/dev/kustomization.yaml',
        'apps/checkout/overlays/prod/kustomization.yaml',
        'clusters/default/checkout-prod.yaml',
      ]),
    );
    const repositories = (
      await backend.juanie('/orgs/acme/projects/checkout/repositories')
    ).body.items;
    expect(repositories).toEqual([
      expect.objectContaining({ url: `file://${repoDir}`, purpose: 'gitops' }),
    ]);
    const envs = (
      await backend.juanie('/orgs/acme/projects/checkout/environments')
    ).body.items;
    expect(
      envs.map((e: any) => [
        e.slug,
        e.approval.requiredApprovals,
        e.gitops?.path,
      ]),
    ).toEqual([
      ['dev', 0, 'apps/checkout/overlays/dev'],
      ['prod', 2, 'apps/checkout/overlays/prod'],
    ]);
    const completion = events.find(e => e.type === 'completion');
    expect(completion?.body.output.links).toEqual([
      { title: 'Repository', url: `file://${repoDir}` },
      { title: 'Juanie project', url: '/juanie/orgs/acme/projects/checkout' },
      {
        title: 'Open in catalog',
        icon: 'catalog',
        entityRef: 'system:acme/checkout',
      },
    ]);
  });

  it('stops on a taken slug before it publishes anything, saying so', async () => {
    const repoDir = path.join(dataDir, 'scaffolded', 'checkout-again.git');
    const { task, events } = await runTemplate({
      org: 'acme',
      name: 'checkout',
      repoHost: 'git',
      localRepoPath: repoDir,
    });

    expect(task.status).toBe('failed');
    const failure = events.find(
      e => e.type === 'log' && e.body.status === 'failed',
    );
    expect(failure?.body).toMatchObject({ stepId: 'check-project' });
    expect(events.map(e => e.body.message).join('\n')).toContain(
      'Project acme/checkout already exists: the slug checkout is taken in acme, choose another name. Nothing was created',
    );
    expect(fs.existsSync(repoDir)).toBe(false);
  });
});
