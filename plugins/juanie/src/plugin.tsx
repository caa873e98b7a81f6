import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import { juanieApiRef } from './api/JuanieApi';
import { JuanieClient } from './api/JuanieClient';
import {
  approvalsRouteRef,
  auditRouteRef,
  clustersRouteRef,
  deploymentRouteRef,
  organizationRouteRef,
  projectRouteRef,
  rootRouteRef,
  teamRouteRef,
} from './routes';

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
  },
  extensions: [juanieApi, juaniePage],
});
