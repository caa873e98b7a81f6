import { isGitTimeout, RemoteCallGuard } from '@juanie/plugin-juanie-node';
import { simpleGit, SimpleGit } from 'simple-git';

/** Who a commit is by. */
export interface GitIdentity {
  name: string;
  email: string;
}

/** How to run git for one operation. */
export interface IsolatedGitOptions {
  /** Author and committer of the commits made. */
  identity?: GitIdentity;
  /** The `Authorization` header value for https remotes. */
  authorization?: string;
  /** Extra environment, e.g. GIT_DIR and GIT_WORK_TREE. */
  env?: Record<string, string>;
  /** Git config for calls to the remote: RemoteCallGuard.prepare's (address pinned, low-speed limit). */
  remoteSettings?: Record<string, string>;
  /** How long git may go without output before it is stopped: RemoteCallGuard.timeoutMs. */
  timeoutMs?: number;
}

function pickDefined(names: string[]): Record<string, string> {
  return Object.fromEntries(
    names
      .filter(n => process.env[n] !== undefined)
      .map(n => [n, process.env[n]!]),
  );
}

/**
 * simple-git in a directory with nothing of the machine's git setup: no system or global
 * config (signing, hooks, credential helpers), no prompts. The `Authorization` header goes in
 * through git's config environment, so it shows neither in a config file nor in the process
 * list.
 */
export function isolatedGit(
  baseDir: string,
  options: IsolatedGitOptions = {},
): SimpleGit {
  const { identity, authorization, env = {}, remoteSettings = {} } = options;
  const gitConfig = Object.entries({
    ...(authorization
      ? { 'http.extraHeader': `Authorization: ${authorization}` }
      : {}),
    ...remoteSettings,
  });
  return simpleGit({
    baseDir,
    timeout: { block: options.timeoutMs ?? 120_000 },
    // Our own GIT_CONFIG_GLOBAL=/dev/null and GIT_CONFIG_COUNT below; simple-git's other guards stay on.
    unsafe: { allowUnsafeConfigPaths: true, allowUnsafeConfigEnvCount: true },
    // simple-git ignores a failing exit code when git printed nothing; every failure counts here.
    errors: (error, result) =>
      error ??
      (result.exitCode === 0
        ? undefined
        : Buffer.from(
            `exit code ${result.exitCode}: ${Buffer.concat([
              ...result.stdOut,
              ...result.stdErr,
            ])}`,
          )),
  }).env({
    ...pickDefined(['PATH', 'HOME', 'TMPDIR', 'SSH_AUTH_SOCK']),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    ...(identity
      ? {
          GIT_AUTHOR_NAME: identity.name,
          GIT_AUTHOR_EMAIL: identity.email,
          GIT_COMMITTER_NAME: identity.name,
          GIT_COMMITTER_EMAIL: identity.email,
        }
      : {}),
    ...(gitConfig.length
      ? {
          GIT_CONFIG_COUNT: String(gitConfig.length),
          ...Object.fromEntries(
            gitConfig.flatMap(([key, value], i) => [
              [`GIT_CONFIG_KEY_${i}`, key],
              [`GIT_CONFIG_VALUE_${i}`, value],
            ]),
          ),
        }
      : {}),
    ...env,
  });
}

/** One definition, shared with the back end (RemoteGitError's messages). */
export { redactUrl } from '@juanie/plugin-juanie-node';

/**
 * A failed call to a remote as the caller should see it: a time-out as the guard words it
 * (504, juanie.git.timeoutSeconds), anything else as `otherwise` makes it.
 */
export function remoteCallFailure(
  guard: RemoteCallGuard,
  url: string,
  error: unknown,
  otherwise: (message: string) => Error,
): Error {
  return isGitTimeout(error)
    ? guard.failure(url, error)
    : otherwise(gitMessage(error));
}

/** Git's own words from a failed command, without simple-git's wrapping. */
export function gitMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^exit code \d+: /, '').trim();
}

/** Whether the remote has the branch (any commit on it). */
export async function remoteHasBranch(
  git: SimpleGit,
  url: string,
  branch: string,
): Promise<boolean> {
  const heads = await git.raw([
    'ls-remote',
    '--heads',
    '--',
    url,
    `refs/heads/${branch}`,
  ]);
  return heads.trim().length > 0;
}
