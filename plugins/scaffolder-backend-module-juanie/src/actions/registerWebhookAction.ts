import {
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubIntegration,
  GitLabIntegration,
  ScmIntegrations,
} from '@backstage/integration';
import {
  createTemplateAction,
  parseRepoUrl,
} from '@backstage/plugin-scaffolder-node';
import { Gitlab } from '@gitbeaker/rest';
import { slugSchema } from '@juanie/plugin-juanie-common';
import { JuanieServiceClient } from '@juanie/plugin-juanie-node';
import { Octokit } from '@octokit/rest';
import { isDryRunPlaceholder } from './dryRunPlaceholder';
import { InitiatorAccess } from './InitiatorAccess';
import { callJuanie, parseJuanieInput } from './juanieCalls';
import { examples } from './registerWebhookAction.examples';
import { repositoryKey, WebhookTargets } from './WebhookTargets';

type Provider = 'github' | 'gitlab';

/** A repository on GitHub or GitLab, from a RepoUrlPicker value or a clone URL. */
interface HostedRepository {
  provider: Provider;
  host: string;
  /** `owner/repo` on GitHub, `group/…/project` on GitLab. */
  path: string;
}

/** What a webhook registration found or did. */
type Registration = {
  hookId: string;
  created: boolean;
};

function hostedRepository(
  repoUrl: string,
  integrations: ScmIntegrations,
): HostedRepository {
  let host: string;
  let repoPath: string;
  if (/^https?:\/\//.test(repoUrl)) {
    const url = new URL(repoUrl);
    host = url.host;
    repoPath = url.pathname
      .replace(/^\/+/, '')
      .replace(/\.git$/, '')
      .replace(/\/+$/, '');
  } else {
    // The RepoUrlPicker form: github.com?owner=acme&repo=checkout
    const parsed = parseRepoUrl(repoUrl, integrations);
    host = parsed.host;
    repoPath = `${parsed.owner ?? parsed.organization ?? parsed.workspace}/${
      parsed.repo
    }`;
  }
  const provider =
    (integrations.github.byHost(host) && 'github') ||
    (integrations.gitlab.byHost(host) && 'gitlab');
  if (!provider) {
    throw new InputError(
      `No GitHub or GitLab integration is configured for ${host}; add it under integrations in app-config`,
    );
  }
  if (provider === 'github' && !/^[\w.-]+\/[\w.-]+$/.test(repoPath)) {
    throw new InputError(
      `Invalid repoUrl ${repoUrl}: a GitHub repository is owner/repo`,
    );
  }
  if (!/^[\w.-]+(\/[\w.-]+)+$/.test(repoPath)) {
    throw new InputError(
      `Invalid repoUrl ${repoUrl}: expected a repository path such as acme/checkout`,
    );
  }
  return { provider, host, path: repoPath };
}

/** The HTTP status of an Octokit or Gitbeaker error, if it has one. */
function statusOf(error: unknown): number | undefined {
  const e = error as {
    status?: number;
    cause?: { response?: { status?: number } };
  };
  return e.status ?? e.cause?.response?.status;
}

function explain(error: unknown, repo: HostedRepository): never {
  const status = statusOf(error);
  const where = `${repo.provider === 'github' ? 'GitHub' : 'GitLab'} (${
    repo.host
  }) answered ${status} for ${repo.path}`;
  if (status === 404) {
    throw new NotFoundError(
      `${where}: the repository does not exist, or the integration's token may not manage its webhooks`,
      error,
    );
  }
  if (status === 401 || status === 403) {
    throw new NotAllowedError(
      `${where}: the integration's token may not manage webhooks (GitHub: admin:repo_hook or repository administration; GitLab: Maintainer)`,
      error,
    );
  }
  throw error;
}

async function registerOnGithub(
  integration: GithubIntegration,
  token: string,
  repo: HostedRepository,
  hook: { url: string; secret?: string },
): Promise<Registration> {
  const [owner, name] = repo.path.split('/');
  const octokit = new Octokit({
    baseUrl: integration.config.apiBaseUrl,
    auth: token,
  });
  const hooks = await octokit.paginate('GET /repos/{owner}/{repo}/hooks', {
    owner,
    repo: name,
    per_page: 100,
  });
  const existing = hooks.find(h => h.config.url === hook.url);
  if (existing) return { hookId: String(existing.id), created: false };
  const { data } = await octokit.repos.createWebhook({
    owner,
    repo: name,
    name: 'web',
    active: true,
    events: ['push'],
    config: {
      url: hook.url,
      content_type: 'json',
      insecure_ssl: '0',
      ...(hook.secret ? { secret: hook.secret } : {}),
    },
  });
  return { hookId: String(data.id), created: true };
}

async function registerOnGitlab(
  integration: GitLabIntegration,
  repo: HostedRepository,
  hook: { url: string; secret?: string },
): Promise<Registration> {
  const api = new Gitlab({
    host: integration.config.baseUrl,
    token: integration.config.token ?? '',
  });
  const hooks = await api.ProjectHooks.all(repo.path);
  const existing = hooks.find(h => h.url === hook.url);
  if (existing) return { hookId: String(existing.id), created: false };
  const created = await api.ProjectHooks.add(repo.path, hook.url, {
    pushEvents: true,
    enableSslVerification: true,
    ...(hook.secret ? { token: hook.secret } : {}),
  });
  return { hookId: String(created.id), created: true };
}

/**
 * Throws unless the person may manage the project and the repository is one of its own: the
 * integration's token administers many repositories, the person only their projects'.
 */
async function requireRepositoryOfProject(
  deps: { client: JuanieServiceClient; access: InitiatorAccess },
  where: { org: string; project: string; repo: HostedRepository },
  credentials: BackstageCredentials,
) {
  const { org, project, repo } = where;
  const name = `${org}/${project}`;
  const doing = `Registering a webhook on ${repo.host}/${repo.path}`;
  await deps.access.requireProjectManager(credentials, { org, project }, doing);
  const connected = await callJuanie(
    `Listing the repositories of ${name}`,
    () => deps.client.listRepositories(org, project, { credentials }),
  );
  const key = `${repo.host}/${repo.path}`.toLowerCase();
  if (!connected.some(r => repositoryKey(r.url) === key)) {
    throw new NotAllowedError(
      `${doing} refused: it is not a repository of project ${name} (connect it with juanie:repository:connect first). No webhook was registered`,
    );
  }
}

/**
 * `juanie:webhook:register`: a push webhook from a GitHub or GitLab repository to Backstage's
 * events endpoint (`/api/events/http/github` or `/gitlab`), so Juanie hears of pushes at once.
 * Tokens come from the integrations config; the secret is the events module's own
 * `events.modules.<provider>.webhookSecret`, the one the events backend checks deliveries
 * against (a second secret would make every delivery fail its check). The github and gitlab
 * events modules publish deliveries on `github.push` / `gitlab.push`, where Juanie listens.
 * A hook with the same URL is left alone. The tokens are the scaffolder's, so the person who
 * runs the template must manage the Juanie project the repository is connected to, and the
 * hook may only point at Backstage's own events endpoint (see {@link WebhookTargets}).
 */
export function registerWebhookAction(deps: {
  config: Config;
  discovery: DiscoveryService;
  client: JuanieServiceClient;
  access: InitiatorAccess;
}) {
  const integrations = ScmIntegrations.fromConfig(deps.config);
  const targets = new WebhookTargets(deps.config, deps.discovery);
  const githubCredentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  const secretFor = (provider: Provider) =>
    deps.config.getOptionalString(`events.modules.${provider}.webhookSecret`);

  return createTemplateAction({
    id: 'juanie:webhook:register',
    description:
      "Registers a push webhook from a GitHub or GitLab repository to Backstage's events endpoint (left alone when one with the same URL exists)",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        org: z => z.string({ description: 'Slug of the organisation' }),
        project: z =>
          z.string({
            description:
              'Slug of the project the repository is connected to; the person running the template must be allowed to manage it',
          }),
        repoUrl: z =>
          z.string({
            description:
              'The repository: a RepoUrlPicker value (github.com?owner=acme&repo=checkout) or its https URL',
          }),
        eventsUrl: z =>
          z
            .string({
              description:
                "Where the webhook posts: Backstage's own <backend.baseUrl>/api/events/http/<github|gitlab> (the default) or a URL listed in juanie.scaffolder.allowedWebhookUrls",
            })
            .optional(),
      },
      output: {
        provider: z => z.enum(['github', 'gitlab']),
        eventsUrl: z => z.string(),
        hookId: z => z.string().optional(),
        created: z => z.boolean(),
      },
    },
    async handler(ctx) {
      if (isDryRunPlaceholder(ctx, ctx.input.repoUrl)) {
        ctx.logger.info(
          'Dry run: would register a push webhook on the repository an earlier step creates',
        );
        ctx.output('created', false);
        return;
      }
      const org = parseJuanieInput(slugSchema, ctx.input.org, 'org');
      const project = parseJuanieInput(
        slugSchema,
        ctx.input.project,
        'project',
      );
      const repo = hostedRepository(ctx.input.repoUrl, integrations);
      const eventsUrl = await targets.resolve(
        repo.provider,
        ctx.input.eventsUrl,
      );
      const secret = secretFor(repo.provider);
      ctx.output('provider', repo.provider);
      ctx.output('eventsUrl', eventsUrl);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would register a push webhook on ${repo.host}/${repo.path} towards ${eventsUrl}`,
        );
        ctx.output('created', false);
        return;
      }
      await requireRepositoryOfProject(
        deps,
        { org, project, repo },
        await ctx.getInitiatorCredentials(),
      );
      if (!secret) {
        ctx.logger.warn(
          `No webhook secret configured (events.modules.${repo.provider}.webhookSecret): the events backend only listens on ${eventsUrl} when its module has one`,
        );
      }

      const registration = await ctx.checkpoint({
        key: `juanie-webhook-${repo.host}-${repo.path}-${eventsUrl}`,
        fn: async (): Promise<Registration> => {
          const hook = { url: eventsUrl, secret };
          try {
            if (repo.provider === 'github') {
              const integration = integrations.github.byHost(repo.host)!;
              const { token } = await githubCredentials.getCredentials({
                url: `https://${repo.host}/${repo.path}`,
              });
              if (!token) {
                throw new InputError(
                  `No token for ${repo.host} in integrations.github (a token or a GitHub App is needed)`,
                );
              }
              return await registerOnGithub(integration, token, repo, hook);
            }
            const integration = integrations.gitlab.byHost(repo.host)!;
            if (!integration.config.token) {
              throw new InputError(
                `No token for ${repo.host} in integrations.gitlab`,
              );
            }
            return await registerOnGitlab(integration, repo, hook);
          } catch (error) {
            return explain(error, repo);
          }
        },
      });
      ctx.logger.info(
        registration.created
          ? `Registered push webhook ${registration.hookId} on ${repo.host}/${repo.path} towards ${eventsUrl}`
          : `${repo.host}/${repo.path} already has webhook ${registration.hookId} towards ${eventsUrl}; left it alone`,
      );
      ctx.output('hookId', registration.hookId);
      ctx.output('created', registration.created);
    },
  });
}
