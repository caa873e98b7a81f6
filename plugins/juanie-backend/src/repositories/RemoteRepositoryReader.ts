import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { Gitlab } from '@gitbeaker/rest';
import { RepositoryProvider } from '@juanie/plugin-juanie-common';
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
 * remote (`git ls-remote`), with tokens from Backstage's integrations config.
 */
export class RemoteRepositoryReader {
  private readonly integrations: ScmIntegrations;

  constructor(config: Config) {
    this.integrations = ScmIntegrations.fromConfig(config);
  }

  /** The provider that serves the URL, from the integrations config. */
  providerOf(url: string): RepositoryProvider {
    if (/^https?:\/\//.test(url)) {
      if (this.integrations.github.byUrl(url)) return 'github';
      if (this.integrations.gitlab.byUrl(url)) return 'gitlab';
    }
    return 'git';
  }

  async readHead(provider: RepositoryProvider, url: string): Promise<RemoteHead> {
    switch (provider) {
      case 'github':
        return this.readGitHub(url);
      case 'gitlab':
        return this.readGitLab(url);
      default:
        return this.readGit(url);
    }
  }

  private async readGitHub(url: string): Promise<RemoteHead> {
    const integration = this.integrations.github.byUrl(url);
    if (!integration) throw new Error(`No GitHub integration is configured for ${url}`);
    const [owner, repo] = repositoryPathOf(url).split('/');
    const octokit = new Octokit({
      baseUrl: integration.config.apiBaseUrl,
      auth: integration.config.token,
    });
    const { data } = await octokit.repos.get({ owner, repo });
    const branch = await octokit.repos.getBranch({ owner, repo, branch: data.default_branch });
    return { defaultBranch: data.default_branch, headCommit: branch.data.commit.sha };
  }

  private async readGitLab(url: string): Promise<RemoteHead> {
    const integration = this.integrations.gitlab.byUrl(url);
    if (!integration) throw new Error(`No GitLab integration is configured for ${url}`);
    const api = new Gitlab({
      host: integration.config.baseUrl,
      token: integration.config.token ?? '',
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
    const output = await simpleGit().listRemote(['--symref', url, 'HEAD']);
    const symref = /^ref: refs\/heads\/(\S+)\s+HEAD$/m.exec(output);
    const head = /^([0-9a-f]{40,64})\s+HEAD$/m.exec(output);
    if (!symref || !head) {
      throw new Error(`The remote answered without a HEAD branch (is it empty?)`);
    }
    return { defaultBranch: symref[1], headCommit: head[1] };
  }
}
