import { LoggerService } from '@backstage/backend-plugin-api';
import { approvalRuleSchema, createPolicySchema, CreatePolicyRequest } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { AuditTarget, CommittedChange } from '../audit/AuditTrail';
import { JuanieServices } from '../service/createJuanie';
import { ensureDemoGitOpsRepository } from './ensureDemoGitOpsRepository';
import { SHOP_ENVIRONMENTS, shopOverlayPath } from './shopGitOpsFiles';

// Seeding acts as carol, acme's owner: the role ceilings see an owner.
const SEED_ACTOR = 'user:default/carol';

/** One audited change, made by the seed's actor. */
type SeedChange = <T>(
  action: string,
  target: AuditTarget,
  change: (trx: Knex.Transaction) => Promise<CommittedChange<T>>,
) => Promise<T>;

/**
 * The local portal's demo: organisation acme (carol owns it), teams web-team and platform-team,
 * project shop with development, staging and production deploying from a local GitOps
 * repository, and acme's image policies. Loaded once, into an empty database, through the same
 * services (and audit trail) as the API.
 */
export async function seedDemoData(
  db: Knex,
  services: JuanieServices,
  logger: LoggerService,
  /** Where the demo GitOps repository goes (absolute; `juanie.demo.gitopsRepositoryDir`). */
  repositoryDir: string,
) {
  const [{ count }] = await db('organizations').count({ count: '*' });
  if (Number(count) > 0) return;
  // The repository first: should git fail, the database stays empty and the next start retries.
  const gitops = await ensureDemoGitOpsRepository(repositoryDir);
  const change: SeedChange = (action, target, body) =>
    services.audit.systemChange(SEED_ACTOR, action, target, body);

  await seedOrganization(services, change);
  await seedProject(services, change);
  await connectGitOpsRepository(services, change, gitops.url);
  await seedPolicies(services, change);
  logger.info(
    `Loaded the demo organisation acme with project shop (dev, staging, prod), deploying from ` +
      `${gitops.created ? 'a new' : 'the existing'} GitOps repository ${gitops.url}`,
  );
}

async function seedOrganization({ orgs, teams }: JuanieServices, change: SeedChange) {
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
      orgs.addMember(trx, createdOrg, { userRef: `user:default/${user}`, role }, 'owner'),
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
}

async function seedProject({ orgs, teams, projects, environments }: JuanieServices, change: SeedChange) {
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
    projects.addMember(trx, project, { userRef: 'user:default/bob', role: 'maintainer' }, 'owner'),
  );
  await change('project.member.add', target, trx =>
    projects.addMember(trx, project, { userRef: 'user:default/dave', role: 'viewer' }, 'owner'),
  );
  const webTeam = await teams.get(org, 'web-team');
  await change('project.team.add', target, trx => projects.addTeam(trx, project, webTeam, 'developer', 'owner'));

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
}

/** Connects the local GitOps repository to shop and points every environment at its overlay. */
async function connectGitOpsRepository(services: JuanieServices, change: SeedChange, url: string) {
  const { orgs, projects, environments, repositories } = services;
  const org = await orgs.get('acme');
  const project = await projects.get(org, 'shop');
  const target = { resourceType: 'repository', org: 'acme', project: 'shop' };
  // The repository was created for acme: only acme may connect it (tenancy rule 3).
  await change('repository.claim', { resourceType: 'repository', org: 'acme' }, trx =>
    repositories.claimLocal(trx, org, url, SEED_ACTOR),
  );
  const connected = await change('repository.connect', target, trx =>
    repositories.connect(trx, project, { url, purpose: 'gitops' }),
  );
  // Read the head as a sync from the portal would, so the repository shows its branch.
  const repository = await repositories.get(project, connected.id);
  const head = await repositories.readRemote(repository);
  await change('repository.sync', { ...target, resourceId: repository.id }, trx =>
    repositories.recordSync(trx, project, repository, head),
  );
  for (const slug of SHOP_ENVIRONMENTS) {
    const env = await environments.get(project, slug);
    const gitops = { repositoryId: repository.id, branch: 'main', path: shopOverlayPath(slug) };
    const envTarget = { ...target, resourceType: 'environment', resourceId: `acme/shop/${slug}` };
    await change('environment.update', envTarget, trx => environments.update(trx, org, project, env, { gitops }));
  }
}

/** acme refuses unpinned images everywhere; production also asks for digests. */
async function seedPolicies({ policies }: JuanieServices, change: SeedChange) {
  const requests: CreatePolicyRequest[] = [
    {
      scope: { org: 'acme' },
      title: 'Images name a version',
      description: 'No image may run as latest or untagged: pin a version tag or a digest.',
      type: 'noLatestTag',
      enforcement: 'enforce',
    },
    {
      scope: { org: 'acme', project: 'shop', environment: 'prod' },
      title: 'Production images are pinned by digest',
      description: 'A digest is exactly the image staging tested; a tag can be pushed again.',
      type: 'requireDigest',
      enforcement: 'warn',
    },
  ];
  for (const request of requests) {
    const input = createPolicySchema.parse(request);
    const target = { resourceType: 'policy', org: input.scope.org, project: input.scope.project ?? null };
    await change('policy.create', target, async trx =>
      policies.create(trx, SEED_ACTOR, await policies.resolveScope(input.scope, trx), input),
    );
  }
}
