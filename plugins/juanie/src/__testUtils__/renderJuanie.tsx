import type { RenderResult } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { JuanieApi, juanieApiRef } from '../api/JuanieApi';
import { JuanieRouter } from '../components/JuanieRouter';
import { rootRouteRef } from '../routes';

/**
 * Renders Juanie's pages at `path` (e.g. `/juanie/orgs/acme`) in a test app,
 * with a fake API and a permission policy that allows or denies everything.
 * Without `signals` the app has no signal API, as an app without the signals
 * plugin.
 */
export function renderJuanie(
  path: string,
  options: {
    api: JuanieApi;
    allow?:
      | boolean
      | ((permissionName: string, resourceRef?: string) => boolean);
    signals?: SignalApi;
  },
): RenderResult {
  const { api, allow = true, signals } = options;
  const decide = (name: string, resourceRef?: string) =>
    (typeof allow === 'function' ? allow(name, resourceRef) : allow)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  return renderInTestApp(<JuanieRouter />, {
    mountPath: '/juanie',
    initialRouteEntries: [path],
    mountedRoutes: { '/juanie': rootRouteRef },
    apis: [
      [juanieApiRef, api],
      mockApis.alert(),
      mockApis.permission({
        authorize: request =>
          decide(
            request.permission.name,
            'resourceRef' in request ? request.resourceRef : undefined,
          ),
      }),
      ...(signals ? [[signalApiRef, signals] as const] : []),
    ],
  });
}
