import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  BareRepository,
  createBareRepository,
  temporaryDirectory,
} from '../__testUtils__/bareRepository';
import {
  JuanieTestBackend,
  startJuanieTestBackend,
} from '../__testUtils__/juanieTestBackend';
import { isLocal, localPassthrough } from '../__testUtils__/localPassthrough';
import { gitAuthorizationFor } from '@juanie/plugin-juanie-node';
import { scaffolderGitGuard } from '../git/remoteGuard';
import { bootstrapGitOpsAction } from './bootstrapGitOpsAction';
import { connectRepositoryAction } from './connectRepositoryAction';
import { createEnvironmentAction } from './createEnvironmentAction';
import { createProjectAction } from './createProjectAction';
import { publishGitAction } from './publishGitAction';
import { registerWebhookAction } from './registerWebhookAction';

jest.setTimeout(120_000);

/** The people of issue 12's attacks, by their role in organisation acme. */
const OWNER = 'carol'; // owns acme
const MAINTAINER = 'erin'; // maintainer of acme/shop
const VIEWER = 'dave'; // member of acme, viewer of acme/shop
const STRANGER = 'mallory'; // owns organisation evil, nothing in acme

const GITHUB_HOOKS = 'https://api.github.com/repos/acme/shop/hooks';
const OWN_EVENTS = 'https://backstage.example.com/api/events/http/github';
const SHOP_ON_GITHUB = 'https://github.com/acme/shop.git';

/**
 * Templates act as the person who runs them (issue 12, rule 8): every action, run by a viewer
 * of acme's project or by a stranger to acme, is refused with a message that says so, and
 * leaves Juanie, the repositories and GitHub as they were. Juanie runs with Backstage's
 * permission backend and its own policy, as in the portal; the owner and a maintainer show
 * that the same checks let the right people through.
 */
describe('Templates act as the person who runs them', () => {
  const github = setupServer(localPassthrough);
  registerMswTestHooks(github);
  /** Requests to GitHub's API, by method and URL. */
  let githubCalls: string[];
  let juanie: JuanieTestBackend;
  let gitops: BareRepository;
  let emptyRepo: BareRepository;
  let root: string;
  let workspace: string;

  const config = new ConfigReader({
    integrations: { github: [{ host: 'github.com', token: 'ghp_scaffolder' }] },
    events: { modules: { github: { webhookSecret: 'github-events-secret' } } },
    juanie: {
      scaffolder: {
        allowedWebhookUrls: ['https://events-proxy.example.com/github'],
      },
    },
  });
  const discovery = mockServices.discovery.mock({
    getExternalBaseUrl: async (pluginId: string) =>
      `https://backstage.example.com/api/${pluginId}`,
  });

  const actions = () => {
    const { client, access } = juanie;
    const authorization = gitAuthorizationFor(config);
    const publishConfig = new ConfigReader({
      ...config.get<object>(),
      // Relative paths land in root; the bare repositories of the tests are in the
      // temporary directory.
      juanie: { scaffolder: { localRepositoryRoots: [root, os.tmpdir()] } },
    });
    const guard = scaffolderGitGuard(publishConfig, mockServices.logger.mock());
    return {
      createProject: createProjectAction({ client, access }),
      createEnvironment: createEnvironmentAction(client),
      connectRepository: connectRepositoryAction(client),
      bootstrap: bootstrapGitOpsAction({
        client,
        access,
        authorization,
        guard,
      }),
      publish: publishGitAction({
        config: publishConfig,
        access,
        authorization,
        guard,
      }),
      webhook: registerWebhookAction({ config, discovery, client, access }),
    };
  };

  /** Runs an action as `user`, as the scaffolder does for the person who started the task. */
  async function runAs(
    user: string,
    action: keyof ReturnType<typeof actions>,
    input: object,
  ) {
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace,
      }),
      getInitiatorCredentials: async () =>
        mockCredentials.user(`user:default/${user}`),
    };
    await (actions()[action].handler as (c: typeof ctx) => Promise<void>)(ctx);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  }

  const juanieAs = (user: string) => ({
    Authorization: mockCredentials.user.header(`user:default/${user}`),
  });
  const shop = async (what: string) =>
    (await juanie.get(`/orgs/acme/projects/shop/${what}`).expect(200)).body
      .items as Array<{ slug?: string; url?: string; gitops?: unknown }>;

  beforeAll(async () => {
    juanie = await startJuanieTestBackend({
      permissions: true,
      config: { integrations: config.get('integrations') },
    });
    root = await temporaryDirectory('local-repos');
    workspace = await temporaryDirectory('workspace');
    await fs.writeFile(path.join(workspace, 'README.md'), '# shop\n');
    gitops = await createBareRepository({ 'README.md': '# GitOps\n' });
    emptyRepo = await createBareRepository();

    await juanie
      .send('post', '/orgs/acme/projects', { slug: 'shop', title: 'Shop' })
      .expect(201);
    await juanie
      .send('post', '/orgs/acme/projects/shop/environments', {
        slug: 'dev',
        title: 'dev',
        kind: 'development',
      })
      .expect(201);
    // A local repository is connected only by the organisation it was made for.
    await juanie.claim(gitops.url);
    for (const [url, purpose] of [
      [gitops.url, 'gitops'],
      [SHOP_ON_GITHUB, 'app'],
    ]) {
      await juanie
        .send('post', '/orgs/acme/projects/shop/repositories', { url, purpose })
        .expect(201);
    }
    await juanie
      .send('post', '/orgs/acme/members', {
        userRef: `user:default/${VIEWER}`,
        role: 'member',
      })
      .expect(201);
    for (const [user, role] of [
      [VIEWER, 'viewer'],
      [MAINTAINER, 'maintainer'],
    ]) {
      await juanie
        .send('post', '/orgs/acme/projects/shop/members', {
          userRef: `user:default/${user}`,
          role,
        })
        .expect(201);
    }
    // The stranger's own organisation, and a project there to hook others' repositories from.
    await request(juanie.server)
      .post('/api/juanie/orgs')
      .set(juanieAs(STRANGER))
      .send({ slug: 'evil', title: 'Evil' })
      .expect(201);
    await request(juanie.server)
      .post('/api/juanie/orgs/evil/projects')
      .set(juanieAs(STRANGER))
      .send({ slug: 'shop', title: 'Shop' })
      .expect(201);
  });

  afterAll(async () => {
    await Promise.all([gitops.cleanup(), emptyRepo.cleanup()]);
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(workspace, { recursive: true, force: true });
  });

  beforeEach(() => {
    githubCalls = [];
    github.events.removeAllListeners();
    github.events.on('request:start', ({ request: call }) => {
      if (!isLocal(call.url)) {
        githubCalls.push(`${call.method} ${call.url.split('?')[0]}`);
      }
    });
    github.use(
      http.get(GITHUB_HOOKS, () => HttpResponse.json([])),
      http.post(GITHUB_HOOKS, async ({ request: call }) =>
        HttpResponse.json(
          {
            id: 77,
            name: 'web',
            active: true,
            events: ['push'],
            config: { url: ((await call.json()) as any).config.url },
          },
          { status: 201 },
        ),
      ),
    );
  });

  describe('juanie:project:create', () => {
    it.each([
      [
        'a member of acme who may not create projects checks one',
        VIEWER,
        { checkOnly: true },
        /Creating project acme\/stolen refused: you may not create projects in organisation acme in Juanie \(it needs juanie\.project\.create\)/,
      ],
      [
        'a member of acme who may not create projects creates one',
        VIEWER,
        {},
        /Creating project acme\/stolen failed: Juanie answered 403/,
      ],
      [
        'a stranger checks a project in acme',
        STRANGER,
        { checkOnly: true },
        /Organisation acme does not exist \(or you may not see it\); nothing was created/,
      ],
      [
        'a stranger creates a project in acme',
        STRANGER,
        {},
        /Creating project acme\/stolen failed: Juanie answered 404/,
      ],
    ])(
      'refuses when %s, and creates nothing',
      async (_attack, user, extra, message) => {
        await expect(
          runAs(user, 'createProject', {
            org: 'acme',
            slug: 'stolen',
            environments: [{ slug: 'dev', kind: 'development' }],
            ...extra,
          }),
        ).rejects.toThrow(message);

        await juanie.get('/orgs/acme/projects/stolen').expect(404);
      },
    );
  });

  describe('juanie:environment:create', () => {
    it.each([
      ['a viewer of acme/shop', VIEWER, /Juanie answered 403/],
      ['a stranger to acme', STRANGER, /Juanie answered 404/],
    ])(
      'refuses %s an environment, and creates none',
      async (_who, user, message) => {
        await expect(
          runAs(user, 'createEnvironment', {
            org: 'acme',
            project: 'shop',
            slug: 'sneaky',
            kind: 'development',
          }),
        ).rejects.toThrow(message);

        expect((await shop('environments')).map(env => env.slug)).toEqual([
          'dev',
        ]);
      },
    );
  });

  describe('juanie:repository:connect', () => {
    it.each([
      [
        'a viewer of acme/shop',
        VIEWER,
        /Connecting .* to acme\/shop failed: Juanie answered 403/,
      ],
      [
        'a stranger to acme',
        STRANGER,
        /Listing the repositories of acme\/shop failed: Juanie answered 404/,
      ],
    ])(
      'refuses %s a repository, and connects none',
      async (_who, user, message) => {
        await expect(
          runAs(user, 'connectRepository', {
            org: 'acme',
            project: 'shop',
            url: emptyRepo.url,
            purpose: 'app',
          }),
        ).rejects.toThrow(message);

        expect((await shop('repositories')).map(r => r.url).sort()).toEqual(
          [gitops.url, SHOP_ON_GITHUB].sort(),
        );
      },
    );
  });

  describe('juanie:gitops:bootstrap', () => {
    const input = {
      org: 'acme',
      project: 'shop',
      image: 'ghcr.io/acme/shop:1.0.0',
    };

    it.each([
      ['a viewer of acme/shop', VIEWER],
      ['a stranger to acme', STRANGER],
    ])(
      "refuses %s a push of the layout with the integration's token, and pushes nothing",
      async (_who, user) => {
        await expect(runAs(user, 'bootstrap', input)).rejects.toThrow(
          'Pushing the GitOps layout of acme/shop refused: you may not manage project acme/shop in Juanie (it needs juanie.project.manage), or it does not exist. Nothing was changed',
        );

        expect(await gitops.log()).toEqual(['Upstream layout']);
        expect((await shop('environments'))[0].gitops).toBeNull();
      },
    );

    it('lets a maintainer of the project push it', async () => {
      const output = await runAs(MAINTAINER, 'bootstrap', input);

      expect(output.environments).toEqual(['dev']);
      expect(await gitops.log()).toHaveLength(2);
    });
  });

  describe('juanie:publish:git', () => {
    it.each([
      [
        'a member of acme who may not create projects',
        VIEWER,
        { project: 'shop' },
        /Publishing to .* refused: you may not create projects in organisation acme in Juanie \(it needs juanie\.project\.create, or juanie\.project\.manage on acme\/shop\)/,
      ],
      [
        'a stranger to acme',
        STRANGER,
        {},
        /Publishing to .* refused: you may not create projects in organisation acme in Juanie \(it needs juanie\.project\.create\), or it does not exist/,
      ],
    ])(
      "refuses %s a repository on this machine or a push with the integration's token, and writes nothing",
      async (_who, user, extra, message) => {
        await expect(
          runAs(user, 'publish', {
            org: 'acme',
            localPath: 'taken/shop.git',
            createIfMissing: true,
            ...extra,
          }),
        ).rejects.toThrow(message);
        await expect(
          runAs(user, 'publish', {
            org: 'acme',
            remoteUrl: emptyRepo.url,
            ...extra,
          }),
        ).rejects.toThrow(message);

        expect(await fs.readdir(root)).toEqual([]);
        expect(await emptyRepo.log()).toEqual([]);
      },
    );

    it('lets the owner of acme publish', async () => {
      const output = await runAs(OWNER, 'publish', {
        org: 'acme',
        remoteUrl: emptyRepo.url,
      });

      expect(output.commitHash).toEqual(expect.any(String));
      expect(await emptyRepo.log()).toEqual(['Initial commit']);
    });
  });

  describe('juanie:webhook:register', () => {
    const input = {
      org: 'acme',
      project: 'shop',
      repoUrl: 'github.com?owner=acme&repo=shop',
    };

    it.each([
      [
        'a viewer of a project registers a webhook on its repository',
        VIEWER,
        input,
        'Registering a webhook on github.com/acme/shop refused: you may not manage project acme/shop in Juanie (it needs juanie.project.manage), or it does not exist. Nothing was changed',
      ],
      [
        "a stranger registers a webhook on another organisation's repository",
        STRANGER,
        input,
        'Registering a webhook on github.com/acme/shop refused: you may not manage project acme/shop in Juanie',
      ],
      [
        "a stranger registers a webhook on another organisation's repository through a project of their own",
        STRANGER,
        { ...input, org: 'evil', project: 'shop' },
        'Registering a webhook on github.com/acme/shop refused: it is not a repository of project evil/shop',
      ],
      [
        "an owner registers a webhook on a repository the integration's token administers but no project of theirs holds",
        OWNER,
        { ...input, repoUrl: 'https://github.com/acme/payroll' },
        'Registering a webhook on github.com/acme/payroll refused: it is not a repository of project acme/shop (connect it with juanie:repository:connect first). No webhook was registered',
      ],
      [
        "a user points a webhook signed with Backstage's secret at their own URL",
        OWNER,
        { ...input, eventsUrl: 'https://attacker.example.com/collect' },
        "Invalid eventsUrl https://attacker.example.com/collect: a webhook carries the secret of Backstage's events module, so it may only point at Backstage's own events endpoint https://backstage.example.com/api/events/http/github or a URL listed in juanie.scaffolder.allowedWebhookUrls. No webhook was registered",
      ],
      [
        "a user points a GitHub webhook at Backstage's GitLab endpoint",
        OWNER,
        {
          ...input,
          eventsUrl: 'https://backstage.example.com/api/events/http/gitlab',
        },
        'Invalid eventsUrl https://backstage.example.com/api/events/http/gitlab',
      ],
    ])(
      'refuses when %s, and calls GitHub not at all',
      async (_attack, user, given, message) => {
        await expect(runAs(user, 'webhook', given)).rejects.toThrow(message);

        expect(githubCalls).toEqual([]);
      },
    );

    it.each([
      ["Backstage's own events endpoint", undefined, OWN_EVENTS],
      [
        'a URL of juanie.scaffolder.allowedWebhookUrls',
        'https://events-proxy.example.com/github',
        'https://events-proxy.example.com/github',
      ],
    ])(
      'lets a maintainer register a hook on the project’s repository towards %s',
      async (_target, eventsUrl, expected) => {
        const output = await runAs(MAINTAINER, 'webhook', {
          ...input,
          repoUrl: 'https://github.com/acme/shop.git',
          ...(eventsUrl ? { eventsUrl } : {}),
        });

        expect(output).toMatchObject({ eventsUrl: expected, created: true });
        expect(githubCalls).toEqual([
          `GET ${GITHUB_HOOKS}`,
          `POST ${GITHUB_HOOKS}`,
        ]);
      },
    );
  });
});
