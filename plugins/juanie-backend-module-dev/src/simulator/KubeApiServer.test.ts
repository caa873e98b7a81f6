import {
  CoreV1Api,
  CustomObjectsApi,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import { KubeApiServer } from './KubeApiServer';
import { kubeConfigFor } from './kubeConfigFor';
import {
  failureOf,
  gitRepositoryManifest,
  GIT_REPOSITORIES,
} from './testing/apiFixtures';

describe('KubeApiServer', () => {
  let server: KubeApiServer;
  let objects: KubernetesObjectApi;
  let custom: CustomObjectsApi;

  beforeEach(async () => {
    server = new KubeApiServer();
    const kubeConfig = kubeConfigFor(await server.start());
    objects = KubernetesObjectApi.makeApiClient(kubeConfig);
    custom = kubeConfig.makeApiClient(CustomObjectsApi);
  });

  afterEach(() => server.stop());

  it('creates and reads objects through discovery, with server-set metadata', async () => {
    await objects.create(gitRepositoryManifest('shop'));

    const read = await objects.read({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'shop', namespace: 'flux-system' },
    });

    expect(read.metadata).toMatchObject({
      name: 'shop',
      namespace: 'flux-system',
      generation: 1,
      resourceVersion: server.resourceVersion,
      uid: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('lists with the list resourceVersion and filters by label', async () => {
    server.apply(gitRepositoryManifest('shop-dev'));
    server.apply(gitRepositoryManifest('shop-prod', 'acme.shop.prod'));

    const all = await custom.listClusterCustomObject({
      group: GIT_REPOSITORIES.group,
      version: GIT_REPOSITORIES.version,
      plural: GIT_REPOSITORIES.plural,
    });
    const dev = await custom.listNamespacedCustomObject({
      ...GIT_REPOSITORIES,
      labelSelector: 'juanie.io/environment=acme.shop.dev',
    });

    expect(all.items.map((o: any) => o.metadata.name)).toEqual([
      'shop-dev',
      'shop-prod',
    ]);
    expect(all.metadata.resourceVersion).toBe('2');
    expect(dev.items.map((o: any) => o.metadata.name)).toEqual(['shop-dev']);
  });

  it('answers a missing object with a NotFound Status', async () => {
    const { code, status } = await failureOf(
      custom.getNamespacedCustomObject({ ...GIT_REPOSITORIES, name: 'absent' }),
    );

    expect(code).toBe(404);
    expect(status).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'gitrepositories.source.toolkit.fluxcd.io "absent" not found',
    });
  });

  it('refuses to create an object twice', async () => {
    await objects.create(gitRepositoryManifest('shop'));

    const { code, status } = await failureOf(
      objects.create(gitRepositoryManifest('shop')),
    );

    expect(code).toBe(409);
    expect(status.reason).toBe('AlreadyExists');
  });

  it('deletes objects', async () => {
    server.apply(gitRepositoryManifest('shop'));

    await custom.deleteNamespacedCustomObject({
      ...GIT_REPOSITORIES,
      name: 'shop',
    });

    expect(
      server.get(
        'source.toolkit.fluxcd.io/v1',
        'GitRepository',
        'flux-system',
        'shop',
      ),
    ).toBeUndefined();
  });

  it('serves cluster-scoped namespaces on the core API', async () => {
    server.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'flux-system' },
    });

    const namespace = await objects.read({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'flux-system' },
    });

    expect(namespace.metadata?.name).toBe('flux-system');
    expect(namespace.metadata?.namespace).toBeUndefined();
  });

  it('asks for the bearer token when it has one', async () => {
    const secured = new KubeApiServer({ bearerToken: 's3cret' });
    const url = await secured.start();
    const anonymous = kubeConfigFor(url).makeApiClient(CoreV1Api);
    const authorized = kubeConfigFor(url, 's3cret').makeApiClient(CoreV1Api);

    const refused = await failureOf(anonymous.listNamespace());
    const answered = await authorized.listNamespace();
    await secured.stop();

    expect(refused.code).toBe(401);
    expect(answered.items).toEqual([]);
  });
});
