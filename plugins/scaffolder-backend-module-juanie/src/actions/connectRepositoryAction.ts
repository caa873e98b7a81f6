import { ConflictError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  connectRepositorySchema,
  REPOSITORY_PROVIDERS,
  REPOSITORY_PURPOSES,
} from '@juanie/plugin-juanie-common';
import { JuanieServiceClient } from '@juanie/plugin-juanie-node';
import { examples } from './connectRepositoryAction.examples';
import { isDryRunPlaceholder } from './dryRunPlaceholder';
import { callJuanie, parseJuanieInput } from './juanieCalls';

/**
 * `juanie:repository:connect`: connects an app or GitOps repository to a project.
 *
 * Juanie keeps one record per URL, so one repository that holds both the application and its
 * GitOps layout is connected once, as `gitops`; connecting it as `app` afterwards finds that
 * record and reuses it. Connecting a URL again with the purpose it has is a no-op, so a
 * re-run template does not fail here.
 */
export function connectRepositoryAction(client: JuanieServiceClient) {
  return createTemplateAction({
    id: 'juanie:repository:connect',
    description:
      'Connects an app or GitOps repository to a Juanie project (reuses the record when the URL is connected already)',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        org: z => z.string({ description: 'Slug of the organisation' }),
        project: z => z.string({ description: 'Slug of the project' }),
        url: z =>
          z.string({
            description:
              'Clone URL: https://, ssh://, git@host:path or file:/// (publish steps output it as remoteUrl)',
          }),
        purpose: z =>
          z.enum(REPOSITORY_PURPOSES, {
            description:
              'app (the code) or gitops (the manifests environments deploy from)',
          }),
        provider: z =>
          z
            .enum(REPOSITORY_PROVIDERS, {
              description:
                'github, gitlab or git; detected from the URL and the integrations config when absent',
            })
            .optional(),
      },
      output: {
        repositoryId: z => z.string().optional(),
        url: z => z.string(),
        purpose: z => z.enum(REPOSITORY_PURPOSES),
        created: z => z.boolean(),
      },
    },
    async handler(ctx) {
      const { org, project } = ctx.input;
      if (isDryRunPlaceholder(ctx, ctx.input.url)) {
        ctx.logger.info(
          `Dry run: would connect the repository an earlier step creates to ${org}/${project} as its ${ctx.input.purpose} repository`,
        );
        ctx.output('url', ctx.input.url);
        ctx.output('purpose', ctx.input.purpose);
        ctx.output('created', false);
        return;
      }
      const body = parseJuanieInput(
        connectRepositorySchema,
        {
          url: ctx.input.url,
          purpose: ctx.input.purpose,
          provider: ctx.input.provider,
        },
        'repository',
      );
      const name = `${org}/${project}`;
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would connect ${body.url} to ${name} as its ${body.purpose} repository`,
        );
        ctx.output('url', body.url);
        ctx.output('purpose', body.purpose);
        ctx.output('created', false);
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      const connected = await ctx.checkpoint({
        key: `juanie-repository-${name}-${body.purpose}-${body.url}`,
        fn: async () => {
          const existing = (
            await callJuanie(`Listing the repositories of ${name}`, () =>
              client.listRepositories(org, project, { credentials }),
            )
          ).find(repo => repo.url === body.url);
          if (
            existing &&
            (existing.purpose === body.purpose || existing.purpose === 'gitops')
          ) {
            return {
              id: existing.id,
              purpose: existing.purpose,
              created: false,
            };
          }
          if (existing) {
            throw new ConflictError(
              `${body.url} is connected to ${name} as an app repository; Juanie keeps one record per URL, so a repository that also holds the GitOps layout must be connected as gitops first (before the app connection), or use another repository for GitOps`,
            );
          }
          const repo = await callJuanie(
            `Connecting ${body.url} to ${name}`,
            () => client.connectRepository(org, project, body, { credentials }),
          );
          return { id: repo.id, purpose: repo.purpose, created: true };
        },
      });
      ctx.logger.info(
        connected.created
          ? `Connected ${body.url} to ${name} as its ${connected.purpose} repository`
          : `${body.url} was connected to ${name} already (as ${connected.purpose}); kept that record`,
      );
      ctx.output('repositoryId', connected.id);
      ctx.output('url', body.url);
      ctx.output('purpose', connected.purpose);
      ctx.output('created', connected.created);
    },
  });
}
