import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { Gitlab } from '@gitbeaker/rest';
import { RepositoryProvider } from '@juanie/plugin-juanie-common';
import { IntegrationGrants, readIntegrationGrants, RemoteCallGuard } from '@juanie/plugin-juanie-node';
import { Octokit } from '@octokit/rest';
import { simpleGit } from 'simple-git';

/** What a remote says about itself. */
export interface RemoteHead {
  defaultBranch: string;
  headCommit: string;
}

/** Owner/name (GitHub) or group/…/project (GitLab) from an https or ssh URL. */
function repositoryPathOf(url: string): string {
  const path = url.startsWith('git@')
    ? url.slice(url.indexOf(':') + 1)
    : new URL(url).pathname.slice(1);
  return path.replace(/\.git$/, '').replace(/\/+$/, '');
}

/**
 * Reads default branch and head commit from GitHub (Octokit), GitLab (Gitbeaker) or any git
 * remote (`git ls-remote`, through the guard), with tokens from Backstage's integrations
 * config for the organisations granted them (`juanie.integrationGrants`).
 */
export class RemoteRepositoryReader {
  private readonly integrations: ScmIntegrations;
  private readonly grants: IntegrationGrants;

  constructor(
    config: Config,
    private readonly guard: RemoteCallGuard,
  ) {
    this.integrations = ScmIntegrations.fromConfig(config);
    this.grants = readIntegrationGrants(config);
  }

  /** The integration's token, for an organisation granted its host; else none (public access). */
  private tokenFor(url: string, org: string, token: string | undefined) {
    return this.grants.allows(new URL(url).host, org) ? token : undefined;
  }

  /** The provider that serves the URL, from the integrations config. */
  providerOf(url: string): RepositoryProvider {
    if (/^https?:\/\//.test(url)) {
      if (this.integrations.github.byUrl(url)) return 'github';
      if (this.integrations.gitlab.byUrl(url)) return 'gitlab';
    }
    return 'git';
  }

  /** The remote's head, read for organisation `org` (slug). */
  async readHead(provider: RepositoryProvider, url: string, org: string): Promise<RemoteHead> {
    switch (provider) {
      case 'github':
        return this.readGitHub(url, org);
      case 'gitlab':
        return this.readGitLab(url, org);
      default:
        return this.readGit(url);
    }
  }

  private async readGitHub(url: string, org: string): Promise<RemoteHead> {
    const integration = this.integrations.github.byUrl(url);
    if (!integration) throw new Error(`No GitHub integration is configured for ${url}`);
    const [owner, repo] = repositoryPathOf(url).split('/');
    const octokit = new Octokit({
      baseUrl: integration.config.apiBaseUrl,
      auth: this.tokenFor(url, org, integration.config.token),
      request: { signal: AbortSignal.timeout(this.guard.timeoutMs) },
    });
    const { data } = await octokit.repos.get({ owner, repo });
    const branch = await octokit.repos.getBranch({ owner, repo, branch: data.default_branch });
    return { defaultBranch: data.default_branch, headCommit: branch.data.commit.sha };
  }

  private async readGitLab(url: string, org: string): Promise<RemoteHead> {
    const integration = this.integrations.gitlab.byUrl(url);
    if (!integration) throw new Error(`No GitLab integration is configured for ${url}`);
    const api = new Gitlab({
      host: integration.config.baseUrl,
      token: this.tokenFor(url, org, integration.config.token) ?? '',
    });
    const path = repositoryPathOf(url);
    const project = await api.Projects.show(path);
    const branch = await api.Branches.show(path, project.default_branch as string);
    return {
      defaultBranch: project.default_branch as string,
      headCommit: (branch.commit as { id: string }).id,
    };
  }

  private async readGit(url: string): Promise<RemoteHead> {
    const settings = await this.guard.prepare(url);
    const git = simpleGit({
      config: Object.entries(settings).map(([key, value]) => `${key}=${value}`),
      timeout: { block: this.guard.timeoutMs },
      // Only our own GIT_CONFIG_GLOBAL=/dev/null below.
      unsafe: { allowUnsafeConfigPaths: true },
    }).env({
      // The host's git configuration (credential helpers, prompts) has no say here.
      ...(process.env.PATH ? { PATH: process.env.PATH } : {}),
      ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      LC_ALL: 'C',
    });
    let output: string;
    try {
      output = await git.listRemote(['--symref', url, 'HEAD']);
    } catch (error) {
      throw this.guard.failure(url, error);
    }
    const symref = /^ref: refs\/heads\/(\S+)\s+HEAD$/m.exec(output);
    const head = /^([0-9a-f]{40,64})\s+HEAD$/m.exec(output);
    if (!symref || !head) {
      throw new Error(`The remote answered without a HEAD branch (is it empty?)`);
    }
    return { defaultBranch: symref[1], headCommit: head[1] };
  }
}
