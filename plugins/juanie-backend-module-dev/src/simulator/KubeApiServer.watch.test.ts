import { KubeConfig } from '@kubernetes/client-node';
import { eventually } from '../testing/eventually';
import { KubeApiServer, KubeApiServerOptions } from './KubeApiServer';
import { kubeConfigFor } from './kubeConfigFor';
import { recordWatch, RecordedWatch } from './testing/recordWatch';

const PATH =
  '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations';

function kustomization(name: string, environment = 'acme.shop.dev') {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name,
      namespace: 'flux-system',
      labels: { 'juanie.io/environment': environment },
    },
    spec: {
      path: `./apps/${name}`,
      sourceRef: { kind: 'GitRepository', name: 'shop' },
    },
  };
}

const summary = (watch: RecordedWatch) =>
  watch.events.map(
    e => `${e.type} ${e.object.metadata?.name ?? e.object.reason}`,
  );

describe('KubeApiServer watches', () => {
  let server: KubeApiServer;
  let kubeConfig: KubeConfig;
  const watches: RecordedWatch[] = [];

  async function startServer(options: KubeApiServerOptions = {}) {
    server = new KubeApiServer(options);
    kubeConfig = kubeConfigFor(await server.start());
  }

  async function watch(query: Record<string, string | boolean | number>) {
    const opened = await recordWatch(kubeConfig, PATH, query);
    watches.push(opened);
    return opened;
  }

  afterEach(async () => {
    watches.splice(0).forEach(w => w.abort());
    await server.stop();
  });

  it('replays the events after a resourceVersion, then follows live writes', async () => {
    await startServer();
    const first = server.apply(kustomization('shop-dev'));
    server.apply(kustomization('shop-staging'));
    server.apply({ ...kustomization('shop-dev'), spec: { suspend: true } });

    const opened = await watch({
      resourceVersion: first.metadata.resourceVersion!,
    });
    server.delete(
      'kustomize.toolkit.fluxcd.io/v1',
      'Kustomization',
      'flux-system',
      'shop-staging',
    );

    await eventually(
      async () => opened.events.length,
      n => n === 3,
    );
    expect(summary(opened)).toEqual([
      'ADDED shop-staging',
      'MODIFIED shop-dev',
      'DELETED shop-staging',
    ]);
    expect(opened.events[1].object.metadata.generation).toBe(2);
  });

  it('starts with every current object when no resourceVersion is given', async () => {
    await startServer();
    server.apply(kustomization('shop-dev'));
    server.apply(kustomization('shop-prod'));

    const opened = await watch({});

    await eventually(
      async () => opened.events.length,
      n => n === 2,
    );
    expect(summary(opened)).toEqual(['ADDED shop-dev', 'ADDED shop-prod']);
  });

  it('sees objects enter and leave a label selection', async () => {
    await startServer();
    const opened = await watch({
      resourceVersion: server.resourceVersion,
      labelSelector: 'juanie.io/environment=acme.shop.dev',
    });

    server.apply(kustomization('shop'));
    server.apply(kustomization('shop', 'acme.shop.prod'));
    server.apply(kustomization('shop'));

    await eventually(
      async () => opened.events.length,
      n => n === 3,
    );
    expect(summary(opened)).toEqual([
      'ADDED shop',
      'DELETED shop',
      'ADDED shop',
    ]);
  });

  it('sends bookmarks carrying the current resourceVersion when asked', async () => {
    await startServer({ bookmarkIntervalMs: 50 });
    server.apply(kustomization('shop'));
    const opened = await watch({
      resourceVersion: server.resourceVersion,
      allowWatchBookmarks: true,
    });

    await eventually(
      async () => opened.events.length,
      n => n >= 1,
    );
    expect(opened.events[0]).toEqual({
      type: 'BOOKMARK',
      object: {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { resourceVersion: server.resourceVersion },
      },
    });
  });

  it('answers a resourceVersion older than the compacted history with 410 Expired and closes', async () => {
    await startServer();
    const old = server.apply(kustomization('shop')).metadata.resourceVersion!;
    server.apply(kustomization('shop-prod'));
    server.compact();

    const opened = await watch({ resourceVersion: old });

    await expect(opened.done).resolves.toBeNull();
    expect(opened.events).toEqual([
      {
        type: 'ERROR',
        object: expect.objectContaining({
          kind: 'Status',
          code: 410,
          reason: 'Expired',
        }),
      },
    ]);
  });

  it('keeps a bounded history', async () => {
    await startServer({ historyLimit: 2 });
    const old = server.apply(kustomization('shop-1')).metadata.resourceVersion!;
    const kept = server.apply(kustomization('shop-2')).metadata
      .resourceVersion!;
    server.apply(kustomization('shop-3'));
    server.apply(kustomization('shop-4'));

    const expired = await watch({ resourceVersion: old });
    const resumed = await watch({ resourceVersion: kept });

    await eventually(
      async () => resumed.events.length,
      n => n === 2,
    );
    expect(summary(expired)).toEqual(['ERROR Expired']);
    expect(summary(resumed)).toEqual(['ADDED shop-3', 'ADDED shop-4']);
  });

  it('closes a watch after its timeoutSeconds', async () => {
    await startServer();

    const opened = await watch({
      resourceVersion: server.resourceVersion,
      timeoutSeconds: 1,
    });

    await expect(opened.done).resolves.toBeNull();
  });

  it('refuses a resourceVersion that is not a number', async () => {
    await startServer();

    const opened = await watch({ resourceVersion: 'abc' });

    await expect(opened.done).resolves.toMatchObject({ statusCode: 400 });
  });
});
