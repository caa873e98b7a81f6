import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { juanieApiRef } from './api/JuanieApi';
import { JuanieClient } from './api/JuanieClient';
import { rootRouteRef } from './routes';

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
  routes: { root: rootRouteRef },
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
