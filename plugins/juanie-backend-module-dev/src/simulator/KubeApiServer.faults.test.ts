import {
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject,
  makeInformer,
} from '@kubernetes/client-node';
import { performance } from 'node:perf_hooks';
import { eventually } from '../testing/eventually';
import { KubeApiServer } from './KubeApiServer';
import { kubeConfigFor } from './kubeConfigFor';
import { recordWatch } from './testing/recordWatch';

const kustomizations = {
  group: 'kustomize.toolkit.fluxcd.io',
  version: 'v1',
  namespace: 'flux-system',
  plural: 'kustomizations',
};
const PATH =
  '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations';

function kustomization(name: string) {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace: 'flux-system' },
    spec: { path: `./apps/${name}` },
  };
}

describe('KubeApiServer fault injection', () => {
  let server: KubeApiServer;
  let kubeConfig: KubeConfig;
  let api: CustomObjectsApi;

  beforeEach(async () => {
    server = new KubeApiServer();
    kubeConfig = kubeConfigFor(await server.start());
    api = kubeConfig.makeApiClient(CustomObjectsApi);
  });

  afterEach(() => server.stop());

  it('delays every response by the latency set', async () => {
    server.setLatency(200);

    const started = performance.now();
    await api.listNamespacedCustomObject(kustomizations);

    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('fails the next requests with the status code asked for, then recovers', async () => {
    server.failNext(2, 503);
    const attempt = () =>
      api.listNamespacedCustomObject(kustomizations).then(
        () => 'ok',
        error => `${error.code} ${JSON.parse(error.body).reason}`,
      );

    const results = [await attempt(), await attempt(), await attempt()];

    expect(results).toEqual([
      '503 ServiceUnavailable',
      '503 ServiceUnavailable',
      'ok',
    ]);
  });

  it('cuts open watches: the client sees the connection fail', async () => {
    const opened = await recordWatch(kubeConfig, PATH, {
      resourceVersion: server.resourceVersion,
    });

    server.dropWatches();

    await expect(opened.done).resolves.toBeInstanceOf(Error);
  });

  it('restarts on the same port with the objects kept and the old resourceVersions expired', async () => {
    const url = server.url;
    const old = server.apply(kustomization('shop')).metadata.resourceVersion!;
    const opened = await recordWatch(kubeConfig, PATH, {
      resourceVersion: old,
    });

    await server.restart();
    const resumed = await recordWatch(kubeConfig, PATH, {
      resourceVersion: old,
    });
    const listed = await api.listNamespacedCustomObject(kustomizations);

    await expect(opened.done).resolves.toBeInstanceOf(Error);
    await expect(resumed.done).resolves.toBeNull();
    expect(resumed.events.map(e => e.object.code)).toEqual([410]);
    expect(server.url).toBe(url);
    expect(listed.items.map((o: KubernetesObject) => o.metadata?.name)).toEqual(
      ['shop'],
    );
  });

  it('makes an informer list again after a restart', async () => {
    let lists = 0;
    const informer = makeInformer(kubeConfig, PATH, () => {
      lists++;
      return api.listNamespacedCustomObject(kustomizations);
    });
    // ListWatch stops on connection errors; a watcher restarts it, as Juanie's does.
    informer.on('error', () => setTimeout(() => informer.start(), 50));
    server.apply(kustomization('shop'));
    await informer.start();

    await server.restart();
    server.apply(kustomization('shop-prod'));

    await eventually(
      async () => informer.list().length,
      n => n === 2,
    );
    await informer.stop();
    expect(lists).toBe(2);
  });

  it('refuses connections once stopped', async () => {
    await server.stop();

    await expect(
      api.listNamespacedCustomObject(kustomizations),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
