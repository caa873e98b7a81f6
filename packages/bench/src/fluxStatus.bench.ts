import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import { Knex } from 'knex';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import request from 'supertest';
import { KubeApiServer } from '@juanie/plugin-juanie-backend-module-dev';
import { DeploymentFixture, startDeploymentFixture } from '@juanie/plugin-juanie-backend/src/deployments/testing/deploymentFixture';
import { eventually } from '@juanie/plugin-juanie-backend/src/testing/eventually';
import { TestClient } from '@juanie/plugin-juanie-backend/src/testing/testBackend';
import { createJuanieTestDatabases } from '@juanie/plugin-juanie-backend/src/testing/testDatabases';
import { mib, ms, percentile, report, timeRequests } from './benchUtils';
import { kubernetesBackendInJest } from './kubernetesBackendInJest';
import {
  benchFluxObjects,
  fluxNameOf,
  KUBERNETES_ID_LABEL,
  KUSTOMIZATION,
  readyCondition,
  revisionOf,
} from './fluxBenchObjects';

jest.setTimeout(30 * 60_000);

const ORG = 'acme';
const PROJECT = 'shop';
const ENVIRONMENTS = ['dev', 'test', 'staging', 'preprod', 'prod'];
const TOTAL_OBJECTS = 5_000;
const NAMESPACES = 50;
const CLUSTER = 'bench';
const GITOPS = `/orgs/${ORG}/projects/${PROJECT}/gitops`;
const LATENCY_SAMPLES = 50;
const LATENCY_WARMUP = 3;
const LATENCY_TARGET_MS = 1000;
const POLL_MS = 5;
const READS = 30;
const INJECTED_LATENCY_MS = 50;

/** The Flux kinds as Backstage's kubernetes backend is told about them (custom resources). */
const CUSTOM_RESOURCES = [
  { group: 'kustomize.toolkit.fluxcd.io', apiVersion: 'v1', plural: 'kustomizations' },
  { group: 'source.toolkit.fluxcd.io', apiVersion: 'v1', plural: 'gitrepositories' },
];

/** The project in the catalog, as the kubernetes backend finds its objects (by label). */
const SHOP_ENTITY: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: PROJECT, namespace: 'default', annotations: { [KUBERNETES_ID_LABEL]: PROJECT } },
  spec: { type: 'service', lifecycle: 'production', owner: `group:default/${ORG}` },
};

interface GitOpsItem {
  environment: string;
  workload: { name: string; message: string | null; state: string } | null;
  source: { name: string; state: string } | null;
}

interface KubernetesResponse {
  items: Array<{
    cluster: { name: string };
    errors: Array<{ errorType: string; statusCode?: number; resourcePath?: string }>;
    resources: Array<{ type: string; resources: Array<{ kind: string; metadata: { name: string } }> }>;
  }>;
}

const elapsedMs = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** The V8 collector, exposed at run time (a fresh context sees `gc` once the flag is set). */
function exposeGc(): (() => void) | undefined {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
  return typeof gc === 'function' ? gc : undefined;
}

const forceGc = exposeGc();

/** Memory after a full collection (when V8 let us force one), so figures are live data, not garbage. */
function memory() {
  forceGc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

const signedMib = (bytes: number) => `${bytes < 0 ? '-' : '+'}${mib(Math.abs(bytes))}`;

const memoryLine = (label: string, m: { rss: number; heapUsed: number }) =>
  `memory ${label}: rss ${mib(m.rss)}, heapUsed ${mib(m.heapUsed)}`;

/** Polls the database until the watchers have stored `count` live objects of the cluster. */
async function storedAll(knex: Knex, count: number, timeoutMs = 20 * 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await knex('flux_objects').where({ cluster: CLUSTER }).whereNull('deleted_at').count({ n: '*' });
    if (Number(n) >= count) return;
    if (Date.now() > deadline) throw new Error(`Only ${n} of ${count} Flux objects stored after ${timeoutMs} ms`);
    await sleep(50);
  }
}

const itemOf = (items: GitOpsItem[], env: string) => items.find(item => item.environment === env);

/** Polls `GET .../gitops` every 5 ms until the environment's workload shows the message. */
async function visibleThroughJuanie(client: TestClient, env: string, message: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await client.get(GITOPS).expect(200);
    if (itemOf(body.items, env)?.workload?.message === message) return;
    if (Date.now() > deadline) throw new Error(`${env}: "${message}" not visible through Juanie after ${timeoutMs} ms`);
    await sleep(POLL_MS);
  }
}

/** The Flux objects a kubernetes backend answer holds, as `Kind/name`, sorted. */
function objectsIn(response: KubernetesResponse): string[] {
  return response.items
    .flatMap(item => item.resources)
    .filter(fetched => fetched.type === 'customresources')
    .flatMap(fetched => fetched.resources)
    .map(object => `${object.kind}/${object.metadata.name}`)
    .sort();
}

const errorsIn = (response: KubernetesResponse) => response.items.flatMap(item => item.errors);

function readLine(label: string, figures: { p50: number; p95: number; count: number }) {
  return `${label} (n=${figures.count}): p50 ${ms(figures.p50)}, p95 ${ms(figures.p95)}`;
}

describe('bench: Flux status from the API server to /api/juanie, and against the kubernetes backend (PostgreSQL)', () => {
  const databases = createJuanieTestDatabases();

  it('measures', async () => {
    if (!databases.supports('POSTGRES_15')) {
      throw new Error('The benchmark runs on PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING');
    }
    const knex = await databases.init('POSTGRES_15');
    const gcNote = forceGc ? 'after a forced full GC' : 'no forced GC (V8 refused --expose-gc)';
    const baseline = memory();

    // 1. The cluster: 5,000 Ready Flux objects, one GitRepository + Kustomization per environment of shop.
    const api = new KubeApiServer();
    const url = await api.start();
    const objects = benchFluxObjects({
      total: TOTAL_OBJECTS,
      namespaces: NAMESPACES,
      org: ORG,
      project: PROJECT,
      environments: ENVIRONMENTS,
    });
    objects.forEach(object => api.apply(object));
    const seeded = memory();
    report(
      `API server double: ${objects.length} Flux objects (${TOTAL_OBJECTS / 2} GitRepository + ${TOTAL_OBJECTS / 2} Kustomization ` +
        `in ${NAMESPACES + ENVIRONMENTS.length} namespaces; ${ENVIRONMENTS.length * 2} of them labelled for ${ORG}/${PROJECT})`,
    );
    report(`memory figures: ${gcNote}; one process holds the API server double, Juanie and PostgreSQL's client`);
    report(memoryLine('at start', baseline));
    report(memoryLine('with the API server seeded, before Juanie', seeded));

    let fixture: DeploymentFixture | undefined;
    let kube: Awaited<ReturnType<typeof startTestBackend>> | undefined;
    try {
      // 2. Juanie with the cluster: from the backend's start to every object stored by the watchers.
      const syncStart = process.hrtime.bigint();
      fixture = await startDeploymentFixture(knex, {
        cacheName: `flux-status-bench-${Date.now()}`,
        environments: ENVIRONMENTS,
        // acme may put environments in the shop-* namespaces, as in the local portal's config.
        juanie: { clusters: [{ name: CLUSTER, url, tenants: [{ organization: ORG, namespaces: ['shop-*'] }] }] },
      });
      await storedAll(knex, TOTAL_OBJECTS);
      const syncMs = elapsedMs(syncStart);
      const synced = memory();
      report(`initial sync: ${TOTAL_OBJECTS} objects stored in ${(syncMs / 1000).toFixed(1)} s (backend start and project setup included)`);
      report(memoryLine('after the initial sync', synced));
      report(
        `memory Juanie added (after sync − before Juanie): rss ${signedMib(synced.rss - seeded.rss)}, ` +
          `heapUsed ${signedMib(synced.heapUsed - seeded.heapUsed)}`,
      );

      const { carol } = fixture;
      const { body: initial } = await eventually(
        () => carol.get(GITOPS).expect(200),
        res => res.body.items.length === ENVIRONMENTS.length && res.body.items.every((item: GitOpsItem) => item.workload && item.source),
      );
      const juanieObjects = (initial.items as GitOpsItem[])
        .flatMap(item => [`Kustomization/${item.workload!.name}`, `GitRepository/${item.source!.name}`])
        .sort();

      // 3. A status change in the API server until GET .../gitops shows it.
      const latencies: number[] = [];
      for (let i = 0; i < LATENCY_SAMPLES + LATENCY_WARMUP; i++) {
        const env = ENVIRONMENTS[i % ENVIRONMENTS.length];
        const name = fluxNameOf(ORG, PROJECT, env);
        const namespace = `${PROJECT}-${env}`;
        const message = `Applied revision: ${revisionOf(`${namespace}/${name}`)} (bench check ${i})`;
        const start = process.hrtime.bigint();
        api.patchStatus(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, namespace, name, {
          conditions: [readyCondition('ReconciliationSucceeded', message)],
        });
        await visibleThroughJuanie(carol, env, message);
        if (i >= LATENCY_WARMUP) latencies.push(elapsedMs(start));
      }
      const [p50, p95] = [percentile(latencies, 50), percentile(latencies, 95)];
      report(
        `status change in the API server → visible through GET /api/juanie${GITOPS} (n=${LATENCY_SAMPLES}, polled every ${POLL_MS} ms): ` +
          `p50 ${ms(p50)}, p95 ${ms(p95)}, max ${ms(Math.max(...latencies))} ` +
          `(target p95 < ${LATENCY_TARGET_MS} ms: ${p95 < LATENCY_TARGET_MS ? 'met' : 'NOT met'})`,
      );
      report(memoryLine('after the status changes', memory()));

      // 4. One project's status: Juanie (from its database) against the kubernetes backend (from the cluster).
      const juanieRead = () => carol.get(GITOPS).expect(200);
      const juanieNoLatency = await timeRequests(READS, juanieRead);
      api.setLatency(INJECTED_LATENCY_MS);
      const juanie = await timeRequests(READS, juanieRead);
      report(readLine(`GET /api/juanie${GITOPS}, API server at 0 ms latency`, juanieNoLatency));
      report(readLine(`GET /api/juanie${GITOPS}, API server at ${INJECTED_LATENCY_MS} ms latency`, juanie));

      kube = await startTestBackend({
        features: [
          kubernetesPlugin,
          kubernetesBackendInJest,
          catalogServiceMock.factory({ entities: [SHOP_ENTITY] }),
          mockServices.rootConfig.factory({
            data: {
              kubernetes: {
                serviceLocatorMethod: { type: 'multiTenant' },
                clusterLocatorMethods: [
                  {
                    type: 'config',
                    clusters: [
                      {
                        name: CLUSTER,
                        url,
                        authProvider: 'serviceAccount',
                        serviceAccountToken: 'x',
                        skipTLSVerify: true,
                        skipMetricsLookup: true,
                      },
                    ],
                  },
                ],
                customResources: CUSTOM_RESOURCES,
              },
            },
          }),
        ],
      });
      const kubeServer = kube.server;
      const authorization = mockCredentials.user.header('user:default/carol');
      const customQuery = () =>
        request(kubeServer)
          .post('/api/kubernetes/resources/custom/query')
          .set('Authorization', authorization)
          .send({ entityRef: `component:default/${PROJECT}`, customResources: CUSTOM_RESOURCES })
          .expect(200);
      const servicesQuery = () =>
        request(kubeServer)
          .post(`/api/kubernetes/services/${PROJECT}`)
          .set('Authorization', authorization)
          .send({ entity: SHOP_ENTITY, auth: {} })
          .expect(200);

      // The kubernetes backend must find the very objects Juanie shows, and nothing else.
      const { body: custom } = await customQuery();
      expect(errorsIn(custom)).toEqual([]);
      expect(objectsIn(custom)).toEqual(juanieObjects);
      const { body: services } = await servicesQuery();
      expect(objectsIn(services)).toEqual(juanieObjects);
      const servicesErrors = errorsIn(services);
      report(
        `kubernetes backend finds the same ${juanieObjects.length} objects by label ${KUBERNETES_ID_LABEL}=${PROJECT} ` +
          `(the API server double refuses set-based selectors such as juanie.io/environment in (...))`,
      );
      report(
        'kubernetes backend runs in Jest with @kubernetes/client-node handed to it through its extension points ' +
          '(its per-request `await import()` needs --experimental-vm-modules); the rest of its request path is unchanged',
      );

      const kubeCustom = await timeRequests(READS, customQuery);
      const kubeServices = await timeRequests(READS, servicesQuery);
      report(readLine(`POST /api/kubernetes/resources/custom/query (kustomizations + gitrepositories), ${INJECTED_LATENCY_MS} ms latency`, kubeCustom));
      const servicesLine = readLine(
        `POST /api/kubernetes/services/${PROJECT} (entity page: 13 default kinds + the 2 custom resources), ${INJECTED_LATENCY_MS} ms latency`,
        kubeServices,
      );
      const refusals = [...new Set(servicesErrors.map(error => error.statusCode))].join('/');
      report(
        `${servicesLine}; ${servicesErrors.length} of its kinds are not served by the API server double and answer ${refusals} after the same latency`,
      );
      report(
        `ratio kubernetes backend custom query / Juanie: p50 ${(kubeCustom.p50 / juanie.p50).toFixed(2)}×, ` +
          `p95 ${(kubeCustom.p95 / juanie.p95).toFixed(2)}×`,
      );
      report(
        `ratio kubernetes backend services (entity page) / Juanie: p50 ${(kubeServices.p50 / juanie.p50).toFixed(2)}×, ` +
          `p95 ${(kubeServices.p95 / juanie.p95).toFixed(2)}×`,
      );
      report(memoryLine('at the end (both backends running)', memory()));
    } finally {
      await kube?.stop();
      await fixture?.backend.stop();
      await api.stop();
      await fixture?.repo.cleanup();
    }
  });
});
