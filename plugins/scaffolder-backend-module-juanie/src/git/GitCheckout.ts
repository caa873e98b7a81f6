import { ConflictError, InputError } from '@backstage/errors';
import { isGitTimeout, RemoteCallGuard } from '@juanie/plugin-juanie-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SimpleGit } from 'simple-git';
import {
  GitIdentity,
  isolatedGit,
  redactUrl,
  remoteCallFailure,
  remoteHasBranch,
} from './isolatedGit';

/**
 * One branch of a remote checked out in a throwaway directory, to add files and push them as
 * one commit. The branch may not exist yet (an empty repository); the push never forces, so
 * a branch that moved meanwhile refuses it.
 */
export class GitCheckout {
  private constructor(
    readonly dir: string,
    private readonly git: SimpleGit,
    private readonly url: string,
    private readonly branch: string,
    private readonly guard: RemoteCallGuard,
  ) {}

  /**
   * Fetches the branch's last commit into a new directory under `parentDir`. The guard checks
   * the URL (hosts, addresses, local roots) before git is run, and stops silent remotes.
   */
  static async open(options: {
    parentDir: string;
    url: string;
    branch: string;
    identity: GitIdentity;
    authorization?: string;
    guard: RemoteCallGuard;
  }): Promise<GitCheckout> {
    const { parentDir, url, branch, guard } = options;
    const remoteSettings = await guard.prepare(url);
    await fs.mkdir(parentDir, { recursive: true });
    const dir = await fs.mkdtemp(path.join(parentDir, '.juanie-gitops-'));
    const git = isolatedGit(dir, {
      identity: options.identity,
      authorization: options.authorization,
      remoteSettings,
      timeoutMs: guard.timeoutMs,
    });
    const checkout = new GitCheckout(dir, git, url, branch, guard);
    try {
      await git.raw(['init', '--quiet', `--initial-branch=${branch}`]);
      let hasBranch: boolean;
      try {
        hasBranch = await remoteHasBranch(git, url, branch);
      } catch (error) {
        throw remoteCallFailure(
          guard,
          url,
          error,
          message =>
            new InputError(
              `Cannot read the GitOps repository ${redactUrl(url)}: ${message}`,
            ),
        );
      }
      if (hasBranch) {
        await git
          .raw([
            'fetch',
            '--quiet',
            '--no-tags',
            '--depth=1',
            '--',
            url,
            `+refs/heads/${branch}:refs/remotes/origin/${branch}`,
          ])
          .catch(error => {
            throw isGitTimeout(error) ? guard.failure(url, error) : error;
          });
        await git.raw([
          'checkout',
          '--quiet',
          '-B',
          branch,
          `refs/remotes/origin/${branch}`,
        ]);
      }
      return checkout;
    } catch (error) {
      await checkout.dispose();
      throw error;
    }
  }

  /** Whether a repository path exists on the branch. */
  async exists(repositoryPath: string): Promise<boolean> {
    return fs.stat(path.join(this.dir, repositoryPath)).then(
      () => true,
      () => false,
    );
  }

  /** A file's text, or undefined when it does not exist. */
  async read(repositoryPath: string): Promise<string | undefined> {
    return fs
      .readFile(path.join(this.dir, repositoryPath), 'utf8')
      .catch(() => undefined);
  }

  /** The commit checked out: the branch's last one. */
  async head(): Promise<string> {
    return (await this.git.raw(['rev-parse', 'HEAD'])).trim();
  }

  async write(files: Record<string, string>): Promise<void> {
    for (const [file, text] of Object.entries(files)) {
      const absolute = path.join(this.dir, file);
      await fs.mkdir(path.dirname(absolute), { recursive: true });
      await fs.writeFile(absolute, text);
    }
  }

  /** Commits everything written and pushes it; a refused push is a ConflictError with git's words. */
  async commitAndPush(message: string): Promise<string> {
    await this.git.raw(['add', '--all']);
    await this.git.raw(['commit', '--quiet', '--no-verify', '-m', message]);
    const sha = (await this.git.raw(['rev-parse', 'HEAD'])).trim();
    try {
      await this.git.raw([
        'push',
        '--quiet',
        '--',
        this.url,
        `HEAD:refs/heads/${this.branch}`,
      ]);
    } catch (error) {
      throw remoteCallFailure(
        this.guard,
        this.url,
        error,
        gitSays =>
          new ConflictError(
            `${redactUrl(this.url)} refused the push to ${
              this.branch
            }: ${gitSays}`,
          ),
      );
    }
    return sha;
  }

  async dispose(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}
