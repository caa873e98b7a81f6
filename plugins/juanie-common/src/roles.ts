/** Organisation roles, weakest first. @public */
export const ORG_ROLES = ['member', 'admin', 'owner'] as const;
/** @public */
export type OrgRole = (typeof ORG_ROLES)[number];

/** Project roles, weakest first. @public */
export const PROJECT_ROLES = ['viewer', 'developer', 'maintainer', 'owner'] as const;
/** @public */
export type ProjectRole = (typeof PROJECT_ROLES)[number];

/** Team roles. @public */
export const TEAM_ROLES = ['member', 'lead'] as const;
/** @public */
export type TeamRole = (typeof TEAM_ROLES)[number];

/** True when `role` is `minimum` or stronger. @public */
export function isOrgRoleAtLeast(role: OrgRole | undefined, minimum: OrgRole): boolean {
  return role !== undefined && ORG_ROLES.indexOf(role) >= ORG_ROLES.indexOf(minimum);
}

/** True when `role` is `minimum` or stronger. @public */
export function isProjectRoleAtLeast(
  role: ProjectRole | undefined,
  minimum: ProjectRole,
): boolean {
  return (
    role !== undefined && PROJECT_ROLES.indexOf(role) >= PROJECT_ROLES.indexOf(minimum)
  );
}

/** The strongest of several project roles (a user's effective role). @public */
export function strongestProjectRole(
  roles: Iterable<ProjectRole>,
): ProjectRole | undefined {
  let best: ProjectRole | undefined;
  for (const role of roles) {
    if (!best || PROJECT_ROLES.indexOf(role) > PROJECT_ROLES.indexOf(best)) best = role;
  }
  return best;
}
