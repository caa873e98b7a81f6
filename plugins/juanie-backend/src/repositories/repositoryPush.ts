import { z } from 'zod';

/**
 * The topics Backstage's events modules publish pushes on: the github and gitlab modules check
 * the webhook's signature (or token) at `/api/events/http/github|gitlab`, publish the body on
 * `github` / `gitlab`, and their event routers republish it on `<topic>.<event>` (GitHub's
 * `x-github-event` header, GitLab's `object_kind`).
 */
export const GITHUB_PUSH_TOPIC = 'github.push';
export const GITLAB_PUSH_TOPIC = 'gitlab.push';

/** A push to a branch, as Juanie needs it from either provider. */
export interface RepositoryPush {
  provider: 'github' | 'gitlab';
  /** Every URL the payload gives for the repository (clone, web, ssh). */
  urls: string[];
  branch: string;
  /** The commit the branch points at after the push. */
  commit: string;
  /** The repository's default branch, when the payload says. */
  defaultBranch?: string;
  /** Who pushed, as the provider names them. */
  pusher?: string;
}

const sha = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/);
const NO_COMMIT = /^0+$/;
const BRANCH_REF = /^refs\/heads\/(.+)$/;

// The fields Juanie reads, as GitHub documents its `push` webhook payload.
const githubPushSchema = z.object({
  ref: z.string(),
  after: z.string(),
  deleted: z.boolean().optional(),
  repository: z.object({
    clone_url: z.string().optional(),
    html_url: z.string().optional(),
    ssh_url: z.string().optional(),
    default_branch: z.string().optional(),
  }),
  pusher: z.object({ name: z.string().optional() }).optional(),
  sender: z.object({ login: z.string().optional() }).optional(),
});

// The fields Juanie reads, as GitLab documents its push event payload.
const gitlabPushSchema = z.object({
  object_kind: z.literal('push').optional(),
  ref: z.string(),
  after: z.string().optional(),
  checkout_sha: z.string().nullable().optional(),
  user_username: z.string().optional(),
  project: z.object({
    git_http_url: z.string().optional(),
    git_ssh_url: z.string().optional(),
    web_url: z.string().optional(),
    default_branch: z.string().optional(),
  }),
});

/**
 * A push from a GitHub or GitLab payload; undefined for what is not a push to a branch that
 * now has a commit (tags, deleted branches, other payloads).
 */
export function parseRepositoryPush(provider: RepositoryPush['provider'], payload: unknown): RepositoryPush | undefined {
  const push =
    provider === 'github' ? fromGithub(githubPushSchema.safeParse(payload).data) : fromGitlab(gitlabPushSchema.safeParse(payload).data);
  if (!push) return undefined;
  const branch = BRANCH_REF.exec(push.ref)?.[1];
  if (!branch || !push.commit || NO_COMMIT.test(push.commit) || !sha.safeParse(push.commit).success) return undefined;
  const urls = push.urls.filter((url): url is string => Boolean(url));
  if (urls.length === 0) return undefined;
  return { provider, urls, branch, commit: push.commit, defaultBranch: push.defaultBranch, pusher: push.pusher };
}

function fromGithub(payload?: z.infer<typeof githubPushSchema>) {
  if (!payload || payload.deleted) return undefined;
  const { repository } = payload;
  return {
    ref: payload.ref,
    commit: payload.after,
    urls: [repository.clone_url, repository.html_url, repository.ssh_url],
    defaultBranch: repository.default_branch,
    pusher: payload.pusher?.name ?? payload.sender?.login,
  };
}

function fromGitlab(payload?: z.infer<typeof gitlabPushSchema>) {
  if (!payload) return undefined;
  const { project } = payload;
  return {
    ref: payload.ref,
    // GitLab leaves checkout_sha null when the push deleted the branch.
    commit: payload.checkout_sha ?? undefined,
    urls: [project.git_http_url, project.web_url, project.git_ssh_url],
    defaultBranch: project.default_branch,
    pusher: payload.user_username,
  };
}

/**
 * The host and path that name a repository whatever URL form spells it: `https://host/a/b.git`,
 * `https://host/a/b`, `ssh://git@host/a/b.git` and `git@host:a/b.git` are all `host/a/b`.
 * Hosts are case-insensitive; paths are compared as GitHub and GitLab do, ignoring case.
 */
export function repositoryKeyOf(url: string): string | undefined {
  const scp = /^[\w.-]+@([^:/]+):(?!\/)(.+)$/.exec(url.trim());
  let host: string;
  let pathname: string;
  if (scp) {
    [, host, pathname] = scp;
  } else {
    try {
      const parsed = new URL(url.trim());
      if (parsed.protocol === 'file:') return undefined;
      // ssh URLs may name the port (ssh://git@host:22/...) where https URLs of the same repository do not.
      host = parsed.protocol === 'ssh:' ? parsed.hostname : parsed.host;
      pathname = parsed.pathname;
    } catch {
      return undefined;
    }
  }
  const path = pathname.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '');
  return path ? `${host}/${path}`.toLowerCase() : undefined;
}
