import { LoggerService } from '@backstage/backend-plugin-api';
import { approvalRuleSchema, CreatePolicyRequest } from '@juanie/plugin-juanie-common';
import { JuanieSeedChanges, JuanieSeedContext } from '@juanie/plugin-juanie-node';
import { ensureDemoGitOpsRepository } from './ensureDemoGitOpsRepository';
import { SHOP_ENVIRONMENTS, shopOverlayPath } from './shopGitOpsFiles';

// Seeding acts as carol, acme's owner: the role ceilings see an owner.
const SEED_ACTOR = 'user:default/carol';

/**
 * The local portal's demo: organisation acme (carol owns it), teams web-team and platform-team,
 * project shop with development, staging and production deploying from a local GitOps
 * repository, and acme's image policies. Loaded once, into an empty database, through Juanie's
 * seed surface (`juanieSeedsExtensionPoint`): the same services and audit trail as the API.
 */
export async function seedDemoData(
  juanie: JuanieSeedContext,
  logger: LoggerService,
  /** Where the demo GitOps repository goes (absolute; `juanie.demo.gitopsRepositoryDir`). */
  repositoryDir: string,
) {
  if (!(await juanie.isEmpty())) return;
  // The repository first: should git fail, the database stays empty and the next start retries.
  const gitops = await ensureDemoGitOpsRepository(repositoryDir);
  const changes = juanie.changesAs(SEED_ACTOR);

  await seedOrganization(changes);
  await seedProject(changes);
  await connectGitOpsRepository(changes, gitops.url);
  await seedPolicies(changes);
  logger.info(
    `Loaded the demo organisation acme with project shop (dev, staging, prod), deploying from ` +
      `${gitops.created ? 'a new' : 'the existing'} GitOps repository ${gitops.url}`,
  );
}

async function seedOrganization(changes: JuanieSeedChanges) {
  await changes.createOrganization({
    slug: 'acme',
    title: 'Acme Corp',
    description: 'The demo organisation',
    quota: { maxProjects: 20, maxEnvironmentsPerProject: 6, maxMembers: 50 },
  });
  for (const [user, role] of [['alice', 'member'], ['bob', 'admin'], ['dave', 'member']] as const) {
    await changes.addOrganizationMember('acme', { userRef: `user:default/${user}`, role });
  }
  const teamMembers = {
    'web-team': [['bob', 'lead'], ['alice', 'member']],
    'platform-team': [['carol', 'lead']],
  } as const;
  for (const [slug, members] of Object.entries(teamMembers)) {
    await changes.createTeam('acme', { slug, title: slug === 'web-team' ? 'Web team' : 'Platform team' });
    for (const [user, role] of members) {
      await changes.addTeamMember('acme', slug, { userRef: `user:default/${user}`, role });
    }
  }
}

async function seedProject(changes: JuanieSeedChanges) {
  await changes.createProject('acme', {
    slug: 'shop',
    title: 'Shop',
    description: 'The web shop: storefront and API',
  });
  await changes.addProjectMember('acme', 'shop', { userRef: 'user:default/bob', role: 'maintainer' });
  await changes.addProjectMember('acme', 'shop', { userRef: 'user:default/dave', role: 'viewer' });
  await changes.addProjectTeam('acme', 'shop', 'web-team', 'developer');

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
    await changes.createEnvironment('acme', 'shop', {
      slug: env.slug,
      title: env.title,
      kind: env.kind,
      order,
      cluster: 'local',
      namespace: `shop-${env.slug}`,
      approval: approvalRuleSchema.parse(env.approval),
    });
  }
}

/** Connects the local GitOps repository to shop and points every environment at its overlay. */
async function connectGitOpsRepository(changes: JuanieSeedChanges, url: string) {
  // The repository was created for acme: only acme may connect it (tenancy rule 3).
  const repository = await changes.connectLocalRepository('acme', 'shop', { url, purpose: 'gitops' });
  for (const slug of SHOP_ENVIRONMENTS) {
    const gitops = { repositoryId: repository.id, branch: 'main', path: shopOverlayPath(slug) };
    await changes.updateEnvironment('acme', 'shop', slug, { gitops });
  }
}

/** acme refuses unpinned images everywhere; production also asks for digests. */
async function seedPolicies(changes: JuanieSeedChanges) {
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
  for (const request of requests) await changes.createPolicy(request);
}
