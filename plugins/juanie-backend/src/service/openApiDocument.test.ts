import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createJuanie } from './createJuanie';
import { documentedOperations } from './openApiDocument';

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

/** Every `METHOD /path` the router serves, with express params written as OpenAPI's `{name}`. */
function servedRoutes(stack: Layer[]): string[] {
  return stack.flatMap(layer => {
    if (layer.route) {
      const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).map(method => `${method} ${path}`);
    }
    return layer.handle?.stack ? servedRoutes(layer.handle.stack) : [];
  });
}

describe('the OpenAPI document', () => {
  it('lists exactly the routes the plugin serves', () => {
    const { router } = createJuanie({
      db: {} as Knex,
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
      httpAuth: mockServices.httpAuth(),
      userInfo: mockServices.userInfo(),
      permissions: mockServices.permissions(),
      permissionsRegistry: mockServices.permissionsRegistry.mock({
        getPermissionRuleset: () => ({ getRuleByName: () => undefined }) as any,
      }),
      auditor: mockServices.auditor.mock(),
      version: 'test',
    });
    const served = servedRoutes((router as unknown as { stack: Layer[] }).stack);
    const documented = documentedOperations.map(op => `${op.method} ${op.path}`);

    // The catalog provider's service-only source and the document itself are internal.
    const internal = ['get /catalog-source', 'get /openapi.json'];
    expect(served.filter(route => !internal.includes(route)).sort()).toEqual(documented.sort());
  });
});
