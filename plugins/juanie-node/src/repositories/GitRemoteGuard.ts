import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { RemoteGitError, redactUrl } from './RemoteGitError';
import { IntegrationHosts, RepositoryUrlPolicy } from './RepositoryUrlPolicy';

/**
 * What every command that talks to a git remote goes through: GitClone and RemoteRepositoryReader
 * in the back end, the scaffolder's git actions. Give simple-git `timeout: { block: timeoutMs }`.
 */
export interface RemoteCallGuard {
  /** How long git may go without a sign of life from the remote before it is stopped. */
  readonly timeoutMs: number;
  /** Checks the URL again and returns git config for the call (the resolved address pinned). */
  prepare(url: string): Promise<Record<string, string>>;
  /** The error to show for a failed call: git's own output is logged, never shown. */
  failure(url: string, error: unknown): Error;
}

/** `juanie.git.timeoutSeconds`, default 30. */
export function gitTimeoutSeconds(config: RootConfigService): number {
  return config.getOptionalNumber('juanie.git.timeoutSeconds') ?? 30;
}

/**
 * Calls to git remotes within the repository rules and a time-out: the URL is checked (and its
 * host resolved and pinned) just before each call, git is stopped when the remote stays silent
 * for `juanie.git.timeoutSeconds`, and a failure says what happened without git's output.
 */
export class GitRemoteGuard implements RemoteCallGuard {
  readonly timeoutMs: number;

  constructor(
    private readonly policy: RepositoryUrlPolicy,
    private readonly timeoutSeconds: number,
    private readonly logger: LoggerService,
  ) {
    this.timeoutMs = timeoutSeconds * 1000;
  }

  async prepare(url: string): Promise<Record<string, string>> {
    return {
      ...(await this.policy.beforeRemoteCall(url)),
      // An http remote that sends a trickle of bytes is as stuck as a silent one.
      'http.lowSpeedLimit': '1',
      'http.lowSpeedTime': String(this.timeoutSeconds),
    };
  }

  failure(url: string, error: unknown): Error {
    if (error instanceof RemoteGitError) return error;
    const timedOut = isGitTimeout(error);
    this.logger.warn(
      `git call to ${redactUrl(url)} failed${
        timedOut ? ' (timed out)' : ''
      }: ${error}`,
    );
    return new RemoteGitError(timedOut ? 'timeout' : 'failed', url, undefined, {
      timeoutSeconds: this.timeoutSeconds,
    });
  }
}

/**
 * Whether simple-git stopped git for its `timeout` (a GitPluginError of the timeout plugin;
 * recognised by shape, so this library does not depend on simple-git).
 */
export function isGitTimeout(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { plugin?: unknown }).plugin === 'timeout'
  );
}

/** The guard from config, for code that has no policy at hand (tests, the demo seed, the scaffolder). */
export function gitRemoteGuardFromConfig(
  config: RootConfigService,
  localRoots: string[],
  integrations: IntegrationHosts,
  logger: LoggerService,
) {
  return new GitRemoteGuard(
    RepositoryUrlPolicy.fromConfig(config, localRoots, integrations),
    gitTimeoutSeconds(config),
    logger,
  );
}
