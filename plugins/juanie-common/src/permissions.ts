import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type of organisation-scoped permissions; the resource ref is the org slug. @public */
export const JUANIE_ORGANIZATION_RESOURCE_TYPE = 'juanie-organization';
/** Resource type of project-scoped permissions; the resource ref is `<org>/<project>`. @public */
export const JUANIE_PROJECT_RESOURCE_TYPE = 'juanie-project';

/** Create a new organisation (any signed-in user by default). @public */
export const juanieOrganizationCreatePermission = createPermission({
  name: 'juanie.organization.create',
  attributes: { action: 'create' },
});

/** See an organisation, its teams, members and quota. @public */
export const juanieOrganizationReadPermission = createPermission({
  name: 'juanie.organization.read',
  attributes: { action: 'read' },
  resourceType: JUANIE_ORGANIZATION_RESOURCE_TYPE,
});

/** Change an organisation, its members, teams and quotas. @public */
export const juanieOrganizationManagePermission = createPermission({
  name: 'juanie.organization.manage',
  attributes: { action: 'update' },
  resourceType: JUANIE_ORGANIZATION_RESOURCE_TYPE,
});

/** Delete an organisation. @public */
export const juanieOrganizationDeletePermission = createPermission({
  name: 'juanie.organization.delete',
  attributes: { action: 'delete' },
  resourceType: JUANIE_ORGANIZATION_RESOURCE_TYPE,
});

/** Create a project in an organisation. @public */
export const juanieProjectCreatePermission = createPermission({
  name: 'juanie.project.create',
  attributes: { action: 'create' },
  resourceType: JUANIE_ORGANIZATION_RESOURCE_TYPE,
});

/** Read the organisation's audit trail. @public */
export const juanieOrganizationAuditReadPermission = createPermission({
  name: 'juanie.organization.audit.read',
  attributes: { action: 'read' },
  resourceType: JUANIE_ORGANIZATION_RESOURCE_TYPE,
});

/** Verify the hash chain of the organisation's audit trail now (owners). @public */
export const juanieOrganizationAuditVerifyPermission = createPermission({
  name: 'juanie.organization.audit.verify',
  attributes: { action: 'read' },
  resourceType: JUANIE_ORGANIZATION_RESOURCE_TYPE,
});

/** See a project, its environments, members and repositories. @public */
export const juanieProjectReadPermission = createPermission({
  name: 'juanie.project.read',
  attributes: { action: 'read' },
  resourceType: JUANIE_PROJECT_RESOURCE_TYPE,
});

/** Change a project, its members, teams, environments and repositories. @public */
export const juanieProjectManagePermission = createPermission({
  name: 'juanie.project.manage',
  attributes: { action: 'update' },
  resourceType: JUANIE_PROJECT_RESOURCE_TYPE,
});

/** Archive or delete a project. @public */
export const juanieProjectDeletePermission = createPermission({
  name: 'juanie.project.delete',
  attributes: { action: 'delete' },
  resourceType: JUANIE_PROJECT_RESOURCE_TYPE,
});

/** Request a deployment to one of the project's environments. @public */
export const juanieDeploymentCreatePermission = createPermission({
  name: 'juanie.deployment.create',
  attributes: { action: 'create' },
  resourceType: JUANIE_PROJECT_RESOURCE_TYPE,
});

/**
 * Vote on a deployment of the project. The policy grants it to anyone who can see the project;
 * the approval gate then admits only the environment's eligible approvers.
 * @public
 */
export const juanieDeploymentApprovePermission = createPermission({
  name: 'juanie.deployment.approve',
  attributes: { action: 'update' },
  resourceType: JUANIE_PROJECT_RESOURCE_TYPE,
});

/** See the configured clusters, their reachability and Flux health. @public */
export const juanieClusterReadPermission = createPermission({
  name: 'juanie.cluster.read',
  attributes: { action: 'read' },
});

/** Read the whole audit trail, across organisations (platform auditors). @public */
export const juanieAuditReadAllPermission = createPermission({
  name: 'juanie.audit.read-all',
  attributes: { action: 'read' },
});

/** Every organisation-scoped permission. @public */
export const juanieOrganizationPermissions = [
  juanieOrganizationReadPermission,
  juanieOrganizationManagePermission,
  juanieOrganizationDeletePermission,
  juanieProjectCreatePermission,
  juanieOrganizationAuditReadPermission,
  juanieOrganizationAuditVerifyPermission,
];

/** Every project-scoped permission. @public */
export const juanieProjectPermissions = [
  juanieProjectReadPermission,
  juanieProjectManagePermission,
  juanieProjectDeletePermission,
  juanieDeploymentCreatePermission,
  juanieDeploymentApprovePermission,
];

/** Every Juanie permission. @public */
export const juaniePermissions = [
  juanieOrganizationCreatePermission,
  juanieClusterReadPermission,
  juanieAuditReadAllPermission,
  ...juanieOrganizationPermissions,
  ...juanieProjectPermissions,
];
