import { LoggerService } from '@backstage/backend-plugin-api';
import { approvalRuleSchema } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { JuanieServices } from '../service/createJuanie';

const SEED_ACTOR = 'user:default/carol';

/**
 * The local portal's demo: organisation acme (carol owns it), teams web-team and platform-team,
 * and project shop with development, staging and production. Loaded once, into an empty
 * database, through the same services (and audit trail) as the API.
 */
export async function seedDemoData(db: Knex, services: JuanieServices, logger: LoggerService) {
  const [{ count }] = await db('organizations').count({ count: '*' });
  if (Number(count) > 0) return;
  const { audit, orgs, teams, projects, environments } = services;
  const change = audit.systemChange.bind(audit, SEED_ACTOR);

  await change('organization.create', { resourceType: 'organization', org: 'acme' }, trx =>
    orgs.create(trx, SEED_ACTOR, {
      slug: 'acme',
      title: 'Acme Corp',
      description: 'The demo organisation',
      quota: { maxProjects: 20, maxEnvironmentsPerProject: 6, maxMembers: 50 },
    }),
  );
  const createdOrg = await orgs.get('acme');
  for (const [user, role] of [['alice', 'member'], ['bob', 'admin'], ['dave', 'member']] as const) {
    await change('organization.member.add', { resourceType: 'organization', org: 'acme' }, trx =>
      orgs.addMember(trx, createdOrg, { userRef: `user:default/${user}`, role }),
    );
  }
  const teamMembers = {
    'web-team': [['bob', 'lead'], ['alice', 'member']],
    'platform-team': [['carol', 'lead']],
  } as const;
  for (const [slug, members] of Object.entries(teamMembers)) {
    await change('team.create', { resourceType: 'team', org: 'acme' }, trx =>
      teams.create(trx, createdOrg, { slug, title: slug === 'web-team' ? 'Web team' : 'Platform team' }),
    );
    const team = await teams.get(createdOrg, slug);
    for (const [user, role] of members) {
      await change('team.member.add', { resourceType: 'team', org: 'acme' }, trx =>
        teams.addMember(trx, team, { userRef: `user:default/${user}`, role }),
      );
    }
  }

  // Read again: the organisation's quota and members are what the project checks against.
  const org = await orgs.get('acme');
  await change('project.create', { resourceType: 'project', org: 'acme', project: 'shop' }, trx =>
    projects.create(trx, org, SEED_ACTOR, {
      slug: 'shop',
      title: 'Shop',
      description: 'The web shop: storefront and API',
    }),
  );
  const project = await projects.get(org, 'shop');
  const target = { resourceType: 'project', org: 'acme', project: 'shop' };
  await change('project.member.add', target, trx =>
    projects.addMember(trx, project, { userRef: 'user:default/bob', role: 'maintainer' }),
  );
  await change('project.member.add', target, trx =>
    projects.addMember(trx, project, { userRef: 'user:default/dave', role: 'viewer' }),
  );
  const webTeam = await teams.get(org, 'web-team');
  await change('project.team.add', target, trx => projects.addTeam(trx, project, webTeam, 'developer'));

  const envs = [
    { slug: 'dev', title: 'Development', kind: 'development', approval: {} },
    {
      slug: 'staging',
      title: 'Staging',
      kind: 'staging',
      approval: { requiredApprovals: 1, approvers: ['user:default/bob'] },
    },
    {
      slug: 'prod',
      title: 'Production',
      kind: 'production',
      approval: { requiredApprovals: 2, approvers: ['user:default/bob', 'team:platform-team'] },
    },
  ] as const;
  for (const [order, env] of envs.entries()) {
    await change('environment.create', { ...target, resourceType: 'environment' }, trx =>
      environments.create(trx, org, project, {
        slug: env.slug,
        title: env.title,
        kind: env.kind,
        order,
        cluster: 'local',
        namespace: `shop-${env.slug}`,
        approval: approvalRuleSchema.parse(env.approval),
      }),
    );
  }
  logger.info('Loaded the demo organisation acme with project shop (dev, staging, prod)');
}
