import { usePermission } from '@backstage/plugin-permission-react';
import {
  juanieDeploymentCreatePermission,
  juanieOrganizationAuditReadPermission,
  juanieOrganizationCreatePermission,
  juanieOrganizationManagePermission,
  juanieProjectCreatePermission,
  juanieProjectDeletePermission,
  juanieProjectManagePermission,
} from '@juanie/plugin-juanie-common';
import type { PolicyScope } from '@juanie/plugin-juanie-common';

/** Whether the user may create organisations. */
export function useCanCreateOrganization(): boolean {
  return usePermission({ permission: juanieOrganizationCreatePermission })
    .allowed;
}

/** What the user may change in an organisation (resource ref: the org slug). */
export function useOrganizationPermissions(org: string) {
  const manage = usePermission({
    permission: juanieOrganizationManagePermission,
    resourceRef: org,
  });
  const createProject = usePermission({
    permission: juanieProjectCreatePermission,
    resourceRef: org,
  });
  return { canManage: manage.allowed, canCreateProject: createProject.allowed };
}

/** Whether the user may read one organisation's audit trail. */
export function useCanReadOrganizationAudit(org: string): boolean {
  return usePermission({
    permission: juanieOrganizationAuditReadPermission,
    resourceRef: org,
  }).allowed;
}

/** What the user may change in a project (resource ref: `<org>/<project>`). */
export function useProjectPermissions(org: string, project: string) {
  const resourceRef = `${org}/${project}`;
  const manage = usePermission({
    permission: juanieProjectManagePermission,
    resourceRef,
  });
  const remove = usePermission({
    permission: juanieProjectDeletePermission,
    resourceRef,
  });
  return { canManage: manage.allowed, canDelete: remove.allowed };
}

/** Whether the user may request deployments to the project's environments. */
export function useCanRequestDeployment(org: string, project: string): boolean {
  return usePermission({
    permission: juanieDeploymentCreatePermission,
    resourceRef: `${org}/${project}`,
  }).allowed;
}

/**
 * Whether the user may change a policy: an organisation's needs the organisation
 * manage permission, a project's or an environment's the project's.
 */
export function useCanManagePolicy(scope: PolicyScope): boolean {
  return usePermission(
    scope.project === undefined
      ? {
          permission: juanieOrganizationManagePermission,
          resourceRef: scope.org,
        }
      : {
          permission: juanieProjectManagePermission,
          resourceRef: `${scope.org}/${scope.project}`,
        },
  ).allowed;
}
