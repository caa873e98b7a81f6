import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import {
  JuanieTestBackend,
  startJuanieTestBackend,
} from '../__testUtils__/juanieTestBackend';
import { createEnvironmentAction } from './createEnvironmentAction';
import { examples } from './createEnvironmentAction.examples';

jest.setTimeout(60_000);

const inputOf = (example: { example: string }) =>
  yaml.parse(example.example).steps[0].input;

describe('juanie:environment:create', () => {
  let juanie: JuanieTestBackend;
  let action: ReturnType<typeof createEnvironmentAction>;
  let gitopsRepositoryId: string;
  const environments = async (project = 'checkout') =>
    (await juanie.get(`/orgs/acme/projects/${project}/environments`)).body
      .items;

  beforeAll(async () => {
    juanie = await startJuanieTestBackend();
    action = createEnvironmentAction(juanie.client);
    await juanie
      .send('post', '/orgs/acme/teams', { slug: 'qa', title: 'QA' })
      .expect(201);
    for (const slug of ['checkout', 'bare']) {
      await juanie
        .send('post', '/orgs/acme/projects', { slug, title: slug })
        .expect(201);
      await juanie
        .send('post', `/orgs/acme/projects/${slug}/environments`, {
          slug: 'dev',
          title: 'Dev',
          kind: 'development',
        })
        .expect(201);
    }
    const repo = await juanie
      .send('post', '/orgs/acme/projects/checkout/repositories', {
        // A record only: git.example.com is never contacted (the test back end allows the host).
        url: 'https://git.example.com/acme/checkout-gitops.git',
        purpose: 'gitops',
      })
      .expect(201);
    gitopsRepositoryId = repo.body.id;
  });

  it('runs its first example: an environment after the others, with its approval rule', async () => {
    const ctx = createMockActionContext({ input: inputOf(examples[0]) });

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('environment', 'qa');
    const [dev, qa] = await environments();
    expect(dev.slug).toBe('dev');
    expect(qa).toMatchObject({
      slug: 'qa',
      title: 'QA',
      kind: 'staging',
      namespace: 'checkout-qa',
      gitops: null,
      approval: {
        requiredApprovals: 2,
        approvers: ['team:qa'],
        expiresAfter: 'PT12H',
      },
    });
    expect(qa.order).toBeGreaterThan(dev.order);
  });

  it("runs its second example: an environment deploying a path of the project's GitOps repository", async () => {
    const ctx = createMockActionContext({ input: inputOf(examples[1]) });

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith(
      'gitopsRepositoryId',
      gitopsRepositoryId,
    );
    const preview = (await environments()).find(
      (e: { slug: string }) => e.slug === 'preview',
    );
    expect(preview.gitops).toEqual({
      repositoryId: gitopsRepositoryId,
      branch: 'main',
      path: 'apps/checkout/overlays/preview',
    });
  });

  it('changes nothing on a dry run', async () => {
    const ctx = {
      ...createMockActionContext({
        input: { ...inputOf(examples[1]), slug: 'dry' },
      }),
      isDryRun: true,
    };

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('environment', 'dry');
    expect(
      (await environments()).map((e: { slug: string }) => e.slug),
    ).not.toContain('dry');
  });

  it.each([
    ['a bad slug', { slug: 'QA!' }, /Invalid environment QA!: slug/],
    [
      'a bad namespace',
      { namespace: 'Not_A_Namespace' },
      /Invalid environment new: namespace: must be a DNS label/,
    ],
    [
      'a path leaving the repository',
      { gitops: { path: '../elsewhere' } },
      /Invalid gitops target: path: must be a relative path inside the repository/,
    ],
    [
      'a bad branch',
      { gitops: { path: 'apps/x', branch: 'no spaces' } },
      /Invalid gitops target: branch: must be a valid git branch name/,
    ],
    [
      'a repository that is not connected',
      {
        gitops: { path: 'apps/x', repositoryUrl: 'file:///srv/git/other.git' },
      },
      /file:\/\/\/srv\/git\/other.git is not connected to project acme\/checkout/,
    ],
  ])('refuses %s and creates nothing', async (_case, change, message) => {
    // Deliberately wrong input, as a template could pass it.
    const ctx = createMockActionContext({
      input: {
        org: 'acme',
        project: 'checkout',
        slug: 'new',
        kind: 'development',
        ...change,
      } as any,
    });

    await expect(action.handler(ctx)).rejects.toThrow(message);

    expect(
      (await environments()).map((e: { slug: string }) => e.slug),
    ).not.toContain('new');
  });

  it('refuses a GitOps target in a project that has no GitOps repository', async () => {
    const ctx = createMockActionContext({
      input: {
        org: 'acme',
        project: 'bare',
        slug: 'new',
        kind: 'development' as const,
        gitops: { path: 'apps/bare' },
      },
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      'Project acme/bare has no GitOps repository; connect one with juanie:repository:connect (purpose gitops) first',
    );
    expect(
      (await environments('bare')).map((e: { slug: string }) => e.slug),
    ).toEqual(['dev']);
  });

  it("passes on Juanie's refusal of an environment that exists", async () => {
    const ctx = createMockActionContext({
      input: {
        org: 'acme',
        project: 'checkout',
        slug: 'dev',
        kind: 'development' as const,
      },
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      "Creating environment acme/checkout/dev failed: Juanie answered 409: Environment 'dev' already exists in checkout",
    );
  });
});
