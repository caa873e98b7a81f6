import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { juanieApiRef } from './api/JuanieApi';
import { JuanieClient } from './api/JuanieClient';
import {
  entityDeploymentsRouteRef,
  entityGitOpsRouteRef,
  rootRouteRef,
} from './routes';

/**
 * Juanie for legacy (`@backstage/app-defaults`) apps.
 * @public
 */
export const juanieLegacyPlugin = createPlugin({
  id: 'juanie',
  apis: [
    createApiFactory({
      api: juanieApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new JuanieClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    entityDeployments: entityDeploymentsRouteRef,
    entityGitOps: entityGitOpsRouteRef,
  },
});

/**
 * Every Juanie page, for a legacy app's routes:
 * `<Route path="/juanie" element={<JuaniePage />} />`.
 * @public
 */
export const JuaniePage = juanieLegacyPlugin.provide(
  createRoutableExtension({
    name: 'JuaniePage',
    component: () =>
      import('./components/JuanieRouter').then(m => m.JuanieRouter),
    mountPoint: rootRouteRef,
  }),
);

// The entity views link to Juanie's own pages, so an app that shows them also
// mounts JuaniePage.

/**
 * The deployment history of the entity's Juanie project, for an entity page
 * tab: `<EntityLayout.Route path="/juanie-deployments" title="Deployments"
 * if={isJuanieProjectEntity}><EntityJuanieDeploymentsContent /></EntityLayout.Route>`.
 * @public
 */
export const EntityJuanieDeploymentsContent = juanieLegacyPlugin.provide(
  createRoutableExtension({
    name: 'EntityJuanieDeploymentsContent',
    component: () =>
      import('./entity/EntityDeploymentsContent').then(
        m => m.EntityDeploymentsContent,
      ),
    mountPoint: entityDeploymentsRouteRef,
  }),
);

/**
 * How Flux reconciles each environment of the entity's Juanie project, for an
 * entity page tab (see {@link EntityJuanieDeploymentsContent}).
 * @public
 */
export const EntityJuanieGitOpsContent = juanieLegacyPlugin.provide(
  createRoutableExtension({
    name: 'EntityJuanieGitOpsContent',
    component: () =>
      import('./entity/EntityGitOpsContent').then(m => m.EntityGitOpsContent),
    mountPoint: entityGitOpsRouteRef,
  }),
);

/**
 * Each environment of the entity's Juanie project with its version, state and
 * waiting approvals, for the entity overview inside
 * `<EntitySwitch.Case if={isJuanieProjectEntity}>`.
 * @public
 */
export const EntityJuanieEnvironmentsCard = juanieLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityJuanieEnvironmentsCard',
    component: {
      lazy: () =>
        import('./entity/EntityEnvironmentsCard').then(
          m => m.EntityEnvironmentsCard,
        ),
    },
  }),
);
