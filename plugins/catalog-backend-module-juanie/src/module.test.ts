import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { CatalogSource } from '@juanie/plugin-juanie-common';
import { JUANIE_CHANGES_TOPIC, JuanieChangeEvent } from '@juanie/plugin-juanie-node';
import { acmeCatalogSource } from './__testUtils__/acmeCatalogSource';
import { catalogModuleJuanie } from './module';

/** Juanie's catalog source endpoint as the real plugin serves it: to services only. */
function fakeJuanie(source: () => CatalogSource) {
  return createBackendPlugin({
    pluginId: 'juanie',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter, httpAuth: coreServices.httpAuth },
        async init({ httpRouter, httpAuth }) {
          httpRouter.use(async (req, res, next) => {
            if (req.method !== 'GET' || req.path !== '/catalog-source') {
              next();
              return;
            }
            try {
              await httpAuth.credentials(req, { allow: ['service'] });
              res.json(source());
            } catch (error) {
              next(error);
            }
          });
        },
      });
    },
  });
}

function fullMutationRefs(mutation: EntityProviderMutation): string[] {
  if (mutation.type !== 'full') throw new Error(`Expected a full mutation, got a ${mutation.type}`);
  return mutation.entities.map(({ entity }) => stringifyEntityRef(entity));
}

describe('catalogModuleJuanie', () => {
  it('follows Juanie: reads its catalog source and updates the catalog after its changes', async () => {
    let source = acmeCatalogSource;
    const events = mockServices.events();
    const providers: EntityProvider[] = [];
    await startTestBackend({
      extensionPoints: [
        [catalogProcessingExtensionPoint, { addEntityProvider: (...added) => providers.push(...added.flat()) }],
      ],
      features: [
        catalogModuleJuanie,
        fakeJuanie(() => source),
        mockServices.rootConfig.factory({ data: { app: { baseUrl: 'http://localhost:3000' } } }),
        // One events service for every plugin, as the real one is.
        createServiceFactory({ service: eventsServiceRef, deps: {}, factory: () => events }),
      ],
    });
    const mutations: EntityProviderMutation[] = [];
    let mutated = () => {};
    const nextMutation = () =>
      new Promise<EntityProviderMutation>(resolve => {
        mutated = () => resolve(mutations[mutations.length - 1]);
      });
    const publishChange = (change: JuanieChangeEvent) =>
      events.publish({ topic: JUANIE_CHANGES_TOPIC, eventPayload: change });
    expect(providers.map(p => p.getProviderName())).toEqual(['juanie']);
    await providers[0].connect({
      applyMutation: async mutation => {
        mutations.push(mutation);
        mutated();
      },
      refresh: async () => undefined,
    });

    const first = nextMutation();
    await publishChange({ action: 'team.create', resourceType: 'team', resourceId: 'acme/web-team', org: 'acme', project: null });
    // This replica has not emitted anything yet, so it cannot know a delta: it applies all.
    expect(fullMutationRefs(await first)).toEqual([
      'group:acme/acme',
      'group:acme/web-team',
      'system:acme/shop',
      'resource:acme/shop--staging',
    ]);

    source = { ...acmeCatalogSource, environments: [] };
    const second = nextMutation();
    await publishChange({
      action: 'environment.delete',
      resourceType: 'environment',
      resourceId: 'acme/shop/staging',
      org: 'acme',
      project: 'shop',
    });
    expect(await second).toEqual({
      type: 'delta',
      added: [],
      removed: [{ entityRef: 'resource:acme/shop--staging', locationKey: 'juanie-provider:juanie' }],
    });
  });
});
