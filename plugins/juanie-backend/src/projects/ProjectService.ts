import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Project,
  PROJECT_ROLES,
  ProjectRole,
  ProjectTeam,
} from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { CommittedChange } from '../audit/AuditTrail';
import { OrganizationRecord, OrganizationStore } from '../orgs/OrganizationStore';
import { TeamRecord, TeamStore } from '../orgs/TeamStore';
import { ProjectPrincipalRole, ProjectRoles, RoleHolder } from './ProjectRoles';
import { Memberships } from '../memberships/Memberships';
import { UserMemberships } from '../memberships/UserMemberships';
import { ProjectRecord, ProjectStore } from './ProjectStore';
import { JuanieProjectQuery } from '@juanie/plugin-juanie-node';
import { ListFilter } from '../access/AccessControl';
import { isSlug } from '../shared/validation';

const publicProject = ({ id, organizationId, ...project }: ProjectRecord): Project => project;

/** The 404 of a project that does not exist, or that the caller cannot see. */
export function unknownProject(org: Pick<OrganizationRecord, 'slug'>, slug: string): NotFoundError {
  return new NotFoundError(`Project '${slug}' does not exist in ${org.slug}`);
}

/** Projects, their members and teams (see {@link Memberships}): the rules, and who holds which role. */
export class ProjectService {
  private readonly roles: ProjectRoles;
  private readonly members: UserMemberships<ProjectRole, ProjectRecord>;
  private readonly teamGrants: Memberships<ProjectRole, ProjectRecord, TeamRecord, { team: string; role: ProjectRole }>;

  constructor(
    private readonly store: ProjectStore,
    private readonly orgStore: Pick<OrganizationStore, 'lock' | 'principalRoles'>,
    private readonly teamStore: Pick<TeamStore, 'membersOfTeams' | 'getByIds'>,
  ) {
    this.roles = new ProjectRoles(store, orgStore, teamStore);
    // The actor's role for the ceiling is their effective project role (actorRoleOf), so an
    // organisation owner or admin counts as project owner.
    const ceilingScope = (project: ProjectRecord) => `project ${project.org}/${project.slug}`;
    const resourceId = (project: ProjectRecord) => `${project.org}/${project.slug}`;
    this.members = new UserMemberships({
      store: store.members,
      scopeId: project => project.id,
      resourceId,
      ceiling: { ladder: PROJECT_ROLES, scope: ceilingScope },
      messages: {
        exists: (project, userRef) => `${userRef} is already a member of ${project.slug}`,
        missing: (project, userRef) => `${userRef} is not a member of project ${project.slug}`,
        added: (project, userRef, role) => `Added ${userRef} to project ${project.slug} as ${role}`,
        changed: (project, userRef, from, to) =>
          `Changed ${userRef}'s role in project ${project.slug} from ${from} to ${to}`,
        removed: (project, userRef) => `Removed ${userRef} from project ${project.slug}`,
      },
    });
    this.teamGrants = new Memberships({
      store: store.teams,
      scopeId: project => project.id,
      subjectId: team => team.id,
      shown: (team, role) => ({ team: team.slug, role }),
      resourceId,
      ceiling: { ladder: PROJECT_ROLES, scope: ceilingScope, subject: team => `team ${team.slug}` },
      messages: {
        exists: (project, team) => `Team ${team.slug} already has a role on ${project.slug}`,
        missing: (project, team) => `Team ${team.slug} has no role on project ${project.slug}`,
        added: (project, team, role) => `Gave team ${team.slug} the role ${role} on project ${project.slug}`,
        changed: (project, team, from, to) =>
          `Changed team ${team.slug}'s role on project ${project.slug} from ${from} to ${to}`,
        removed: (project, team) => `Removed team ${team.slug} from project ${project.slug}`,
      },
    });
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
    await this.store.members.add(trx, project.id, creatorRef, 'owner');
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
    return this.members.listMembers(project, limit, afterRef);
  }

  async addMember(
    trx: Knex.Transaction,
    project: ProjectRecord,
    member: { userRef: string; role: ProjectRole },
    actorRole: ProjectRole | undefined,
  ) {
    return this.members.add(trx, project, member.userRef, member.role, actorRole);
  }

  async setMemberRole(
    trx: Knex.Transaction,
    project: ProjectRecord,
    userRef: string,
    role: ProjectRole,
    actorRole: ProjectRole | undefined,
  ) {
    return this.members.setRole(trx, project, userRef, role, actorRole);
  }

  async removeMember(
    trx: Knex.Transaction,
    project: ProjectRecord,
    userRef: string,
    actorRole: ProjectRole | undefined,
  ) {
    return this.members.remove(trx, project, userRef, actorRole);
  }

  async listTeams(project: ProjectRecord): Promise<ProjectTeam[]> {
    const grants = await this.store.teams.list(project.id);
    const teams = new Map(
      (await this.teamStore.getByIds(grants.map(g => g.subject))).map(t => [t.id, t]),
    );
    return grants
      .filter(grant => teams.has(grant.subject))
      .map(({ subject, role, createdAt }) => ({
        team: teams.get(subject)!.slug,
        title: teams.get(subject)!.title,
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
    const grant = await this.teamGrants.add(trx, project, team, role, actorRole);
    return { ...grant, result: { ...grant.result, title: team.title } };
  }

  async setTeamRole(
    trx: Knex.Transaction,
    project: ProjectRecord,
    team: TeamRecord,
    role: ProjectRole,
    actorRole: ProjectRole | undefined,
  ) {
    return this.teamGrants.setRole(trx, project, team, role, actorRole);
  }

  async removeTeam(
    trx: Knex.Transaction,
    project: ProjectRecord,
    team: TeamRecord,
    actorRole: ProjectRole | undefined,
  ) {
    return this.teamGrants.remove(trx, project, team, actorRole);
  }
}
