import { Config } from '@backstage/config';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  gitOpsTargetSchema,
  repositoryUrlSchema,
  slugSchema,
} from '@juanie/plugin-juanie-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SimpleGit } from 'simple-git';
import { gitAuthorOf } from '../git/gitAuthor';
import { GitAuthorization } from '@juanie/plugin-juanie-node';
import {
  isolatedGit,
  redactUrl,
  remoteCallFailure,
  remoteHasBranch,
} from '../git/isolatedGit';
import { LocalRepositories } from '../git/localRepositories';
import { InitiatorAccess } from './InitiatorAccess';
import { examples } from './publishGitAction.examples';
import { callJuanie, parseJuanieInput } from './juanieCalls';
import {
  isGitTimeout,
  JuanieServiceClient,
  RemoteCallGuard,
} from '@juanie/plugin-juanie-node';

const exists = (p: string) =>
  fs.stat(p).then(
    () => true,
    () => false,
  );

/**
 * The commit an earlier run with the same values published: the first commit of the remote's
 * branch, when its files are exactly those of `tree`. Undefined when the branch has no
 * commits. Any other history is refused: this never rewrites, or adopts, anyone's work.
 */
async function earlierPublication(
  git: SimpleGit,
  guard: RemoteCallGuard,
  url: string,
  branch: string,
  tree: string,
): Promise<string | undefined> {
  let hasBranch: boolean;
  try {
    hasBranch = await remoteHasBranch(git, url, branch);
  } catch (error) {
    throw remoteCallFailure(
      guard,
      url,
      error,
      message => new InputError(`Cannot read ${redactUrl(url)}: ${message}`),
    );
  }
  if (!hasBranch) return undefined;
  await git
    .raw([
      'fetch',
      '--quiet',
      '--no-tags',
      '--',
      url,
      `+refs/heads/${branch}:refs/juanie/published`,
    ])
    .catch(error => {
      throw isGitTimeout(error) ? guard.failure(url, error) : error;
    });
  const roots = (
    await git.raw(['rev-list', '--max-parents=0', 'refs/juanie/published'])
  )
    .split('\n')
    .filter(Boolean);
  const first = roots.length === 1 ? roots[0] : undefined;
  if (
    first &&
    (await git.raw(['rev-parse', `${first}^{tree}`])).trim() === tree
  ) {
    return first;
  }
  throw new ConflictError(
    `${redactUrl(
      url,
    )} already has commits on ${branch}; juanie:publish:git only makes the first commit of an empty repository (or finds the one an earlier run made of the same files, and this branch does not start with it)`,
  );
}

/** Where the repository's files can be browsed: forges show a branch at `<repo>/tree/<branch>`. */
export function contentsUrlOf(remoteUrl: string, branch: string): string {
  if (!/^https?:\/\//.test(remoteUrl)) return remoteUrl;
  return `${remoteUrl
    .replace(/\.git$/, '')
    .replace(/\/+$/, '')}/tree/${encodeURIComponent(branch)}`;
}

/**
 * `juanie:publish:git`: pushes the workspace (or a directory of it) as the first commit of a
 * repository on any git remote, for when GitHub and GitLab are not used. A local bare
 * repository is created when the input allows it (and removed again if the push fails). A
 * remote whose branch has commits already is refused: this never rewrites anyone's history.
 */
export function publishGitAction(deps: {
  config: Config;
  access: InitiatorAccess;
  authorization: GitAuthorization;
  /** Juanie's API, to claim a local repository created for `org` (absent: nothing is claimed). */
  client?: JuanieServiceClient;
  /** Checks `remoteUrl` before git reaches it and stops silent remotes (scaffolderGitGuard). */
  guard: RemoteCallGuard;
}) {
  const localRepositories = LocalRepositories.fromConfig(deps.config);
  return createTemplateAction({
    id: 'juanie:publish:git',
    description:
      'Publishes the workspace as the initial commit of a repository on any git remote (https, ssh, or a local bare repository it can create)',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        org: z =>
          z.string({
            description:
              "Slug of the Juanie organisation the repository is for: the person running the template must be allowed to create projects in it (or to manage project); its integration credentials (juanie.integrationGrants) are used, and a local repository created here is recorded as the organisation's, which alone may then connect it",
          }),
        project: z =>
          z
            .string({
              description:
                'Slug of the existing project the repository is for, when the person may manage it but not create projects',
            })
            .optional(),
        remoteUrl: z =>
          z
            .string({
              description:
                'The remote: https://, ssh://, git@host:path or file:///path/to/repo.git',
            })
            .optional(),
        localPath: z =>
          z
            .string({
              description:
                "A bare repository on the backend's machine instead of remoteUrl; a relative path is read from the first of juanie.scaffolder.localRepositoryRoots (default juanie.dataDir)",
            })
            .optional(),
        createIfMissing: z =>
          z
            .boolean({
              description:
                'Create the local bare repository when it does not exist (default false)',
            })
            .optional(),
        defaultBranch: z =>
          z
            .string({
              description: 'Branch of the initial commit; default main',
            })
            .optional(),
        sourcePath: z =>
          z
            .string({
              description:
                'Directory of the workspace to publish; default the whole workspace',
            })
            .optional(),
        gitCommitMessage: z =>
          z.string({ description: 'Default: Initial commit' }).optional(),
        gitAuthorName: z =>
          z
            .string({ description: 'Default: the person running the template' })
            .optional(),
        gitAuthorEmail: z =>
          z
            .string({ description: 'Default: the person running the template' })
            .optional(),
      },
      output: {
        remoteUrl: z =>
          z.string({ description: 'Clone URL of the repository' }),
        repoContentsUrl: z =>
          z.string({ description: 'Where the published files can be browsed' }),
        commitHash: z =>
          z.string({ description: 'The initial commit' }).optional(),
        defaultBranch: z => z.string(),
        created: z =>
          z.boolean({
            description: 'Whether the action created the (local) repository',
          }),
        reused: z =>
          z
            .boolean({
              description:
                'Whether the branch held exactly these files already, as its first commit (an earlier run of the template), and was left as it was',
            })
            .optional(),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const org = parseJuanieInput(slugSchema, input.org, 'org');
      const project =
        input.project === undefined
          ? undefined
          : parseJuanieInput(slugSchema, input.project, 'project');
      if (Boolean(input.remoteUrl) === Boolean(input.localPath)) {
        throw new InputError('Give exactly one of remoteUrl and localPath');
      }
      const branch = parseJuanieInput(
        gitOpsTargetSchema.shape.branch,
        input.defaultBranch ?? 'main',
        'default branch',
      );
      const remote = input.remoteUrl ?? input.localPath!;
      const local =
        input.localPath || LocalRepositories.isLocalUrl(remote)
          ? localRepositories.resolve(remote)
          : undefined;
      const url = parseJuanieInput(
        repositoryUrlSchema,
        local?.url ?? remote,
        'remoteUrl',
      );
      const shownUrl = redactUrl(url);
      const source = resolveSafeChildPath(
        ctx.workspacePath,
        input.sourcePath ?? '.',
      );
      if (!(await exists(source)) || (await fs.readdir(source)).length === 0) {
        throw new InputError(
          `Nothing to publish: ${
            input.sourcePath ?? 'the workspace'
          } is empty or missing`,
        );
      }
      const outputs = () => {
        ctx.output('remoteUrl', url);
        ctx.output('repoContentsUrl', contentsUrlOf(url, branch));
        ctx.output('defaultBranch', branch);
      };
      // The push uses the integrations' tokens (or this machine's disk), not the person's:
      // only someone who may create a project there (or manage the one named) has it made,
      // and learns whether a local repository exists.
      if (!ctx.isDryRun) {
        await deps.access.requireProjectCreatorOrManager(
          await ctx.getInitiatorCredentials(),
          { org, project },
          `Publishing to ${shownUrl}`,
        );
      }
      // Tenancy rule 3 before git is run (dry runs included): hosts of integrations or
      // juanie.repositories.allowedHosts, no private addresses (server-side request forgery).
      await deps.guard.prepare(url);
      const mustCreate = local !== undefined && !(await exists(local.dir));
      if (mustCreate && !input.createIfMissing) {
        throw new NotFoundError(
          `${
            local!.dir
          } does not exist; set createIfMissing to create it as a bare repository`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would ${
            mustCreate ? `create ${local!.dir} and ` : ''
          }push ${
            input.sourcePath ?? 'the workspace'
          } to ${shownUrl} as the first commit of ${branch}`,
        );
        outputs();
        ctx.output('created', false);
        return;
      }

      const { commitHash, reused } = await ctx.checkpoint({
        key: `juanie-publish-git-${url}-${branch}`,
        fn: async () => {
          const authorization = await deps.authorization(url, org);
          // Checked again for the call: the host is pinned to the address checked now.
          const remoteSettings = await deps.guard.prepare(url);
          const gitDir = await fs.mkdtemp(
            path.join(os.tmpdir(), 'juanie-publish-'),
          );
          const git = isolatedGit(source, {
            identity: gitAuthorOf(ctx, input),
            authorization,
            env: { GIT_DIR: gitDir, GIT_WORK_TREE: source },
            remoteSettings,
            timeoutMs: deps.guard.timeoutMs,
          });
          let created = false;
          try {
            await git.raw(['init', '--quiet', `--initial-branch=${branch}`]);
            if (mustCreate) {
              await fs.mkdir(path.dirname(local!.dir), { recursive: true });
              await isolatedGit(path.dirname(local!.dir)).raw([
                'init',
                '--quiet',
                '--bare',
                `--initial-branch=${branch}`,
                '--',
                local!.dir,
              ]);
              created = true;
            }
            await git.raw(['add', '--all']);
            // A re-run of a template that failed after this step finds its first commit.
            const earlier = created
              ? undefined
              : await earlierPublication(
                  git,
                  deps.guard,
                  url,
                  branch,
                  (await git.raw(['write-tree'])).trim(),
                );
            if (earlier) return { commitHash: earlier, reused: true };
            await git.raw([
              'commit',
              '--quiet',
              '--no-verify',
              '-m',
              input.gitCommitMessage ?? 'Initial commit',
            ]);
            const sha = (await git.raw(['rev-parse', 'HEAD'])).trim();
            try {
              await git.raw([
                'push',
                '--quiet',
                '--',
                url,
                `HEAD:refs/heads/${branch}`,
              ]);
            } catch (error) {
              throw remoteCallFailure(
                deps.guard,
                url,
                error,
                message =>
                  new ConflictError(
                    `${shownUrl} refused the push of ${branch}: ${message}${
                      created
                        ? '. The repository created for it has been removed'
                        : ''
                    }`,
                  ),
              );
            }
            if (created && org && deps.client) {
              // Only this organisation may connect it (tenancy rule 3); should Juanie refuse,
              // the repository created for it is removed below.
              const credentials = await ctx.getInitiatorCredentials();
              await callJuanie(`Recording ${shownUrl} as organisation ${org}'s`, () =>
                deps.client!.claimLocalRepository(org, url, { credentials }),
              );
            }
            return { commitHash: sha, reused: false };
          } catch (error) {
            if (created)
              await fs.rm(local!.dir, { recursive: true, force: true });
            throw error;
          } finally {
            await fs.rm(gitDir, { recursive: true, force: true });
          }
        },
      });
      ctx.logger.info(
        reused
          ? `${shownUrl} holds ${
              input.sourcePath ?? 'the workspace'
            } already, as the first commit of ${branch} (${commitHash}) from an earlier run: reused`
          : `Published ${
              input.sourcePath ?? 'the workspace'
            } to ${shownUrl} (${branch} at ${commitHash})`,
      );
      outputs();
      ctx.output('commitHash', commitHash);
      ctx.output('created', mustCreate);
      ctx.output('reused', reused);
    },
  });
}
