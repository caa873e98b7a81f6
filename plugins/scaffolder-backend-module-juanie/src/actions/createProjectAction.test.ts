import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import {
  JuanieTestBackend,
  startJuanieTestBackend,
} from '../__testUtils__/juanieTestBackend';
import { createProjectAction } from './createProjectAction';
import { examples } from './createProjectAction.examples';

jest.setTimeout(60_000);

const inputOf = (example: { example: string }) =>
  yaml.parse(example.example).steps[0].input;

describe('juanie:project:create', () => {
  let juanie: JuanieTestBackend;
  let action: ReturnType<typeof createProjectAction>;

  beforeAll(async () => {
    juanie = await startJuanieTestBackend();
    action = createProjectAction({
      client: juanie.client,
      access: juanie.access,
    });
  });

  it('runs its first example: the project, its owning team and its environments with their approval rules', async () => {
    const ctx = createMockActionContext({ input: inputOf(examples[0]) });

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('project', 'checkout');
    expect(ctx.output).toHaveBeenCalledWith('environments', [
      'dev',
      'staging',
      'prod',
    ]);
    const teams = await juanie.get('/orgs/acme/projects/checkout/teams');
    expect(teams.body.items).toEqual([
      expect.objectContaining({ team: 'web-team', role: 'owner' }),
    ]);
    const envs = await juanie.get('/orgs/acme/projects/checkout/environments');
    expect(envs.body.items.map((e: { slug: string }) => e.slug)).toEqual([
      'dev',
      'staging',
      'prod',
    ]);
    expect(
      envs.body.items.map((e: { approval: object }) => e.approval),
    ).toEqual([
      expect.objectContaining({ requiredApprovals: 0, approvers: [] }),
      expect.objectContaining({
        requiredApprovals: 1,
        approvers: ['team:web-team', 'user:default/bob'],
      }),
      {
        requiredApprovals: 2,
        approvers: [],
        allowSelfApproval: false,
        expiresAfter: 'P1D',
      },
    ]);
    expect(
      envs.body.items.every((e: { gitops: unknown }) => e.gitops === null),
    ).toBe(true);
  });

  it('runs its second example: a project without environments, titled after its slug', async () => {
    const ctx = createMockActionContext({ input: inputOf(examples[1]) });

    await action.handler(ctx);

    const project = await juanie.get('/orgs/acme/projects/billing');
    expect(project.body).toMatchObject({ slug: 'billing', title: 'billing' });
    const envs = await juanie.get('/orgs/acme/projects/billing/environments');
    expect(envs.body.items).toEqual([]);
  });

  it('changes nothing on a dry run', async () => {
    // The mock context drops isDryRun, so it is set on the context it returns.
    const ctx = {
      ...createMockActionContext({
        input: { ...inputOf(examples[0]), slug: 'dry' },
      }),
      isDryRun: true,
    };

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('project', 'dry');
    expect((await juanie.get('/orgs/acme/projects/dry')).status).toBe(404);
  });

  it.each([
    [
      'a bad slug',
      { slug: 'Not A Slug' },
      /Invalid project: slug: must be 1-63 lowercase/,
    ],
    [
      'an impossible approval rule',
      {
        environments: [
          { slug: 'dev', kind: 'development', requiredApprovals: 50 },
        ],
      },
      /Invalid environment dev: approval.requiredApprovals/,
    ],
    [
      'a bad approver',
      {
        environments: [
          { slug: 'dev', kind: 'development', approvers: ['bob'] },
        ],
      },
      /Invalid environment dev: approval.approvers.0: must be a user or group entity ref/,
    ],
    [
      'an environment listed twice',
      {
        environments: [
          { slug: 'dev', kind: 'development' },
          { slug: 'dev', kind: 'staging' },
        ],
      },
      /dev is listed twice/,
    ],
    [
      'an owner group of another namespace',
      { owner: 'group:globex/web-team' },
      /must be a team of organisation acme/,
    ],
    [
      'an owner team that does not exist',
      { owner: 'ghost-team' },
      /Team ghost-team does not exist in organisation acme; nothing was created/,
    ],
    [
      'an approver team that does not exist',
      {
        environments: [
          { slug: 'dev', kind: 'development', approvers: ['team:ghosts'] },
        ],
      },
      /Team ghosts does not exist/,
    ],
  ])('refuses %s before creating anything', async (_case, change, message) => {
    // Deliberately wrong input, as a template could pass it.
    const ctx = createMockActionContext({
      input: { org: 'acme', slug: 'refused', ...change } as any,
    });

    await expect(action.handler(ctx)).rejects.toThrow(message);

    expect((await juanie.get('/orgs/acme/projects/refused')).status).toBe(404);
  });

  it('says the slug is taken, and why it is not an unfinished project to complete, and adds nothing to it', async () => {
    const ctx = createMockActionContext({
      input: {
        org: 'acme',
        slug: 'checkout',
        title: 'Again',
        environments: [{ slug: 'qa', kind: 'staging' as const }],
      },
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      'Project acme/checkout already exists: the slug checkout is taken in acme, choose another name. Nothing was created. (An unfinished project is completed by a run with the same values, but it has environment dev, which this run does not ask for',
    );

    const envs = await juanie.get('/orgs/acme/projects/checkout/environments');
    expect(envs.body.items.map((e: { slug: string }) => e.slug)).toEqual([
      'dev',
      'staging',
      'prod',
    ]);
  });

  describe('with checkOnly', () => {
    it('checks a project that can be created, and creates nothing', async () => {
      const ctx = createMockActionContext({
        input: { ...inputOf(examples[0]), slug: 'later', checkOnly: true },
      });

      await action.handler(ctx);

      expect(ctx.output).toHaveBeenCalledWith('project', 'later');
      expect((await juanie.get('/orgs/acme/projects/later')).status).toBe(404);
    });

    it.each([
      [
        'a taken slug',
        { slug: 'checkout' },
        'Project acme/checkout already exists: the slug checkout is taken in acme, choose another name. Nothing was created',
      ],
      [
        'an organisation that does not exist',
        { org: 'nowhere' },
        'Organisation nowhere does not exist (or you may not see it); nothing was created',
      ],
      [
        'a team that does not exist',
        { owner: 'ghost-team' },
        /Team ghost-team does not exist in organisation acme/,
      ],
    ])('refuses %s', async (_case, change, message) => {
      const ctx = createMockActionContext({
        input: { org: 'acme', slug: 'later', checkOnly: true, ...change },
      });

      await expect(action.handler(ctx)).rejects.toThrow(message);
    });
  });

  it('names the organisation when it does not exist', async () => {
    const ctx = createMockActionContext({
      input: { org: 'nowhere', slug: 'x' },
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      /Creating project nowhere\/x failed: Juanie answered 404/,
    );
  });
});
