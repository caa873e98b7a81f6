import { InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { gitOpsTargetSchema, Repository } from '@juanie/plugin-juanie-common';
import { JuanieServiceClient } from '@juanie/plugin-juanie-node';
import { examples } from './createEnvironmentAction.examples';
import {
  environmentFields,
  toCreateEnvironmentRequest,
} from './environmentInput';
import { callJuanie, parseJuanieInput } from './juanieCalls';

/**
 * The project's GitOps repository: the one with the given URL, or its only one. Every
 * mismatch is an error that says which repositories there are.
 */
export async function findGitOpsRepository(
  client: JuanieServiceClient,
  where: { org: string; project: string; url?: string },
  credentials: BackstageCredentials,
): Promise<Repository> {
  const name = `${where.org}/${where.project}`;
  const repositories = await callJuanie(
    `Listing the repositories of ${name}`,
    () => client.listRepositories(where.org, where.project, { credentials }),
  );
  const gitops = repositories.filter(r => r.purpose === 'gitops');
  if (where.url) {
    const repo = repositories.find(r => r.url === where.url);
    if (!repo) {
      throw new NotFoundError(
        `${where.url} is not connected to project ${name}; connect it with juanie:repository:connect (purpose gitops) first`,
      );
    }
    if (repo.purpose !== 'gitops') {
      throw new InputError(
        `${where.url} is connected to ${name} as an ${repo.purpose} repository, not a gitops one`,
      );
    }
    return repo;
  }
  if (gitops.length === 1) return gitops[0];
  if (gitops.length === 0) {
    throw new NotFoundError(
      `Project ${name} has no GitOps repository; connect one with juanie:repository:connect (purpose gitops) first`,
    );
  }
  throw new InputError(
    `Project ${name} has several GitOps repositories (${gitops
      .map(r => r.url)
      .join(', ')}); say which one with repositoryUrl`,
  );
}

/**
 * `juanie:environment:create`: one more environment for an existing project, with its approval
 * rule and, optionally, the path of a GitOps repository it deploys from.
 */
export function createEnvironmentAction(client: JuanieServiceClient) {
  return createTemplateAction({
    id: 'juanie:environment:create',
    description:
      'Creates an environment of a Juanie project, with its approval rule and optional GitOps target',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        org: z => z.string({ description: 'Slug of the organisation' }),
        project: z => z.string({ description: 'Slug of the project' }),
        ...environmentFields,
        order: z =>
          z
            .number({
              description: 'Place in the promotion order; last when absent',
            })
            .int()
            .optional(),
        gitops: z =>
          z
            .object(
              {
                path: z.string({
                  description:
                    'Directory in the GitOps repository, e.g. apps/checkout/overlays/qa',
                }),
                branch: z
                  .string({ description: 'Branch Flux follows; default main' })
                  .optional(),
                repositoryUrl: z
                  .string({
                    description:
                      "URL of the project's GitOps repository; needed only when it has several",
                  })
                  .optional(),
              },
              {
                description:
                  'Where the environment deploys from, when its manifests exist already',
              },
            )
            .optional(),
      },
      output: {
        environment: z => z.string(),
        gitopsRepositoryId: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      const { org, project, gitops, order, ...env } = ctx.input;
      const body = toCreateEnvironmentRequest(env, order);
      const target = gitops
        ? parseJuanieInput(
            gitOpsTargetSchema.pick({ branch: true, path: true }),
            { branch: gitops.branch ?? 'main', path: gitops.path },
            'gitops target',
          )
        : undefined;
      const name = `${org}/${project}/${body.slug}`;
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create environment ${name}${
            target ? ` deploying ${target.path} on ${target.branch}` : ''
          }`,
        );
        ctx.output('environment', body.slug);
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      const repository = target
        ? await findGitOpsRepository(
            client,
            { org, project, url: gitops?.repositoryUrl },
            credentials,
          )
        : undefined;
      await ctx.checkpoint({
        key: `juanie-environment-${name}`,
        fn: async () => {
          await callJuanie(`Creating environment ${name}`, () =>
            client.createEnvironment(
              org,
              project,
              {
                ...body,
                ...(target && repository
                  ? { gitops: { ...target, repositoryId: repository.id } }
                  : {}),
              },
              { credentials },
            ),
          );
        },
      });
      ctx.logger.info(`Created environment ${name}`);
      ctx.output('environment', body.slug);
      if (repository) ctx.output('gitopsRepositoryId', repository.id);
    },
  });
}
