import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CreateEnvironmentRequest,
  createProjectSchema,
  slugSchema,
} from '@juanie/plugin-juanie-common';
import { JuanieServiceClient } from '@juanie/plugin-juanie-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './createProjectAction.examples';
import {
  approverTeams,
  environmentObject,
  toCreateEnvironmentRequest,
} from './environmentInput';
import { InitiatorAccess } from './InitiatorAccess';
import { callJuanie, parseJuanieInput } from './juanieCalls';
import { outputList } from './outputList';
import { adoptableProject } from './projectAdoption';

/**
 * The owning team as a slug: `web-team`, or a catalog group of that name, either the one
 * Juanie's entity provider makes of the team (`group:<org>/web-team`) or a group of the
 * default namespace (`group:default/web-team`, as org data usually names teams). Groups of
 * other namespaces belong to other organisations. Whether the team exists is Juanie's to say.
 */
export function ownerTeamSlug(org: string, owner: string): string {
  const ref = /^group:([^/]+)\/(.+)$/i.exec(owner);
  const namespace = ref?.[1].toLowerCase();
  if (namespace && namespace !== org && namespace !== 'default') {
    throw new InputError(
      `Invalid owner ${owner}: the owner must be a team of organisation ${org}, as a slug (web-team) or as group:${org}/<team>`,
    );
  }
  return parseJuanieInput(
    slugSchema,
    ref ? ref[2].toLowerCase() : owner,
    'owner team',
  );
}

async function checkTeamsExist(
  client: JuanieServiceClient,
  org: string,
  teams: string[],
  credentials: BackstageCredentials,
) {
  for (const team of teams) {
    const found = await callJuanie(`Looking up team ${team} in ${org}`, () =>
      client.getTeam(org, team, { credentials }),
    );
    if (!found) {
      throw new NotFoundError(
        `Team ${team} does not exist in organisation ${org}; nothing was created. Create the team first or fix the owner and approvers`,
      );
    }
  }
}

/**
 * Everything a later create needs, read without writing: the organisation, a free slug (or an
 * unfinished project to complete, see {@link adoptableProject}), the teams.
 */
async function checkProjectCanBeCreated(
  { client, access }: { client: JuanieServiceClient; access: InitiatorAccess },
  where: {
    org: string;
    slug: string;
    teams: string[];
    environments: CreateEnvironmentRequest[];
  },
  credentials: BackstageCredentials,
) {
  const { org } = where;
  const organization = await callJuanie(`Looking up organisation ${org}`, () =>
    client.getOrganization(org, { credentials }),
  );
  if (!organization) {
    throw new NotFoundError(
      `Organisation ${org} does not exist (or you may not see it); nothing was created`,
    );
  }
  const adopted = await adoptableProject(client, where, credentials);
  // A project being completed is the person's own; a new one needs the right to create it.
  if (!adopted) {
    await access.requireProjectCreatorOrManager(
      credentials,
      { org },
      `Creating project ${org}/${where.slug}`,
    );
  }
  await checkTeamsExist(client, org, where.teams, credentials);
  return { adopted: Boolean(adopted) };
}

/**
 * `juanie:project:create`: a Juanie project with its owning team and environments, created
 * through Juanie's API on behalf of the person who runs the template (their permissions and
 * audit trail). Everything that can be checked is checked before the first write, so a bad
 * team or approval rule never leaves half a project behind.
 */
export function createProjectAction(deps: {
  client: JuanieServiceClient;
  access: InitiatorAccess;
}) {
  const { client } = deps;
  return createTemplateAction({
    id: 'juanie:project:create',
    description:
      'Creates a Juanie project, gives its owning team the owner role and creates its environments with their approval rules',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        org: z => z.string({ description: 'Slug of the organisation' }),
        slug: z => z.string({ description: 'Slug of the new project' }),
        title: z =>
          z
            .string({
              description: 'Human name of the project; defaults to the slug',
            })
            .optional(),
        description: z =>
          z.string({ description: 'What the project is' }).optional(),
        owner: z =>
          z
            .string({
              description:
                'Team of the organisation that owns the project (slug or group:<org>/<team>); the person running the template is an owner in any case',
            })
            .optional(),
        checkOnly: z =>
          z
            .boolean({
              description:
                'Only check that the project can be created (organisation, free slug, teams) and create nothing; a template runs this before it publishes anything',
            })
            .optional(),
        environments: z =>
          z
            .array(environmentObject(z), {
              description:
                'Environments in promotion order, each with its approval rule',
            })
            .optional(),
      },
      output: {
        org: z => z.string(),
        project: z => z.string(),
        environments: z => z.array(z.string()),
        adopted: z =>
          z.boolean({
            description:
              'Whether the project existed, unfinished, from an earlier run with the same values, and this run completes it',
          }),
      },
    },
    async handler(ctx) {
      const { org, environments = [] } = ctx.input;
      const project = parseJuanieInput(
        createProjectSchema,
        {
          slug: ctx.input.slug,
          title: ctx.input.title ?? ctx.input.slug,
          description: ctx.input.description,
        },
        'project',
      );
      const owner = ctx.input.owner
        ? ownerTeamSlug(org, ctx.input.owner)
        : undefined;
      const envBodies = environments.map((env, order) =>
        toCreateEnvironmentRequest(env, order),
      );
      const duplicate = envBodies.find(
        (env, i) => envBodies.findIndex(e => e.slug === env.slug) !== i,
      );
      if (duplicate)
        throw new InputError(
          `Invalid environments: ${duplicate.slug} is listed twice`,
        );
      const name = `${org}/${project.slug}`;
      const teams = new Set([
        ...(owner ? [owner] : []),
        ...approverTeams(envBodies),
      ]);
      const output = () => {
        ctx.output('org', org);
        ctx.output('project', project.slug);
        ctx.output(
          'environments',
          outputList(envBodies, e => e.slug),
        );
      };

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create project ${name}${
            owner ? ` owned by team ${owner}` : ''
          } with environments ${
            envBodies.map(e => e.slug).join(', ') || '(none)'
          }`,
        );
        output();
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      if (ctx.input.checkOnly) {
        // Checkpointed: a task that is resumed after creating the project must not fail here.
        const { adopted } = await ctx.checkpoint({
          key: `juanie-project-check-${name}`,
          fn: () =>
            checkProjectCanBeCreated(
              deps,
              {
                org,
                slug: project.slug,
                teams: [...teams],
                environments: envBodies,
              },
              credentials,
            ),
        });
        ctx.logger.info(
          adopted
            ? `Project ${name} exists, unfinished, from an earlier run with these values: this run completes it`
            : `Project ${name} can be created`,
        );
        output();
        ctx.output('adopted', adopted);
        return;
      }
      // Teams are checked before the project exists: a typo must not leave a project behind.
      await checkTeamsExist(client, org, [...teams], credentials);
      // An unfinished project of an earlier run is completed rather than refused; a new run's
      // steps are all idempotent, so running the template again is how a failure is repaired.
      const adopted = await ctx.checkpoint({
        key: `juanie-project-${name}`,
        fn: async () => {
          const existing = await adoptableProject(
            client,
            { org, slug: project.slug, environments: envBodies },
            credentials,
          );
          if (existing) {
            return {
              adopted: true,
              environments: existing.environments.map(env => env.slug),
            };
          }
          await callJuanie(
            `Creating project ${name}`,
            () => client.createProject(org, project, { credentials }),
            {
              409: `The slug ${project.slug} is taken in ${org} (or its quota is reached): choose another name`,
            },
          );
          return { adopted: false, environments: [] as string[] };
        },
      });
      if (owner) {
        await ctx.checkpoint({
          key: `juanie-project-owner-${name}`,
          fn: async () => {
            const teamsOfProject = adopted.adopted
              ? await callJuanie(`Reading the teams of ${name}`, () =>
                  client.listProjectTeams(org, project.slug, { credentials }),
                )
              : [];
            if (
              teamsOfProject.some(t => t.team === owner && t.role === 'owner')
            ) {
              return;
            }
            await callJuanie(`Making team ${owner} owner of ${name}`, () =>
              client.addProjectTeam(
                org,
                project.slug,
                { team: owner, role: 'owner' },
                { credentials },
              ),
            );
          },
        });
      }
      for (const env of envBodies) {
        if (adopted.environments.includes(env.slug)) continue;
        await ctx.checkpoint({
          key: `juanie-environment-${name}-${env.slug}`,
          fn: async () => {
            await callJuanie(
              `Creating environment ${env.slug} of ${name}`,
              () =>
                client.createEnvironment(org, project.slug, env, {
                  credentials,
                }),
            );
          },
        });
      }
      if (adopted.adopted) {
        ctx.logger.info(
          `Completed project ${name} of an earlier run: it had ${
            adopted.environments.join(', ') || 'no environments'
          }, now ${envBodies.map(e => e.slug).join(', ') || 'none'}`,
        );
      }
      ctx.output('adopted', adopted.adopted);
      ctx.logger.info(
        `Created project ${name} with ${envBodies.length} environments`,
      );
      output();
    },
  });
}
