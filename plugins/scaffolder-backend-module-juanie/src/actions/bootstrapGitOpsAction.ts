import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Environment,
  GitOpsTarget,
  gitOpsTargetSchema,
  slugSchema,
} from '@juanie/plugin-juanie-common';
import {
  JuanieServiceClient,
  RemoteCallGuard,
} from '@juanie/plugin-juanie-node';
import { GitAuthorization } from '@juanie/plugin-juanie-node';
import { gitAuthorOf } from '../git/gitAuthor';
import { GitCheckout } from '../git/GitCheckout';
import { redactUrl } from '../git/isolatedGit';
import {
  baseFiles,
  environmentFiles,
  layoutEnvironmentOf,
  LayoutOptions,
  overlayPath,
  parseImageReference,
} from '../gitops/GitOpsLayout';
import { pushLayout } from '../gitops/pushLayout';
import { examples } from './bootstrapGitOpsAction.examples';
import { findGitOpsRepository } from './createEnvironmentAction';
import { InitiatorAccess } from './InitiatorAccess';
import { callJuanie, parseJuanieInput } from './juanieCalls';
import { outputList } from './outputList';

/** The project's environments that the layout is for, refusing any that deploy from somewhere already. */
async function environmentsToSetUp(
  client: JuanieServiceClient,
  where: { org: string; project: string; slugs?: string[] },
  credentials: BackstageCredentials,
): Promise<{ all: Environment[]; chosen: Environment[] }> {
  const name = `${where.org}/${where.project}`;
  const all = await callJuanie(`Reading the environments of ${name}`, () =>
    client.listEnvironments(where.org, where.project, { credentials }),
  );
  const missing = (where.slugs ?? []).filter(
    slug => !all.some(env => env.slug === slug),
  );
  if (missing.length) {
    throw new NotFoundError(
      `Project ${name} has no environment ${missing.join(', ')}`,
    );
  }
  const chosen = where.slugs
    ? all.filter(env => where.slugs!.includes(env.slug))
    : all;
  if (chosen.length === 0) {
    throw new InputError(
      `Project ${name} has no environments to set up; create them first`,
    );
  }
  return { all, chosen };
}

const isSameTarget = (a: GitOpsTarget, b: GitOpsTarget) =>
  a.repositoryId === b.repositoryId &&
  a.branch === b.branch &&
  a.path === b.path;

/**
 * Refuses environments that deploy from somewhere else. One that deploys from the very overlay
 * this step would point it at was set up by an earlier run of the same template, which this
 * run completes.
 */
function refuseOtherTargets(
  envs: Environment[],
  target: (env: Environment) => GitOpsTarget,
) {
  const elsewhere = envs.filter(
    env => env.gitops && !isSameTarget(env.gitops, target(env)),
  );
  if (elsewhere.length) {
    throw new ConflictError(
      `${elsewhere
        .map(env => `${env.slug} deploys from ${env.gitops!.path} already`)
        .join(
          '; ',
        )}: juanie:gitops:bootstrap only sets up environments without a GitOps target`,
    );
  }
}

/**
 * `juanie:gitops:bootstrap`: writes the project's GitOps layout (a Kustomize base, an overlay
 * per environment, the Flux GitRepository and Kustomization of each environment), commits and
 * pushes it to the project's GitOps repository, and only then points each environment at its
 * overlay through Juanie's API. A push that fails leaves every environment without a target,
 * never pointing at a layout that does not exist.
 */
export function bootstrapGitOpsAction(deps: {
  client: JuanieServiceClient;
  access: InitiatorAccess;
  authorization: GitAuthorization;
  /** Checks the repository's URL before git reaches it and stops silent remotes (scaffolderGitGuard). */
  guard: RemoteCallGuard;
}) {
  const { client } = deps;
  return createTemplateAction({
    id: 'juanie:gitops:bootstrap',
    description:
      "Writes a project's GitOps layout (Kustomize base, overlays, Flux objects), pushes it to its GitOps repository and sets each environment's GitOps target",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        org: z => z.string({ description: 'Slug of the organisation' }),
        project: z => z.string({ description: 'Slug of the project' }),
        image: z =>
          z
            .string({
              description:
                'Initial container image with tag or digest, e.g. ghcr.io/acme/checkout:0.1.0 (with overlaysOnly, default: the base image)',
            })
            .optional(),
        containerPort: z =>
          z
            .number({
              description: 'Port the container listens on; default 8080',
            })
            .int()
            .optional(),
        environments: z =>
          z
            .array(z.string(), {
              description:
                "Slugs of the environments to set up; default all of the project's",
            })
            .optional(),
        repositoryUrl: z =>
          z
            .string({
              description:
                "URL of the project's GitOps repository; needed only when it has several",
            })
            .optional(),
        branch: z =>
          z
            .string({
              description:
                "Branch Flux follows; default the branch the project's other environments deploy from, else main",
            })
            .optional(),
        overlaysOnly: z =>
          z
            .boolean({
              description:
                'Add only the overlays and Flux objects of the given environments to a layout bootstrapped before (for environments created later)',
            })
            .optional(),
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
        commitHash: z => z.string().optional(),
        repositoryUrl: z => z.string().optional(),
        environments: z => z.array(z.string()),
        files: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const org = parseJuanieInput(slugSchema, input.org, 'org');
      const project = parseJuanieInput(slugSchema, input.project, 'project');
      const slugs = input.environments?.map(slug =>
        parseJuanieInput(slugSchema, slug, 'environment'),
      );
      const givenBranch =
        input.branch === undefined
          ? undefined
          : parseJuanieInput(
              gitOpsTargetSchema.shape.branch,
              input.branch,
              'branch',
            );
      const containerPort = input.containerPort ?? 8080;
      if (containerPort < 1 || containerPort > 65535) {
        throw new InputError(
          `Invalid containerPort ${containerPort}: must be between 1 and 65535`,
        );
      }
      if (!input.image && !input.overlaysOnly) {
        throw new InputError(
          'Invalid input: image is required to bootstrap a project (e.g. ghcr.io/acme/checkout:0.1.0)',
        );
      }
      const givenImage = input.image
        ? parseImageReference(input.image)
        : undefined;
      const name = `${org}/${project}`;

      if (ctx.isDryRun) {
        const branch = givenBranch ?? 'main';
        const preview = (slugs ?? ['<env>']).map(slug =>
          layoutEnvironmentOf(org, project, {
            slug,
            title: slug,
            kind: 'environment',
            cluster: null,
            namespace: null,
          }),
        );
        const options: LayoutOptions = {
          org,
          project,
          branch,
          containerPort,
          image: givenImage ?? { name: '<base image>', tag: '<tag>' },
          repositoryUrl:
            input.repositoryUrl ?? "<the project's GitOps repository>",
        };
        const files = Object.keys(
          Object.assign(
            input.overlaysOnly ? {} : baseFiles(options),
            ...preview.map(env => environmentFiles(options, env)),
          ),
        );
        ctx.logger.info(
          `Dry run: would push ${files.join(', ')} to ${branch} and point ${
            slugs?.join(', ') ?? 'every environment'
          } of ${name} at its overlay`,
        );
        ctx.output('environments', outputList(slugs ?? []));
        ctx.output('files', outputList(files));
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      // The push uses the integrations' tokens, not the person's: Juanie's rule for changing
      // the project decides whether they may have it made.
      await deps.access.requireProjectManager(
        credentials,
        { org, project },
        `Pushing the GitOps layout of ${name}`,
      );
      // Reads only, before anything is written: a wrong environment or repository stops here.
      const { all, chosen: envs } = await environmentsToSetUp(
        client,
        { org, project, slugs },
        credentials,
      );
      const repository = await findGitOpsRepository(
        client,
        { org, project, url: input.repositoryUrl },
        credentials,
      );
      // New environments follow the branch the project's others deploy from.
      const branch =
        givenBranch ??
        all.find(env => env.gitops?.repositoryId === repository.id)?.gitops
          ?.branch ??
        'main';
      const targetOf = (env: Environment): GitOpsTarget => ({
        repositoryId: repository.id,
        branch,
        path: overlayPath(project, env.slug),
      });
      refuseOtherTargets(envs, targetOf);
      const layoutEnvs = envs.map(env =>
        layoutEnvironmentOf(org, project, env),
      );

      const pushed = await ctx.checkpoint({
        key: `juanie-gitops-bootstrap-${name}-${envs
          .map(env => env.slug)
          .join(',')}`,
        fn: async () => {
          const checkout = await GitCheckout.open({
            parentDir: ctx.workspacePath,
            url: repository.url,
            branch,
            identity: gitAuthorOf(ctx, input),
            authorization: await deps.authorization(repository.url, org),
            guard: deps.guard,
          });
          try {
            return await pushLayout(checkout, {
              layout: {
                org,
                project,
                image: givenImage,
                containerPort,
                repositoryUrl: repository.url,
                branch,
              },
              environments: layoutEnvs,
              overlaysOnly: Boolean(input.overlaysOnly),
            });
          } catch (error) {
            // Whatever stopped the push, Juanie has not been touched yet: say so.
            if (error instanceof Error) {
              error.message = `${error.message}. No environment of ${name} was pointed at the layout: Juanie is unchanged`;
            }
            throw error;
          } finally {
            await checkout.dispose();
          }
        },
      });
      ctx.logger.info(
        pushed.reused
          ? `The GitOps layout of ${name} is on ${redactUrl(
              repository.url,
            )} already (${branch} at ${
              pushed.commitHash
            }, from an earlier run): nothing pushed`
          : `Pushed the GitOps layout of ${name} to ${redactUrl(
              repository.url,
            )} (${branch} at ${pushed.commitHash})`,
      );

      // Only now that the layout exists do the environments point at it.
      for (const [i, env] of envs.entries()) {
        const target = targetOf(env);
        const namespace =
          env.namespace === null ? { namespace: layoutEnvs[i].namespace } : {};
        if (env.gitops) {
          ctx.logger.info(
            `${env.slug} deploys from ${target.path} already (an earlier run)`,
          );
        } else {
          await ctx.checkpoint({
            key: `juanie-gitops-target-${name}-${env.slug}`,
            fn: async () => {
              await callJuanie(
                `Pointing environment ${env.slug} of ${name} at ${target.path}`,
                () =>
                  client.updateEnvironment(
                    org,
                    project,
                    env.slug,
                    { gitops: target, ...namespace },
                    { credentials },
                  ),
              );
            },
          });
        }
        // Where Juanie manages the cluster (the local simulated one, or any configured with
        // credentials), it applies the Flux objects now; elsewhere Flux reads them from
        // clusters/ in the repository, so a refusal here is only worth a line in the log.
        await client
          .applyFluxObjects(org, project, env.slug, { credentials })
          .then(
            () =>
              ctx.logger.info(
                `Applied the Flux objects of ${env.slug} in its cluster`,
              ),
            (error: Error) =>
              ctx.logger.warn(
                `Flux objects of ${env.slug} not applied by Juanie: ${error.message}`,
              ),
          );
      }
      ctx.output('commitHash', pushed.commitHash);
      ctx.output('repositoryUrl', repository.url);
      ctx.output(
        'environments',
        outputList(envs, env => env.slug),
      );
      ctx.output('files', outputList(pushed.files));
    },
  });
}
