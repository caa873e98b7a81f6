import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import { juanieApiRef } from './api/JuanieApi';
import { JuanieClient } from './api/JuanieClient';
import {
  approvalsRouteRef,
  auditRouteRef,
  clustersRouteRef,
  deploymentRouteRef,
  entityDeploymentsRouteRef,
  entityGitOpsRouteRef,
  organizationRouteRef,
  projectRouteRef,
  rootRouteRef,
  teamRouteRef,
} from './routes';
import { isJuanieProjectEntity } from './entity/annotations';

/** The Juanie API client, for the new frontend system. @public */
export const juanieApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: juanieApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new JuanieClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Juanie page at /juanie; its title and icon make the nav item. The page
 * draws its own Backstage header, hence `noHeader`.
 * @public
 */
export const juaniePage = PageBlueprint.make({
  params: {
    path: '/juanie',
    title: 'Juanie',
    icon: <AccountTreeIcon />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/JuanieRouter').then(m => <m.JuanieRouter />),
  },
});

/**
 * The entity page tab `juanie-deployments`: the deployment history of the
 * project named by the entity's `juanie.io/project` annotation.
 * @public
 */
export const juanieDeploymentsEntityContent = EntityContentBlueprint.make({
  name: 'deployments',
  params: {
    path: 'juanie-deployments',
    title: 'Deployments',
    routeRef: entityDeploymentsRouteRef,
    filter: isJuanieProjectEntity,
    loader: () =>
      import('./entity/EntityDeploymentsContent').then(m => (
        <m.EntityDeploymentsContent />
      )),
  },
});

/**
 * The entity page tab `juanie-gitops`: how Flux reconciles each environment of
 * the entity's Juanie project.
 * @public
 */
export const juanieGitOpsEntityContent = EntityContentBlueprint.make({
  name: 'gitops',
  params: {
    path: 'juanie-gitops',
    title: 'GitOps',
    routeRef: entityGitOpsRouteRef,
    filter: isJuanieProjectEntity,
    loader: () =>
      import('./entity/EntityGitOpsContent').then(m => (
        <m.EntityGitOpsContent />
      )),
  },
});

/**
 * The entity overview card with each environment of the entity's Juanie
 * project: current version, state and deployments waiting for approval.
 * @public
 */
export const juanieEnvironmentsEntityCard = EntityCardBlueprint.make({
  name: 'environments',
  params: {
    type: 'content',
    filter: isJuanieProjectEntity,
    loader: () =>
      import('./entity/EntityEnvironmentsCard').then(m => (
        <m.EntityEnvironmentsCard />
      )),
  },
});

/** Juanie for the new frontend system. @public */
export const juaniePlugin = createFrontendPlugin({
  pluginId: 'juanie',
  title: 'Juanie',
  icon: <AccountTreeIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
    organization: organizationRouteRef,
    team: teamRouteRef,
    project: projectRouteRef,
    audit: auditRouteRef,
    deployment: deploymentRouteRef,
    approvals: approvalsRouteRef,
    clusters: clustersRouteRef,
    entityDeployments: entityDeploymentsRouteRef,
    entityGitOps: entityGitOpsRouteRef,
  },
  extensions: [
    juanieApi,
    juaniePage,
    juanieDeploymentsEntityContent,
    juanieGitOpsEntityContent,
    juanieEnvironmentsEntityCard,
  ],
});
