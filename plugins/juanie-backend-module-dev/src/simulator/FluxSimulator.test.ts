import {
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  BareRepository,
  createBareRepository,
} from '../testing/bareRepository';
import { eventually } from '../testing/eventually';
import {
  conditionOf,
  GitRepositoryObject,
  KustomizationObject,
} from './fluxObjects';
import { FluxSimulator } from './FluxSimulator';
import { KubeApiServer } from './KubeApiServer';
import { kubeConfigFor } from './kubeConfigFor';
import {
  deploymentYaml,
  gitRepository,
  STAGING_FILES,
  stagingKustomization,
} from './testing/fluxFixtures';
import { recordWatch } from './testing/recordWatch';

const KUSTOMIZATIONS =
  '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations';

describe('FluxSimulator', () => {
  let repo: BareRepository;
  let server: KubeApiServer;
  let simulator: FluxSimulator;
  let cacheDir: string;

  const kustomization = () =>
    server.get(
      'kustomize.toolkit.fluxcd.io/v1',
      'Kustomization',
      'flux-system',
      'shop-staging',
    ) as KustomizationObject;
  const source = () =>
    server.get(
      'source.toolkit.fluxcd.io/v1',
      'GitRepository',
      'flux-system',
      'shop',
    ) as GitRepositoryObject;
  const pushDeployment = (text: string) =>
    repo.pushUpstream({ 'apps/shop/staging/deployment.yaml': text });

  beforeEach(async () => {
    repo = await createBareRepository(STAGING_FILES);
    server = new KubeApiServer();
    await server.start();
    cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'juanie-flux-cache-'));
    simulator = new FluxSimulator({
      server,
      cacheDir,
      applyDelayMs: 100,
      intervalMs: 60_000,
    });
    server.apply(gitRepository(repo.url));
    server.apply(stagingKustomization());
    await simulator.reconcileNow();
  });

  afterEach(async () => {
    await simulator.stop();
    await server.stop();
    await repo.cleanup();
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('publishes a pushed commit as the source revision, then applies it through Reconciling', async () => {
    const watch = await recordWatch(kubeConfigFor(server.url), KUSTOMIZATIONS, {
      resourceVersion: server.resourceVersion,
    });
    const sha = await pushDeployment(deploymentYaml('shop:1.1.0'));
    const revision = `main@sha1:${sha}`;

    await simulator.reconcileNow();

    expect(source().status?.artifact?.revision).toBe(revision);
    expect(conditionOf(source().status, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'Succeeded',
      message: `stored artifact for revision '${revision}'`,
    });
    await eventually(
      async () => watch.events.length,
      n => n === 2,
    );
    watch.abort();
    expect(
      watch.events.map(({ object }) => [
        conditionOf(object.status, 'Ready')?.status,
        conditionOf(object.status, 'Reconciling')?.reason,
        object.status.lastAttemptedRevision,
      ]),
    ).toEqual([
      ['Unknown', 'Progressing', revision],
      ['True', undefined, revision],
    ]);
    expect(kustomization().status).toMatchObject({
      lastAppliedRevision: revision,
      observedGeneration: 1,
      conditions: [
        expect.objectContaining({
          type: 'Ready',
          reason: 'ReconciliationSucceeded',
          message: `Applied revision: ${revision}`,
        }),
      ],
    });
  });

  it('reports a broken manifest as BuildFailed naming the file, keeping the applied revision', async () => {
    const applied = kustomization().status?.lastAppliedRevision;
    const sha = await pushDeployment('kind: Deployment\nmetadata: [broken\n');

    await simulator.reconcileNow();

    const { status } = kustomization();
    expect(conditionOf(status, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'BuildFailed',
      message: expect.stringContaining('apps/shop/staging/deployment.yaml'),
    });
    expect(conditionOf(status, 'Reconciling')?.reason).toBe(
      'ProgressingWithRetry',
    );
    expect(conditionOf(status, 'Stalled')).toBeUndefined();
    expect(status?.lastAttemptedRevision).toBe(`main@sha1:${sha}`);
    expect(status?.lastAppliedRevision).toBe(applied);
  });

  it('fails only the commit it is told to fail, with that reason', async () => {
    const failing = await pushDeployment(deploymentYaml('shop:2.0.0'));
    simulator.failRevision(failing, {
      reason: 'HealthCheckFailed',
      message: 'timeout waiting for: [Deployment/flux-system/shop]',
    });
    await simulator.reconcileNow();
    const failed = kustomization().status;
    const fixed = await pushDeployment(deploymentYaml('shop:2.0.1'));

    await simulator.reconcileNow();

    expect(conditionOf(failed, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'HealthCheckFailed',
      message: 'timeout waiting for: [Deployment/flux-system/shop]',
    });
    expect(failed?.lastAppliedRevision).not.toBe(`main@sha1:${failing}`);
    expect(kustomization().status?.lastAppliedRevision).toBe(
      `main@sha1:${fixed}`,
    );
  });

  it('attempts a failed commit again once failures are cleared', async () => {
    const sha = await pushDeployment(deploymentYaml('shop:2.0.0'));
    simulator.failRevision(sha.slice(0, 7), { reason: 'HealthCheckFailed' });
    await simulator.reconcileNow();

    simulator.clearFailures();
    await simulator.reconcileNow();

    expect(kustomization().status?.lastAppliedRevision).toBe(
      `main@sha1:${sha}`,
    );
  });

  it('leaves a suspended Kustomization alone, its Ready condition as it was', async () => {
    server.apply({ ...stagingKustomization(), spec: { suspend: true } });
    const before = kustomization().status;
    await pushDeployment(deploymentYaml('shop:3.0.0'));

    await simulator.reconcileNow();

    expect(kustomization().status).toEqual(before);
  });

  it('applies the latest commit when a suspended Kustomization is resumed', async () => {
    server.apply({ ...stagingKustomization(), spec: { suspend: true } });
    await simulator.reconcileNow();
    const sha = await pushDeployment(deploymentYaml('shop:3.0.0'));
    await simulator.reconcileNow();

    server.apply({ ...stagingKustomization(), spec: { suspend: false } });
    await simulator.reconcileNow();

    expect(kustomization().status).toMatchObject({
      lastAppliedRevision: `main@sha1:${sha}`,
      observedGeneration: 3,
    });
  });

  it('handles a reconcile request and echoes it in lastHandledReconcileAt', async () => {
    const api = kubeConfigFor(server.url).makeApiClient(CustomObjectsApi);
    const requestedAt = '2025-06-01T10:00:00.000Z';
    await api.patchNamespacedCustomObject(
      {
        group: 'kustomize.toolkit.fluxcd.io',
        version: 'v1',
        namespace: 'flux-system',
        plural: 'kustomizations',
        name: 'shop-staging',
        body: {
          metadata: {
            annotations: { 'reconcile.fluxcd.io/requestedAt': requestedAt },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );

    await simulator.reconcileNow();

    expect(kustomization().status?.lastHandledReconcileAt).toBe(requestedAt);
  });

  it('reconciles on its own once started', async () => {
    const running = new FluxSimulator({
      server,
      cacheDir,
      applyDelayMs: 10,
      intervalMs: 100,
    });
    await running.start();
    const sha = await pushDeployment(deploymentYaml('shop:4.0.0'));

    const applied = await eventually(
      async () => kustomization().status?.lastAppliedRevision,
      revision => revision === `main@sha1:${sha}`,
      10_000,
    );
    await running.stop();

    expect(applied).toBe(`main@sha1:${sha}`);
  });
});
