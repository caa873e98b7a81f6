import {
  CustomObjectsApi,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { KubeApiServer } from './KubeApiServer';
import { kubeConfigFor } from './kubeConfigFor';
import {
  failureOf,
  gitRepositoryManifest,
  GIT_REPOSITORIES,
} from './testing/apiFixtures';

describe('KubeApiServer writes', () => {
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

  it('merge-patches, moving the generation only when the spec changes', async () => {
    server.apply(gitRepositoryManifest('shop'));
    const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const patch = (body: object) =>
      custom.patchNamespacedCustomObject(
        { ...GIT_REPOSITORIES, name: 'shop', body },
        merge,
      );

    const annotated = await patch({
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'now' } },
    });
    const suspended = await patch({ spec: { suspend: true } });

    expect(annotated.metadata.generation).toBe(1);
    expect(suspended.metadata.generation).toBe(2);
    expect(suspended.spec).toEqual({
      url: 'https://git.example.com/shop.git',
      ref: { branch: 'main' },
      suspend: true,
    });
  });

  it('applies JSON patches, the default patch type of CustomObjectsApi', async () => {
    server.apply(gitRepositoryManifest('shop'));

    const patched = await custom.patchNamespacedCustomObject({
      ...GIT_REPOSITORIES,
      name: 'shop',
      body: [{ op: 'replace', path: '/spec/ref/branch', value: 'release' }],
    });

    expect(patched.spec.ref).toEqual({ branch: 'release' });
  });

  it('server-side applies: creates, then merges the applied fields', async () => {
    const apply = (body: object) =>
      objects.patch(
        body,
        undefined,
        undefined,
        'juanie',
        true,
        PatchStrategy.ServerSideApply,
      );

    const created = await apply(gitRepositoryManifest('shop'));
    const merged = await apply({
      ...gitRepositoryManifest('shop'),
      spec: { ref: { branch: 'release' }, interval: '1m' },
    });

    expect((created as KubernetesObject).metadata?.generation).toBe(1);
    expect((merged as any).spec).toEqual({
      url: 'https://git.example.com/shop.git',
      ref: { branch: 'release' },
      interval: '1m',
    });
  });

  it('refuses a server-side apply without a field manager', async () => {
    const { code, status } = await failureOf(
      objects.patch(
        gitRepositoryManifest('shop'),
        undefined,
        undefined,
        undefined,
        undefined,
        PatchStrategy.ServerSideApply,
      ),
    );

    expect(code).toBe(422);
    expect(status.message).toContain('fieldManager: Required value');
  });

  it('changes status only through the status subresource, keeping the generation', async () => {
    server.apply(gitRepositoryManifest('shop'));
    const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const status = { artifact: { revision: 'main@sha1:abc' } };

    const ignored = await custom.patchNamespacedCustomObject(
      { ...GIT_REPOSITORIES, name: 'shop', body: { status } },
      merge,
    );
    const written = await custom.patchNamespacedCustomObjectStatus(
      {
        ...GIT_REPOSITORIES,
        name: 'shop',
        body: { status, spec: { suspend: true } },
      },
      merge,
    );

    expect(ignored.status).toBeUndefined();
    expect(written.status).toEqual(status);
    expect(written.spec.suspend).toBeUndefined();
    expect(written.metadata.generation).toBe(1);
  });

  it('refuses a replace carrying a stale resourceVersion', async () => {
    const stale = server.apply(gitRepositoryManifest('shop'));
    server.apply({
      ...gitRepositoryManifest('shop'),
      spec: { interval: '5m' },
    });

    const { code, status } = await failureOf(
      objects.replace(stale as KubernetesObject),
    );

    expect(code).toBe(409);
    expect(status.reason).toBe('Conflict');
  });
});
