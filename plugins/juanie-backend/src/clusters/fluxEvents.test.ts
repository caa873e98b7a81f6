import { mockServices } from '@backstage/backend-test-utils';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import { migrationsDirectory } from '../database/migrateDatabase';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { ClusterClient } from './ClusterClients';
import { CLUSTER_HEADER, FLUX_EVENTS_TOPIC, subscribeToFluxEvents } from './fluxEvents';
import { FluxObjectRecord, FluxObjectStore } from './FluxObjectStore';
import { GitOpsStatusService } from './GitOpsStatusService';
import { KubeApiServer } from '@juanie/plugin-juanie-backend-module-dev';

jest.setTimeout(60_000);

const KUSTOMIZATION = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name: 'acme-shop-staging', namespace: 'flux-system' },
  spec: { interval: '5m', path: './apps/shop/staging', sourceRef: { kind: 'GitRepository', name: 'acme-shop-staging' } },
};

/** A Flux notification-controller event, as its generic provider posts it. */
const fluxEvent = (name: string) => ({
  involvedObject: { kind: 'Kustomization', namespace: 'flux-system', name, uid: 'u1' },
  severity: 'info',
  reason: 'ReconciliationSucceeded',
  message: 'Applied revision: main@sha1:0123456789abcdef0123456789abcdef01234567',
  timestamp: new Date().toISOString(),
  reportingController: 'kustomize-controller',
  metadata: { revision: 'main@sha1:0123456789abcdef0123456789abcdef01234567' },
});

describe('Flux events pushed to the events backend', () => {
  const databases = createJuanieTestDatabases();

  it.each(databases.eachSupportedId())('make Juanie read the object at once, without a watch (%p)', async id => {
    const knex = await databases.init(id);
    await knex.migrate.latest({ directory: migrationsDirectory });
    const api = new KubeApiServer();
    const url = await api.start();
    try {
      api.apply(KUSTOMIZATION);
      api.patchStatus(KUSTOMIZATION.apiVersion, 'Kustomization', 'flux-system', KUSTOMIZATION.metadata.name, {
        lastAppliedRevision: 'main@sha1:0123456789abcdef0123456789abcdef01234567',
        conditions: [{ type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: 'Applied' }],
      });
      let onEvent: ((params: EventParams) => Promise<void>) | undefined;
      const events = {
        publish: jest.fn(),
        subscribe: jest.fn(async options => {
          onEvent = options.onEvent;
        }),
      } as unknown as EventsService;
      const objects = new FluxObjectStore(knex);
      const changed: FluxObjectRecord[] = [];
      const status = { objectChanged: async (current: FluxObjectRecord) => void changed.push(current) };
      const settings = { name: 'prod', inCluster: false, skipTLSVerify: false, namespaces: [], simulated: false, tenants: [], tenantRole: 'admin' };
      await subscribeToFluxEvents({
        events,
        clients: [new ClusterClient({ ...settings, name: 'other' }, url), new ClusterClient(settings, url)],
        objects,
        status: status as unknown as GitOpsStatusService,
        logger: mockServices.rootLogger({ level: 'none' }),
      });
      expect(events.subscribe).toHaveBeenCalledWith(expect.objectContaining({ topics: [FLUX_EVENTS_TOPIC] }));

      await onEvent!({ topic: FLUX_EVENTS_TOPIC, eventPayload: fluxEvent('acme-shop-staging'), metadata: { [CLUSTER_HEADER]: 'prod' } });
      const stored = await objects.get({ cluster: 'prod', kind: 'Kustomization', namespace: 'flux-system', name: 'acme-shop-staging' });
      expect(stored).toMatchObject({ readyStatus: 'True', lastAppliedRevision: 'main@sha1:0123456789abcdef0123456789abcdef01234567' });
      expect(changed.map(c => c.name)).toEqual(['acme-shop-staging']);

      // The same event again changes nothing; events that are not Flux's, or name no object, are ignored.
      await onEvent!({ topic: FLUX_EVENTS_TOPIC, eventPayload: fluxEvent('acme-shop-staging'), metadata: { [CLUSTER_HEADER]: 'prod' } });
      await onEvent!({ topic: FLUX_EVENTS_TOPIC, eventPayload: { hello: 'world' } });
      await onEvent!({ topic: FLUX_EVENTS_TOPIC, eventPayload: fluxEvent('no-such-object'), metadata: { [CLUSTER_HEADER]: 'prod' } });
      expect(changed).toHaveLength(1);
      expect(Number((await knex('flux_objects').count({ n: '*' }))[0].n)).toBe(1);
    } finally {
      await api.stop();
    }
  });
});
