import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  JUANIE_ORGANIZATION_RESOURCE_TYPE,
  JUANIE_PROJECT_RESOURCE_TYPE,
  juanieAuditReadAllPermission,
  juanieDeploymentApprovePermission,
  juanieDeploymentCreatePermission,
  juanieOrganizationAuditReadPermission,
  juanieOrganizationAuditVerifyPermission,
  juanieClusterReadPermission,
  juanieOrganizationCreatePermission,
  juanieOrganizationDeletePermission,
  juanieOrganizationManagePermission,
  juanieOrganizationReadPermission,
  juanieProjectCreatePermission,
  juanieProjectDeletePermission,
  juanieProjectManagePermission,
  juanieProjectReadPermission,
  OrgRole,
  ProjectRole,
} from '@juanie/plugin-juanie-common';
import {
  createJuanieOrganizationConditionalDecision,
  createJuanieProjectConditionalDecision,
  juanieOrganizationConditions,
  juanieProjectConditions,
} from '@juanie/plugin-juanie-node';

/** The role matrix: the least role each organisation permission needs. */
const ORGANIZATION_MINIMUM_ROLE: Record<string, OrgRole> = {
  [juanieOrganizationReadPermission.name]: 'member',
  [juanieOrganizationManagePermission.name]: 'admin',
  [juanieProjectCreatePermission.name]: 'admin',
  [juanieOrganizationAuditReadPermission.name]: 'admin',
  [juanieOrganizationAuditVerifyPermission.name]: 'owner',
  [juanieOrganizationDeletePermission.name]: 'owner',
};

/** The role matrix: the least role each project permission needs. */
const PROJECT_MINIMUM_ROLE: Record<string, ProjectRole> = {
  [juanieProjectReadPermission.name]: 'viewer',
  [juanieDeploymentCreatePermission.name]: 'developer',
  // Eligibility is the approval gate's business; the policy only asks that you see the project.
  [juanieDeploymentApprovePermission.name]: 'viewer',
  [juanieProjectManagePermission.name]: 'maintainer',
  [juanieProjectDeletePermission.name]: 'owner',
};

/** @public */
export interface JuaniePermissionPolicyOptions {
  userInfo: UserInfoService;
  /** Entity refs (users or groups) that hold every Juanie permission. */
  platformAdmins: string[];
  /** Decides every permission that is not Juanie's; the adopter's own policy goes here. */
  fallback: PermissionPolicy;
}

/**
 * Juanie's role matrix as a Backstage permission policy. Juanie's permissions are decided
 * here (denying what it does not know); all others go to the fallback policy.
 * @public
 */
export class JuaniePermissionPolicy implements PermissionPolicy {
  constructor(private readonly options: JuaniePermissionPolicyOptions) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    if (!request.permission.name.startsWith('juanie.')) {
      return this.options.fallback.handle(request, user);
    }
    const decision = await this.decideJuaniePermission(request, user);
    return decision ?? { result: AuthorizeResult.DENY };
  }

  /**
   * The decision for a Juanie permission, or undefined when the matrix does not know it.
   * Exported behaviour for adopters who compose their own policy: call this first.
   */
  async decideJuaniePermission(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision | undefined> {
    if (!user) return { result: AuthorizeResult.DENY };
    const info = await this.options.userInfo.getUserInfo(user.credentials);
    const claims = [...new Set([info.userEntityRef, ...info.ownershipEntityRefs])];
    if (claims.some(ref => this.options.platformAdmins.includes(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }
    const { permission } = request;
    // Any signed-in user may start an organisation and see which clusters exist and their health.
    if (
      permission.name === juanieOrganizationCreatePermission.name ||
      permission.name === juanieClusterReadPermission.name
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (permission.name === juanieAuditReadAllPermission.name) {
      return { result: AuthorizeResult.DENY };
    }
    if (!isResourcePermission(permission)) return undefined;

    if (permission.resourceType === JUANIE_ORGANIZATION_RESOURCE_TYPE) {
      const minimumRole = ORGANIZATION_MINIMUM_ROLE[permission.name];
      return minimumRole
        ? createJuanieOrganizationConditionalDecision(
            permission as typeof juanieOrganizationReadPermission,
            juanieOrganizationConditions.hasOrganizationRole({ claims, minimumRole }),
          )
        : undefined;
    }
    if (permission.resourceType === JUANIE_PROJECT_RESOURCE_TYPE) {
      const minimumRole = PROJECT_MINIMUM_ROLE[permission.name];
      return minimumRole
        ? createJuanieProjectConditionalDecision(
            permission as typeof juanieProjectReadPermission,
            juanieProjectConditions.hasProjectRole({ claims, minimumRole }),
          )
        : undefined;
    }
    return undefined;
  }
}
