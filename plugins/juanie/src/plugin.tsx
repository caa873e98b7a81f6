import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';

import { rootRouteRef } from './routes';

export const page = PageBlueprint.make({
  params: {
    path: '/juanie',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/TodoPage').then(m => (
        <m.TodoPage />
      )),
  },
});

export const juaniePlugin = createFrontendPlugin({
  pluginId: 'juanie',
  extensions: [page],
  routes: {
    root: rootRouteRef,
  }
});
