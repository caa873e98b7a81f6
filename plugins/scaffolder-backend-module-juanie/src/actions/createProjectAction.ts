import { InputError } from '@backstage/errors';
import {
  createEnvironmentSchema,
  createProjectSchema,
  ENVIRONMENT_KINDS,
} from '@juanie/plugin-juanie-common';
import { JuanieServiceClient } from '@juanie/plugin-juanie-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './createProjectAction.examples';

/**
 * `juanie:project:create`: a Juanie project with its environments, created through Juanie's
 * API on behalf of the person who runs the template (their permissions and audit trail).
 */
export function createProjectAction(client: JuanieServiceClient) {
  return createTemplateAction({
    id: 'juanie:project:create',
    description: 'Creates a Juanie project and its environments in an organisation',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        org: z => z.string({ description: 'Slug of the organisation' }),
        slug: z => z.string({ description: 'Slug of the new project' }),
        title: z => z.string({ description: 'Human name of the project' }),
        description: z => z.string({ description: 'What the project is' }).optional(),
        environments: z =>
          z
            .array(
              z.object({
                slug: z.string(),
                title: z.string(),
                kind: z.enum(ENVIRONMENT_KINDS),
                requiredApprovals: z.number().int().optional(),
                approvers: z.array(z.string()).optional(),
              }),
              { description: 'Environments in promotion order' },
            )
            .optional(),
      },
      output: {
        org: z => z.string(),
        project: z => z.string(),
        environments: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const { org, environments = [] } = ctx.input;
      const project = createProjectSchema.safeParse({
        slug: ctx.input.slug,
        title: ctx.input.title,
        description: ctx.input.description,
      });
      if (!project.success) throw new InputError(`Invalid project: ${project.error.message}`);
      const envBodies = environments.map((env, order) => {
        const parsed = createEnvironmentSchema.safeParse({
          slug: env.slug,
          title: env.title,
          kind: env.kind,
          order,
          approval: {
            requiredApprovals: env.requiredApprovals ?? 0,
            approvers: env.approvers ?? [],
          },
        });
        if (!parsed.success) {
          throw new InputError(`Invalid environment ${env.slug}: ${parsed.error.message}`);
        }
        return parsed.data;
      });
      if (ctx.isDryRun) {
        ctx.logger.info(`Would create project ${org}/${project.data.slug} with ${envBodies.length} environments`);
        ctx.output('org', org);
        ctx.output('project', project.data.slug);
        ctx.output('environments', envBodies.map(e => e.slug));
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      await ctx.checkpoint({
        key: `juanie-project-${org}-${project.data.slug}`,
        fn: async () => {
          await client.createProject(org, project.data, { credentials });
        },
      });
      for (const env of envBodies) {
        await ctx.checkpoint({
          key: `juanie-environment-${org}-${project.data.slug}-${env.slug}`,
          fn: async () => {
            await client.createEnvironment(org, project.data.slug, env, { credentials });
          },
        });
      }
      ctx.logger.info(`Created project ${org}/${project.data.slug}`);
      ctx.output('org', org);
      ctx.output('project', project.data.slug);
      ctx.output('environments', envBodies.map(e => e.slug));
    },
  });
}
