import { isOrgRoleAtLeast, ProjectRole, strongestProjectRole } from '@juanie/plugin-juanie-common';
import { OrganizationStore } from '../orgs/OrganizationStore';
import { TeamStore } from '../orgs/TeamStore';
import { ProjectRecord, ProjectStore } from './ProjectStore';

/** A principal (user or group ref) and a role it holds on a project. */
export interface ProjectPrincipalRole {
  principalRef: string;
  role: ProjectRole;
}

/** Whose effective role is asked for: the caller's claims, and whether they are a platform admin. */
export interface RoleHolder {
  claims: string[];
  isPlatformAdmin: boolean;
}

/**
 * Who holds which role on projects: the one place a project role is derived, for the permission
 * rules (which see every principal's roles) and for "your role" on every list and page.
 * A role comes from a direct membership, a team's grant (to each of its members), or the
 * organisation: its owners and admins count as project owners.
 */
export class ProjectRoles {
  constructor(
    private readonly store: Pick<ProjectStore, 'membersOf' | 'teamGrantsOf'>,
    private readonly orgStore: Pick<OrganizationStore, 'principalRoles'>,
    private readonly teamStore: Pick<TeamStore, 'membersOfTeams'>,
  ) {}

  /** Every principal with a role on each project, by project id. */
  async principalRolesOf(
    projects: ProjectRecord[],
  ): Promise<Map<string, ProjectPrincipalRole[]>> {
    const roles = new Map(projects.map(project => [project.id, [] as ProjectPrincipalRole[]]));
    const ids = [...roles.keys()];
    if (ids.length === 0) return roles;
    for (const { projectId, principalRef, role } of await this.store.membersOf(ids)) {
      roles.get(projectId)!.push({ principalRef, role });
    }
    const grants = await this.store.teamGrantsOf(ids);
    const membersOfTeam = new Map<string, string[]>();
    for (const { teamId, userRef } of await this.teamStore.membersOfTeams([
      ...new Set(grants.map(grant => grant.teamId)),
    ])) {
      membersOfTeam.set(teamId, [...(membersOfTeam.get(teamId) ?? []), userRef]);
    }
    for (const { projectId, teamId, role } of grants) {
      for (const principalRef of membersOfTeam.get(teamId) ?? []) {
        roles.get(projectId)!.push({ principalRef, role });
      }
    }
    const orgIds = [...new Set(projects.map(project => project.organizationId))];
    const administrators = new Map(
      await Promise.all(
        orgIds.map(async orgId => {
          const orgRoles = await this.orgStore.principalRoles(orgId);
          const refs = orgRoles
            .filter(({ role }) => isOrgRoleAtLeast(role, 'admin'))
            .map(({ principalRef }) => principalRef);
          return [orgId, refs] as const;
        }),
      ),
    );
    for (const project of projects) {
      for (const principalRef of administrators.get(project.organizationId) ?? []) {
        roles.get(project.id)!.push({ principalRef, role: 'owner' });
      }
    }
    return roles;
  }

  /**
   * The holder's effective role on each project, by project id: the strongest role any of their
   * claims holds; platform admins, who may do everything, are owners everywhere.
   */
  async effectiveRolesOf(
    projects: ProjectRecord[],
    holder: RoleHolder,
  ): Promise<Map<string, ProjectRole | undefined>> {
    if (holder.isPlatformAdmin) {
      return new Map(projects.map(project => [project.id, 'owner' as const]));
    }
    const principalRoles = await this.principalRolesOf(projects);
    return new Map(
      projects.map(project => [
        project.id,
        strongestProjectRole(
          principalRoles
            .get(project.id)!
            .filter(({ principalRef }) => holder.claims.includes(principalRef))
            .map(({ role }) => role),
        ),
      ]),
    );
  }
}
