import { CreatePolicyRequest, createPolicySchema, EnvironmentKind, Policy } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { migrationsDirectory } from '../../database/migrateDatabase';
import { OrganizationService } from '../../orgs/OrganizationService';
import { OrganizationStore } from '../../orgs/OrganizationStore';
import { TeamStore } from '../../orgs/TeamStore';
import { EnvironmentService } from '../../projects/EnvironmentService';
import { EnvironmentStore } from '../../projects/EnvironmentStore';
import { ProjectService } from '../../projects/ProjectService';
import { ProjectStore } from '../../projects/ProjectStore';
import { PolicyRuleTypeRegistry } from '../PolicyRuleTypeRegistry';
import { PolicyService } from '../PolicyService';
import { PolicyStore } from '../PolicyStore';

const now = () => new Date();

/** The policies migration, by its file name. */
export const POLICIES_MIGRATION = '20261124_createPolicies.js';

/**
 * Applies the migrations one by one up to and including the policies one, and stops there
 * when `through` is true (else just before it): later migrations of other domains stay out.
 */
export async function migrateToPolicies(knex: Knex, options: { through: boolean }) {
  const config = { directory: migrationsDirectory };
  for (;;) {
    const [, pending] = await knex.migrate.list(config);
    const next: string | undefined = pending[0]?.file ?? pending[0]?.name;
    if (!next || (next === POLICIES_MIGRATION && !options.through)) return;
    await knex.migrate.up(config);
    if (next === POLICIES_MIGRATION) return;
  }
}

/** Writes an organisation row as the organisations domain would. */
export async function insertOrganization(knex: Knex, slug: string) {
  const id = randomUUID();
  await knex('organizations').insert({ id, slug, title: slug, created_by: 'user:default/owner', created_at: now(), updated_at: now() });
  return id;
}

/** Writes a project row as the projects domain would. */
export async function insertProject(knex: Knex, organizationId: string, slug: string) {
  const id = randomUUID();
  await knex('projects').insert({ id, organization_id: organizationId, slug, title: slug, created_at: now(), updated_at: now() });
  return id;
}

/** Writes an environment row as the projects domain would. */
export async function insertEnvironment(knex: Knex, projectId: string, slug: string, kind: EnvironmentKind, order = 0) {
  const id = randomUUID();
  await knex('environments').insert({ id, project_id: projectId, slug, title: slug, kind, order, created_at: now(), updated_at: now() });
  return id;
}

/**
 * Migrates the database and writes organisation `acme` with projects `shop` (environments
 * dev, staging, prod) and `blog` (environment prod), and organisation `globex` with project `shop`.
 */
export async function seedPolicyScopes(knex: Knex) {
  // The services read tables of later migrations too (e.g. environments' GitOps targets).
  await knex.migrate.latest({ directory: migrationsDirectory });
  const acme = await insertOrganization(knex, 'acme');
  const shop = await insertProject(knex, acme, 'shop');
  const blog = await insertProject(knex, acme, 'blog');
  const globex = await insertOrganization(knex, 'globex');
  const globexShop = await insertProject(knex, globex, 'shop');
  return {
    acme,
    shop,
    blog,
    globex,
    globexShop,
    dev: await insertEnvironment(knex, shop, 'dev', 'development', 0),
    staging: await insertEnvironment(knex, shop, 'staging', 'staging', 1),
    prod: await insertEnvironment(knex, shop, 'prod', 'production', 2),
    blogProd: await insertEnvironment(knex, blog, 'prod', 'production', 0),
  };
}

/** The policy service on a database, with the other domains' real services. */
export function createPolicyService(knex: Knex, ruleTypes = new PolicyRuleTypeRegistry()) {
  const orgStore = new OrganizationStore(knex);
  const orgs = new OrganizationService(orgStore);
  const projects = new ProjectService(new ProjectStore(knex), orgStore, new TeamStore(knex));
  const environments: EnvironmentService = new EnvironmentService(new EnvironmentStore(knex), {
    repositoryPurpose: async () => undefined,
    teamExists: async () => false,
    // Policies are not about clusters: every placement is fine here.
    checkPlacement: async () => {},
    // eslint-disable-next-line @typescript-eslint/no-use-before-define -- asked per request, once service exists
    approvalRuleViolations: (org, project, env, trx) => service.approvalRuleViolations(org, project, env, trx),
  });
  const store = new PolicyStore(knex);
  const service: PolicyService = new PolicyService({ store, ruleTypes, orgs, projects, environments });
  return { store, service };
}

/** Creates a policy through the service, as the router would after its checks. */
export async function addPolicy(knex: Knex, service: PolicyService, request: CreatePolicyRequest): Promise<Policy> {
  const input = createPolicySchema.parse(request);
  const target = await service.resolveScope(input.scope);
  return knex.transaction(async trx => (await service.create(trx, 'user:default/maintainer', target, input)).result);
}
