import { createPolicySchema, updateEnvironmentSchema } from '@juanie/plugin-juanie-common';
import { JuanieSeedChanges, JuanieSeedContext } from '@juanie/plugin-juanie-node';
import { Knex } from 'knex';
import type { JuanieServices } from './createJuanie';

/**
 * What seeds from other modules (`juanieSeedsExtensionPoint`) get: the domain services behind
 * a small surface of their own, each change audited as Juanie's (`AuditTrail.systemChange`)
 * with the same action and target as the API's, and the actor's role ceilings an owner's.
 */
export function createSeedContext(db: Knex, services: JuanieServices): JuanieSeedContext {
  return {
    async isEmpty() {
      const [{ count }] = await db('organizations').count({ count: '*' });
      return Number(count) === 0;
    },
    changesAs: actor => seedChangesAs(actor, services),
  };
}

function seedChangesAs(actor: string, services: JuanieServices): JuanieSeedChanges {
  const { audit, orgs, teams, projects, environments, repositories, policies } = services;
  const projectOf = async (org: string, project: string) => {
    const record = await orgs.get(org);
    return { org: record, project: await projects.get(record, project) };
  };
  const projectTarget = (org: string, project: string) => ({ resourceType: 'project', org, project });

  return {
    async createOrganization(request) {
      await audit.systemChange(actor, 'organization.create', { resourceType: 'organization', org: request.slug }, trx =>
        orgs.create(trx, actor, request),
      );
    },
    async addOrganizationMember(org, member) {
      const record = await orgs.get(org);
      await audit.systemChange(actor, 'organization.member.add', { resourceType: 'organization', org }, trx =>
        orgs.addMember(trx, record, member, 'owner'),
      );
    },
    async createTeam(org, request) {
      const record = await orgs.get(org);
      await audit.systemChange(actor, 'team.create', { resourceType: 'team', org }, trx =>
        teams.create(trx, record, request),
      );
    },
    async addTeamMember(org, team, member) {
      const record = await teams.get(await orgs.get(org), team);
      await audit.systemChange(actor, 'team.member.add', { resourceType: 'team', org }, trx =>
        teams.addMember(trx, record, member),
      );
    },
    async createProject(org, request) {
      const record = await orgs.get(org);
      await audit.systemChange(actor, 'project.create', projectTarget(org, request.slug), trx =>
        projects.create(trx, record, actor, request),
      );
    },
    async addProjectMember(org, project, member) {
      const records = await projectOf(org, project);
      await audit.systemChange(actor, 'project.member.add', projectTarget(org, project), trx =>
        projects.addMember(trx, records.project, member, 'owner'),
      );
    },
    async addProjectTeam(org, project, team, role) {
      const records = await projectOf(org, project);
      const teamRecord = await teams.get(records.org, team);
      await audit.systemChange(actor, 'project.team.add', projectTarget(org, project), trx =>
        projects.addTeam(trx, records.project, teamRecord, role, 'owner'),
      );
    },
    async createEnvironment(org, project, request) {
      const records = await projectOf(org, project);
      const target = { ...projectTarget(org, project), resourceType: 'environment' };
      await audit.systemChange(actor, 'environment.create', target, trx =>
        environments.create(trx, records.org, records.project, request),
      );
    },
    async updateEnvironment(org, project, env, patch) {
      const records = await projectOf(org, project);
      const record = await environments.get(records.project, env);
      const target = { ...projectTarget(org, project), resourceType: 'environment', resourceId: `${org}/${project}/${env}` };
      await audit.systemChange(actor, 'environment.update', target, trx =>
        environments.update(trx, records.org, records.project, record, updateEnvironmentSchema.parse(patch)),
      );
    },
    async connectLocalRepository(org, project, { url, purpose }) {
      const records = await projectOf(org, project);
      const target = { resourceType: 'repository', org, project };
      // A local repository is connected only by the organisation it was claimed for (tenancy rule 3).
      await audit.systemChange(actor, 'repository.claim', { resourceType: 'repository', org }, trx =>
        repositories.claimLocal(trx, records.org, url, actor),
      );
      const connected = await audit.systemChange(actor, 'repository.connect', target, trx =>
        repositories.connect(trx, records.project, { url, purpose }),
      );
      // Read the head as a sync from the portal would, so the repository shows its branch.
      const repository = await repositories.get(records.project, connected.id);
      const head = await repositories.readRemote(repository);
      await audit.systemChange(actor, 'repository.sync', { ...target, resourceId: repository.id }, trx =>
        repositories.recordSync(trx, records.project, repository, head),
      );
      return { id: repository.id };
    },
    async createPolicy(request) {
      const input = createPolicySchema.parse(request);
      const target = { resourceType: 'policy', org: input.scope.org, project: input.scope.project ?? null };
      await audit.systemChange(actor, 'policy.create', target, async trx =>
        policies.create(trx, actor, await policies.resolveScope(input.scope, trx), input),
      );
    },
  };
}
