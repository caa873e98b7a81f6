import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Project,
  ProjectRole,
  ProjectTeam,
} from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { CommittedChange } from '../audit/AuditTrail';
import { OrganizationRecord, OrganizationStore } from '../orgs/OrganizationStore';
import { TeamRecord, TeamStore } from '../orgs/TeamStore';
import { ProjectPrincipalRole, ProjectRoles, RoleHolder } from './ProjectRoles';
import { assertWithinProjectRoleCeiling } from '../access/roleCeiling';
import { ProjectRecord, ProjectStore } from './ProjectStore';
import { JuanieProjectQuery } from '@juanie/plugin-juanie-node';
import { ListFilter } from '../access/AccessControl';
import { isSlug } from '../shared/validation';

const publicProject = ({ id, organizationId, ...project }: ProjectRecord): Project => project;

/** The 404 of a project that does not exist, or that the caller cannot see. */
export function unknownProject(org: Pick<OrganizationRecord, 'slug'>, slug: string): NotFoundError {
  return new NotFoundError(`Project '${slug}' does not exist in ${org.slug}`);
}

/** Projects, their members and teams: the rules, and who holds which role. */
export class ProjectService {
  private readonly roles: ProjectRoles;

  constructor(
    private readonly store: ProjectStore,
    private readonly orgStore: Pick<OrganizationStore, 'lock' | 'principalRoles'>,
    private readonly teamStore: Pick<TeamStore, 'membersOfTeams' | 'getByIds'>,
  ) {
    this.roles = new ProjectRoles(store, orgStore, teamStore);
  }

  async get(org: OrganizationRecord, slug: string, trx?: Knex): Promise<ProjectRecord> {
    const project = isSlug(slug) ? await this.store.get(org.id, slug, trx) : undefined;
    if (!project) throw unknownProject(org, slug);
    return project;
  }

  /** Projects by organisation and slug, those the permission decision lets through. */
  async list(
    org: OrganizationRecord | undefined,
    filter: ListFilter<JuanieProjectQuery>,
    limit: number,
    after?: { org: string; slug: string },
  ): Promise<ProjectRecord[]> {
    return this.store.list(org?.id, filter, limit, after);
  }

  /** Every principal with a role on the project (see {@link ProjectRoles}). */
  async principalRoles(project: ProjectRecord): Promise<ProjectPrincipalRole[]> {
    return (await this.roles.principalRolesOf([project])).get(project.id)!;
  }

  /** The holder's effective role on the project (see {@link ProjectRoles}): the role ceiling's actor role. */
  async actorRoleOf(project: ProjectRecord, holder: RoleHolder): Promise<ProjectRole | undefined> {
    return (await this.roles.effectiveRolesOf([project], holder)).get(project.id);
  }

  /** The projects with the holder's effective role on each: what every list and page shows. */
  async withRoles(projects: ProjectRecord[], holder: RoleHolder): Promise<Project[]> {
    const roles = await this.roles.effectiveRolesOf(projects, holder);
    return projects.map(project => {
      const myRole = roles.get(project.id);
      return { ...publicProject(project), ...(myRole ? { myRole } : {}) };
    });
  }

  async count(org: OrganizationRecord) {
    return this.store.count(org.id);
  }

  async create(
    trx: Knex.Transaction,
    org: OrganizationRecord,
    creatorRef: string,
    input: { slug: string; title: string; description?: string },
  ): Promise<CommittedChange<Project>> {
    await this.orgStore.lock(trx, org.id);
    if (await this.store.get(org.id, input.slug, trx)) {
      throw new ConflictError(`Project '${input.slug}' already exists in ${org.slug}`);
    }
    const limit = org.quota.maxProjects;
    if (limit !== null && (await this.store.count(org.id, trx)) >= limit) {
      throw new ConflictError(
        `Quota maxProjects of organisation ${org.slug} reached (${limit} projects)`,
      );
    }
    const project = await this.store.create(trx, {
      id: randomUUID(),
      organizationId: org.id,
      slug: input.slug,
      title: input.title,
      description: input.description ?? '',
    });
    await this.store.addMember(trx, project.id, creatorRef, 'owner');
    return {
      result: { ...publicProject(project), myRole: 'owner' },
      resourceId: `${org.slug}/${project.slug}`,
      message: `Created project ${project.slug} in ${org.slug}; ${creatorRef} is its owner`,
      after: publicProject(project),
    };
  }

  async update(
    trx: Knex.Transaction,
    project: ProjectRecord,
    patch: { title?: string; description?: string; archived?: boolean },
  ): Promise<CommittedChange<Project>> {
    let archivedAt: Date | null | undefined;
    if (patch.archived === true) archivedAt = project.archivedAt ? undefined : new Date();
    if (patch.archived === false) archivedAt = null;
    await this.store.update(trx, project.id, { ...patch, archivedAt });
    const updated = publicProject((await this.store.get(project.organizationId, project.slug, trx))!);
    const verbs = { true: 'Archived', false: 'Unarchived', undefined: 'Updated' } as const;
    const verb = verbs[String(patch.archived) as keyof typeof verbs];
    return {
      result: updated,
      resourceId: `${project.org}/${project.slug}`,
      message: `${verb} project ${project.slug} in ${project.org}`,
      before: publicProject(project),
      after: updated,
    };
  }

  async delete(trx: Knex.Transaction, project: ProjectRecord): Promise<CommittedChange<void>> {
    await this.store.softDelete(trx, project.id);
    return {
      result: undefined,
      resourceId: `${project.org}/${project.slug}`,
      message: `Deleted project ${project.slug} in ${project.org}`,
      before: publicProject(project),
    };
  }

  async listMembers(project: ProjectRecord, limit: number, afterRef?: string) {
    return this.store.listMembers(project.id, limit, afterRef);
  }

  async addMember(
    trx: Knex.Transaction,
    project: ProjectRecord,
    member: { userRef: string; role: ProjectRole },
    actorRole: ProjectRole | undefined,
  ): Promise<CommittedChange<{ userRef: string; role: ProjectRole; createdAt: string }>> {
    assertWithinProjectRoleCeiling({ actorRole, to: member.role, subject: member.userRef, scope: `project ${project.org}/${project.slug}` });
    if (await this.store.getMemberRole(project.id, member.userRef, trx)) {
      throw new ConflictError(`${member.userRef} is already a member of ${project.slug}`);
    }
    await this.store.addMember(trx, project.id, member.userRef, member.role);
    return {
      result: { ...member, createdAt: new Date().toISOString() },
      resourceId: `${project.org}/${project.slug}`,
      message: `Added ${member.userRef} to project ${project.slug} as ${member.role}`,
      after: member,
    };
  }

  async setMemberRole(
    trx: Knex.Transaction,
    project: ProjectRecord,
    userRef: string,
    role: ProjectRole,
    actorRole: ProjectRole | undefined,
  ): Promise<CommittedChange<{ userRef: string; role: ProjectRole }>> {
    const current = await this.memberRole(trx, project, userRef);
    assertWithinProjectRoleCeiling({ actorRole, from: current, to: role, subject: userRef, scope: `project ${project.org}/${project.slug}` });
    await this.store.setMemberRole(trx, project.id, userRef, role);
    return {
      result: { userRef, role },
      resourceId: `${project.org}/${project.slug}`,
      message: `Changed ${userRef}'s role in project ${project.slug} from ${current} to ${role}`,
      before: { userRef, role: current },
      after: { userRef, role },
    };
  }

  async removeMember(
    trx: Knex.Transaction,
    project: ProjectRecord,
    userRef: string,
    actorRole: ProjectRole | undefined,
  ): Promise<CommittedChange<void>> {
    const current = await this.memberRole(trx, project, userRef);
    assertWithinProjectRoleCeiling({ actorRole, from: current, subject: userRef, scope: `project ${project.org}/${project.slug}` });
    await this.store.removeMember(trx, project.id, userRef);
    return {
      result: undefined,
      resourceId: `${project.org}/${project.slug}`,
      message: `Removed ${userRef} from project ${project.slug}`,
      before: { userRef, role: current },
    };
  }

  async listTeams(project: ProjectRecord): Promise<ProjectTeam[]> {
    const grants = await this.store.listTeams(project.id);
    const teams = new Map(
      (await this.teamStore.getByIds(grants.map(g => g.teamId))).map(t => [t.id, t]),
    );
    return grants
      .filter(grant => teams.has(grant.teamId))
      .map(({ teamId, role, createdAt }) => ({
        team: teams.get(teamId)!.slug,
        title: teams.get(teamId)!.title,
        role,
        createdAt,
      }))
      .sort((a, b) => a.team.localeCompare(b.team));
  }

  async addTeam(
    trx: Knex.Transaction,
    project: ProjectRecord,
    team: TeamRecord,
    role: ProjectRole,
    actorRole: ProjectRole | undefined,
  ): Promise<CommittedChange<ProjectTeam>> {
    assertWithinProjectRoleCeiling({ actorRole, to: role, subject: `team ${team.slug}`, scope: `project ${project.org}/${project.slug}` });
    if (await this.store.getTeamRole(project.id, team.id, trx)) {
      throw new ConflictError(`Team ${team.slug} already has a role on ${project.slug}`);
    }
    await this.store.addTeam(trx, project.id, team.id, role);
    return {
      result: { team: team.slug, title: team.title, role, createdAt: new Date().toISOString() },
      resourceId: `${project.org}/${project.slug}`,
      message: `Gave team ${team.slug} the role ${role} on project ${project.slug}`,
      after: { team: team.slug, role },
    };
  }

  async setTeamRole(
    trx: Knex.Transaction,
    project: ProjectRecord,
    team: TeamRecord,
    role: ProjectRole,
    actorRole: ProjectRole | undefined,
  ): Promise<CommittedChange<{ team: string; role: ProjectRole }>> {
    const current = await this.teamRole(trx, project, team);
    assertWithinProjectRoleCeiling({ actorRole, from: current, to: role, subject: `team ${team.slug}`, scope: `project ${project.org}/${project.slug}` });
    await this.store.setTeamRole(trx, project.id, team.id, role);
    return {
      result: { team: team.slug, role },
      resourceId: `${project.org}/${project.slug}`,
      message: `Changed team ${team.slug}'s role on project ${project.slug} from ${current} to ${role}`,
      before: { team: team.slug, role: current },
      after: { team: team.slug, role },
    };
  }

  async removeTeam(
    trx: Knex.Transaction,
    project: ProjectRecord,
    team: TeamRecord,
    actorRole: ProjectRole | undefined,
  ): Promise<CommittedChange<void>> {
    const current = await this.teamRole(trx, project, team);
    assertWithinProjectRoleCeiling({ actorRole, from: current, subject: `team ${team.slug}`, scope: `project ${project.org}/${project.slug}` });
    await this.store.removeTeam(trx, project.id, team.id);
    return {
      result: undefined,
      resourceId: `${project.org}/${project.slug}`,
      message: `Removed team ${team.slug} from project ${project.slug}`,
      before: { team: team.slug, role: current },
    };
  }

  private async memberRole(trx: Knex.Transaction, project: ProjectRecord, userRef: string) {
    const role = await this.store.getMemberRole(project.id, userRef, trx);
    if (!role) throw new NotFoundError(`${userRef} is not a member of project ${project.slug}`);
    return role;
  }

  private async teamRole(trx: Knex.Transaction, project: ProjectRecord, team: TeamRecord) {
    const role = await this.store.getTeamRole(project.id, team.id, trx);
    if (!role) throw new NotFoundError(`Team ${team.slug} has no role on project ${project.slug}`);
    return role;
  }
}
