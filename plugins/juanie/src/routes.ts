import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

// Legacy route refs are understood by both the new frontend system and legacy
// apps, so one set serves both plugin flavours.

/** The Juanie home page. @public */
export const rootRouteRef = createRouteRef({ id: 'juanie' });

/** One organisation: projects, teams, members and quota. @public */
export const organizationRouteRef = createSubRouteRef({
  id: 'juanie/organization',
  parent: rootRouteRef,
  path: '/orgs/:org',
});

/** One team of an organisation, with its members. @public */
export const teamRouteRef = createSubRouteRef({
  id: 'juanie/team',
  parent: rootRouteRef,
  path: '/orgs/:org/teams/:team',
});

/** One project: environments, members, repositories and settings. @public */
export const projectRouteRef = createSubRouteRef({
  id: 'juanie/project',
  parent: rootRouteRef,
  path: '/orgs/:org/projects/:project',
});

/** The audit trail. @public */
export const auditRouteRef = createSubRouteRef({
  id: 'juanie/audit',
  parent: rootRouteRef,
  path: '/audit',
});

/** One deployment: its status, votes, timeline and diff. @public */
export const deploymentRouteRef = createSubRouteRef({
  id: 'juanie/deployment',
  parent: rootRouteRef,
  path: '/orgs/:org/projects/:project/deployments/:id',
});

/** Deployments waiting for the user's vote. @public */
export const approvalsRouteRef = createSubRouteRef({
  id: 'juanie/approvals',
  parent: rootRouteRef,
  path: '/approvals',
});

/** Every cluster Juanie deploys to: reachability, Flux controllers and CRDs. @public */
export const clustersRouteRef = createSubRouteRef({
  id: 'juanie/clusters',
  parent: rootRouteRef,
  path: '/clusters',
});

/** The entity page tab with the deployment history of the entity's Juanie project. @public */
export const entityDeploymentsRouteRef = createRouteRef({
  id: 'juanie/entity-deployments',
});

/** The entity page tab with the GitOps status of the entity's Juanie project. @public */
export const entityGitOpsRouteRef = createRouteRef({
  id: 'juanie/entity-gitops',
});
