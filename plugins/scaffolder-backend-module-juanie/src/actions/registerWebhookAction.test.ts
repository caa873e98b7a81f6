import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import {
  JuanieTestBackend,
  startJuanieTestBackend,
} from '../__testUtils__/juanieTestBackend';
import { isLocal, localPassthrough } from '../__testUtils__/localPassthrough';
import { registerWebhookAction } from './registerWebhookAction';
import { examples } from './registerWebhookAction.examples';

const inputOf = (example: { example: string }) =>
  yaml.parse(example.example).steps[0].input;

const GITHUB_HOOKS = 'https://api.github.com/repos/acme/checkout/hooks';
const GITLAB_HOOKS = 'https://gitlab.example.com/api/v4/projects/:id/hooks';
const GITHUB_EVENTS = 'https://backstage.example.com/api/events/http/github';
const GITLAB_EVENTS = 'https://backstage.example.com/api/events/http/gitlab';

/** A GitHub repository webhook as the REST API returns it. */
const githubHook = (id: number, url: string) => ({
  type: 'Repository',
  id,
  name: 'web',
  active: true,
  events: ['push'],
  config: { content_type: 'json', insecure_ssl: '0', url },
  updated_at: '2026-01-05T10:00:00Z',
  created_at: '2026-01-05T10:00:00Z',
  url: `https://api.github.com/repos/acme/checkout/hooks/${id}`,
});

/** A GitLab project hook as the REST API returns it. */
const gitlabHook = (id: number, url: string) => ({
  id,
  url,
  project_id: 42,
  push_events: true,
  push_events_branch_filter: '',
  tag_push_events: false,
  merge_requests_events: false,
  enable_ssl_verification: true,
  created_at: '2026-01-05T10:00:00Z',
});

jest.setTimeout(60_000);

/** The repositories of project acme/checkout the examples and tests register hooks on. */
const CONNECTED = [
  'https://github.com/acme/checkout.git',
  'https://gitlab.example.com/acme/payments/checkout.git',
  'https://gitlab.example.com/acme/checkout.git',
];

/**
 * Who may register hooks, and where hooks may point, are tested with Juanie's permission
 * policy in actsAsTheUser.test.ts; here carol, acme's owner, runs every template.
 */
describe('juanie:webhook:register', () => {
  const server = setupServer(localPassthrough);
  registerMswTestHooks(server);
  let juanie: JuanieTestBackend;
  /** Every request the action made; bodies are read as they arrive, so they are promises. */
  let requests: Array<{
    method: string;
    url: string;
    headers: Headers;
    body: Promise<unknown>;
  }>;

  const config = new ConfigReader({
    integrations: {
      github: [{ host: 'github.com', token: 'ghp_scaffolder' }],
      gitlab: [
        {
          host: 'gitlab.example.com',
          token: 'glpat-scaffolder',
          apiBaseUrl: 'https://gitlab.example.com/api/v4',
        },
      ],
    },
    // The secrets the github and gitlab events modules check deliveries against.
    events: {
      modules: {
        github: { webhookSecret: 'github-events-secret' },
        gitlab: { webhookSecret: 'gitlab-events-secret' },
      },
    },
  });
  const discovery = mockServices.discovery.mock({
    getExternalBaseUrl: async (pluginId: string) =>
      `https://backstage.example.com/api/${pluginId}`,
  });
  const actionWith = (actionConfig: ConfigReader) =>
    registerWebhookAction({
      config: actionConfig,
      discovery,
      client: juanie.client,
      access: juanie.access,
    });

  beforeAll(async () => {
    // Juanie knows the same integrations, so their hosts may be connected (tenancy rule 3).
    juanie = await startJuanieTestBackend({
      config: { integrations: config.get('integrations') },
    });
    await juanie
      .send('post', '/orgs/acme/projects', { slug: 'checkout', title: 'C' })
      .expect(201);
    for (const [i, url] of CONNECTED.entries()) {
      await juanie
        .send('post', '/orgs/acme/projects/checkout/repositories', {
          url,
          purpose: i === 0 ? 'gitops' : 'app',
        })
        .expect(201);
    }
  });

  const run = async (
    input: object,
    options: { dryRun?: boolean; config?: ConfigReader } = {},
  ) => {
    const handler = actionWith(options.config ?? config);
    const ctx = {
      ...createMockActionContext({
        input: { org: 'acme', project: 'checkout', ...input } as any,
      }),
      isDryRun: options.dryRun,
    };
    await handler.handler(ctx);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  };

  beforeEach(() => {
    requests = [];
    server.events.removeAllListeners();
    server.events.on('request:start', ({ request }) => {
      if (isLocal(request.url)) return;
      const body =
        request.method === 'GET'
          ? Promise.resolve(undefined)
          : request.clone().json();
      requests.push({
        method: request.method,
        url: request.url.split('?')[0],
        headers: request.headers,
        body,
      });
    });
  });

  describe('on GitHub', () => {
    it('creates a push webhook towards the events endpoint (first example)', async () => {
      server.use(
        http.get(GITHUB_HOOKS, () =>
          HttpResponse.json([githubHook(7, 'https://ci.example.com/hook')]),
        ),
        http.post(GITHUB_HOOKS, async ({ request }) =>
          HttpResponse.json(
            githubHook(8, ((await request.json()) as any).config.url),
            { status: 201 },
          ),
        ),
      );

      const output = await run(inputOf(examples[0]));

      expect(output).toEqual({
        provider: 'github',
        eventsUrl: GITHUB_EVENTS,
        hookId: '8',
        created: true,
      });
      expect(requests.map(r => `${r.method} ${r.url}`)).toEqual([
        `GET ${GITHUB_HOOKS}`,
        `POST ${GITHUB_HOOKS}`,
      ]);
      expect(await requests[1].body).toEqual({
        name: 'web',
        active: true,
        events: ['push'],
        config: {
          url: GITHUB_EVENTS,
          content_type: 'json',
          insecure_ssl: '0',
          secret: 'github-events-secret',
        },
      });
      expect(requests[1].headers.get('authorization')).toBe(
        'token ghp_scaffolder',
      );
    });

    it('leaves an existing hook with the same URL alone', async () => {
      server.use(
        http.get(GITHUB_HOOKS, () =>
          HttpResponse.json([githubHook(9, GITHUB_EVENTS)]),
        ),
      );

      const output = await run({
        repoUrl: 'https://github.com/acme/checkout.git',
      });

      expect(output).toMatchObject({ hookId: '9', created: false });
      expect(requests.map(r => r.method)).toEqual(['GET']);
    });

    it('registers the hook once when run again after GitHub failed (a template run again with the same values)', async () => {
      const hooks: object[] = [];
      let outages = 1;
      server.use(
        http.get(GITHUB_HOOKS, () => HttpResponse.json(hooks)),
        http.post(GITHUB_HOOKS, async ({ request }) => {
          if (outages-- > 0) {
            return HttpResponse.json(
              { message: 'Bad gateway' },
              { status: 502 },
            );
          }
          const hook = githubHook(
            10 + hooks.length,
            ((await request.json()) as any).config.url,
          );
          hooks.push(hook);
          return HttpResponse.json(hook, { status: 201 });
        }),
      );
      const input = { repoUrl: 'https://github.com/acme/checkout.git' };

      await expect(run(input)).rejects.toThrow(/Bad gateway/);
      const second = await run(input);
      const third = await run(input);

      expect(second).toMatchObject({ hookId: '10', created: true });
      expect(third).toMatchObject({ hookId: '10', created: false });
      expect(hooks).toHaveLength(1);
    });

    it('explains a 404: no such repository, or a token that may not manage its hooks', async () => {
      server.use(
        http.get(GITHUB_HOOKS, () =>
          HttpResponse.json(
            {
              message: 'Not Found',
              documentation_url: 'https://docs.github.com/rest',
            },
            { status: 404 },
          ),
        ),
      );

      await expect(run(inputOf(examples[0]))).rejects.toThrow(
        "GitHub (github.com) answered 404 for acme/checkout: the repository does not exist, or the integration's token may not manage its webhooks",
      );
    });
  });

  describe('on GitLab', () => {
    it('creates a push hook with the secret token (second example)', async () => {
      server.use(
        http.get(GITLAB_HOOKS, () => HttpResponse.json([])),
        http.post(GITLAB_HOOKS, async ({ request }) =>
          HttpResponse.json(
            gitlabHook(31, ((await request.json()) as any).url),
            { status: 201 },
          ),
        ),
      );

      const output = await run(inputOf(examples[1]));

      const hooks =
        'https://gitlab.example.com/api/v4/projects/acme%2Fpayments%2Fcheckout/hooks';
      expect(output).toEqual({
        provider: 'gitlab',
        eventsUrl: 'https://backstage.example.com/api/events/http/gitlab',
        hookId: '31',
        created: true,
      });
      expect(requests.map(r => `${r.method} ${r.url}`)).toEqual([
        `GET ${hooks}`,
        `POST ${hooks}`,
      ]);
      expect(await requests[1].body).toEqual({
        url: 'https://backstage.example.com/api/events/http/gitlab',
        push_events: true,
        enable_ssl_verification: true,
        token: 'gitlab-events-secret',
      });
      expect(requests[1].headers.get('private-token')).toBe('glpat-scaffolder');
    });

    it("without the events module's secret, creates the hook without one towards the default events URL", async () => {
      server.use(
        http.get(GITLAB_HOOKS, () => HttpResponse.json([])),
        http.post(GITLAB_HOOKS, () =>
          HttpResponse.json(gitlabHook(32, GITLAB_EVENTS), { status: 201 }),
        ),
      );
      const withoutEventsSecret = new ConfigReader({
        ...config.get<object>(),
        events: {},
      });

      await run(
        { repoUrl: 'gitlab.example.com?owner=acme&repo=checkout' },
        { config: withoutEventsSecret },
      );

      expect(await requests[1].body).toEqual({
        url: GITLAB_EVENTS,
        push_events: true,
        enable_ssl_verification: true,
      });
    });

    it('leaves an existing hook with the same URL alone', async () => {
      server.use(
        http.get(GITLAB_HOOKS, () =>
          HttpResponse.json([gitlabHook(33, GITLAB_EVENTS)]),
        ),
      );

      const output = await run({
        repoUrl: 'https://gitlab.example.com/acme/checkout',
      });

      expect(output).toMatchObject({ hookId: '33', created: false });
      expect(requests.map(r => r.method)).toEqual(['GET']);
    });

    it('explains a 403: the token may not manage hooks', async () => {
      server.use(
        http.get(GITLAB_HOOKS, () =>
          HttpResponse.json({ message: '403 Forbidden' }, { status: 403 }),
        ),
      );

      await expect(
        run({ repoUrl: 'https://gitlab.example.com/acme/checkout' }),
      ).rejects.toThrow(
        "GitLab (gitlab.example.com) answered 403 for acme/checkout: the integration's token may not manage webhooks",
      );
    });
  });

  it('calls nothing on a dry run', async () => {
    const output = await run(inputOf(examples[0]), { dryRun: true });

    expect(output).toEqual({
      provider: 'github',
      eventsUrl: GITHUB_EVENTS,
      created: false,
    });
    expect(requests).toEqual([]);
  });

  it.each([
    [
      'a host without integration',
      { repoUrl: 'https://bitbucket.org/acme/checkout' },
      'No GitHub or GitLab integration is configured for bitbucket.org',
    ],
    [
      'a GitHub URL that is not owner/repo',
      { repoUrl: 'https://github.com/acme' },
      /Invalid repoUrl https:\/\/github.com\/acme/,
    ],
    [
      'an events URL that is not http',
      { repoUrl: 'https://github.com/acme/checkout', eventsUrl: 'ftp://x' },
      /Invalid eventsUrl ftp:\/\/x/,
    ],
  ])('refuses %s without calling anyone', async (_case, input, message) => {
    await expect(run(input)).rejects.toThrow(message);

    expect(requests).toEqual([]);
  });

  it('says when the integration has no token', async () => {
    const noToken = new ConfigReader({
      integrations: {
        gitlab: [
          {
            host: 'gitlab.example.com',
            apiBaseUrl: 'https://gitlab.example.com/api/v4',
          },
        ],
      },
    });

    await expect(
      run(
        { repoUrl: 'https://gitlab.example.com/acme/checkout' },
        { config: noToken },
      ),
    ).rejects.toThrow('No token for gitlab.example.com in integrations.gitlab');
    expect(requests).toEqual([]);
  });
});
