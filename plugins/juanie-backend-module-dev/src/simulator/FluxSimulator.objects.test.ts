import {
  ApiextensionsV1Api,
  AppsV1Api,
  KubeConfig,
} from '@kubernetes/client-node';
import { conditionOf, FluxStatus } from './fluxObjects';
import { FluxSimulator } from './FluxSimulator';
import { KubeApiServer } from './KubeApiServer';
import { kubeConfigFor } from './kubeConfigFor';
import { gitRepository, stagingKustomization } from './testing/fluxFixtures';

describe('FluxSimulator without a reachable repository', () => {
  let server: KubeApiServer;
  let simulator: FluxSimulator;
  let kubeConfig: KubeConfig;

  const statusOf = (apiVersion: string, kind: string, name: string) =>
    server.get(apiVersion, kind, 'flux-system', name)?.status as FluxStatus;

  beforeEach(async () => {
    server = new KubeApiServer();
    kubeConfig = kubeConfigFor(await server.start());
    simulator = new FluxSimulator({
      server,
      applyDelayMs: 0,
      intervalMs: 60_000,
    });
  });

  afterEach(async () => {
    await simulator.stop();
    await server.stop();
  });

  it('seeds what flux install leaves: ready controllers and the Flux CRDs', async () => {
    simulator.seedFluxSystem();

    const deployments = await kubeConfig
      .makeApiClient(AppsV1Api)
      .listNamespacedDeployment({ namespace: 'flux-system' });
    const crds = await kubeConfig
      .makeApiClient(ApiextensionsV1Api)
      .listCustomResourceDefinition();

    expect(
      deployments.items.map(d => [d.metadata?.name, d.status?.readyReplicas]),
    ).toEqual([
      ['helm-controller', 1],
      ['kustomize-controller', 1],
      ['notification-controller', 1],
      ['source-controller', 1],
    ]);
    expect(crds.items.map(c => c.metadata?.name)).toEqual([
      'gitrepositories.source.toolkit.fluxcd.io',
      'helmreleases.helm.toolkit.fluxcd.io',
      'kustomizations.kustomize.toolkit.fluxcd.io',
      'ocirepositories.source.toolkit.fluxcd.io',
    ]);
    expect(
      crds.items[0].spec.versions.filter(v => v.served).map(v => v.name),
    ).toEqual(['v1', 'v1beta2']);
  });

  it('reports an unreachable repository as GitOperationFailed', async () => {
    server.apply(gitRepository('file:///nonexistent/shop.git'));

    await simulator.reconcileNow();

    expect(
      conditionOf(
        statusOf('source.toolkit.fluxcd.io/v1', 'GitRepository', 'shop'),
        'Ready',
      ),
    ).toMatchObject({
      status: 'False',
      reason: 'GitOperationFailed',
      message: expect.stringContaining(
        "unable to list remote for 'file:///nonexistent/shop.git'",
      ),
    });
  });

  it('reports a Kustomization whose source does not exist as ArtifactFailed', async () => {
    server.apply(stagingKustomization());

    await simulator.reconcileNow();

    expect(
      conditionOf(
        statusOf(
          'kustomize.toolkit.fluxcd.io/v1',
          'Kustomization',
          'shop-staging',
        ),
        'Ready',
      ),
    ).toMatchObject({
      status: 'False',
      reason: 'ArtifactFailed',
      message: 'GitRepository.source.toolkit.fluxcd.io "shop" not found',
    });
  });

  it('installs a HelmRelease, then upgrades it when its spec changes', async () => {
    const release = {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'redis', namespace: 'flux-system' },
      spec: {
        serviceAccountName: 'helm-controller',
        chart: { spec: { chart: 'redis', version: '19.0.0' } },
        values: { replicas: 1 },
      },
    };
    server.apply(release);
    await simulator.reconcileNow();
    const installed = statusOf(
      'helm.toolkit.fluxcd.io/v2',
      'HelmRelease',
      'redis',
    );

    server.apply({ ...release, spec: { values: { replicas: 2 } } });
    await simulator.reconcileNow();
    const upgraded = statusOf(
      'helm.toolkit.fluxcd.io/v2',
      'HelmRelease',
      'redis',
    );

    expect(conditionOf(installed, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'InstallSucceeded',
    });
    expect(conditionOf(upgraded, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'UpgradeSucceeded',
    });
    expect(upgraded.observedGeneration).toBe(2);
  });
});
