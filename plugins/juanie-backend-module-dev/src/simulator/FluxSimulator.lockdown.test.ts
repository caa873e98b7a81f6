import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  BareRepository,
  createBareRepository,
} from '../testing/bareRepository';
import {
  conditionOf,
  HELM_RELEASE,
  HelmReleaseObject,
  KUSTOMIZATION,
  KustomizationObject,
} from './fluxObjects';
import { FluxSimulator } from './FluxSimulator';
import { KubeApiServer } from './KubeApiServer';
import { deploymentYaml, STAGING_FILES } from './testing/fluxFixtures';
import { helmGitOpsFiles } from './testing/helmFixtures';

const TENANT = 'shop-staging';
const PATH = 'apps/shop/staging';

/** What Juanie gives a tenant: an account bound to `admin` in its namespace only. */
function tenantAccount(server: KubeApiServer, namespace = TENANT) {
  server.apply({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'tenant', namespace },
  });
  server.apply({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'tenant', namespace },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'admin',
    },
    subjects: [{ kind: 'ServiceAccount', name: 'tenant', namespace }],
  });
}

describe('FluxSimulator locked down as a multi-tenant cluster (flux2-multi-tenancy)', () => {
  let repo: BareRepository;
  let server: KubeApiServer;
  let simulator: FluxSimulator;
  let cacheDir: string;

  async function start(files: Record<string, string>) {
    repo = await createBareRepository(files);
    server = new KubeApiServer();
    await server.start();
    cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'juanie-flux-lock-'));
    simulator = new FluxSimulator({
      server,
      cacheDir,
      applyDelayMs: 0,
      intervalMs: 60_000,
    });
    server.apply({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'shop', namespace: TENANT },
      spec: { url: repo.url, interval: '1m', ref: { branch: 'main' } },
    });
  }

  function applyKustomization(spec: Partial<KustomizationObject['spec']>) {
    server.apply({
      ...KUSTOMIZATION,
      metadata: { name: 'shop', namespace: TENANT },
      spec: {
        interval: '5m',
        path: `./${PATH}`,
        sourceRef: { kind: 'GitRepository', name: 'shop' },
        targetNamespace: TENANT,
        ...spec,
      },
    });
  }

  const ready = (namespace = TENANT, name = 'shop') =>
    conditionOf(
      (
        server.get(
          KUSTOMIZATION.apiVersion,
          KUSTOMIZATION.kind,
          namespace,
          name,
        ) as KustomizationObject
      ).status,
      'Ready',
    );

  afterEach(async () => {
    await simulator.stop();
    await server.stop();
    await repo.cleanup();
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('applies a tenant Kustomization that acts as its own account, bound in its namespace', async () => {
    await start(STAGING_FILES);
    tenantAccount(server);
    applyKustomization({ serviceAccountName: 'tenant' });
    await simulator.reconcileNow();
    expect(ready()).toMatchObject({
      status: 'True',
      reason: 'ReconciliationSucceeded',
    });
  });

  it('a Kustomization without serviceAccountName acts as the default account, which may do nothing: it fails', async () => {
    await start(STAGING_FILES);
    tenantAccount(server);
    applyKustomization({});
    await simulator.reconcileNow();
    expect(ready()).toMatchObject({
      status: 'False',
      reason: 'ReconciliationFailed',
      message: `Deployment/${TENANT}/shop dry-run failed (Forbidden): deployments.apps "shop" is forbidden: User "system:serviceaccount:${TENANT}:default" cannot patch resource "deployments" in API group "apps" in the namespace "${TENANT}"`,
    });
    expect(
      (
        server.get(
          KUSTOMIZATION.apiVersion,
          KUSTOMIZATION.kind,
          TENANT,
          'shop',
        ) as KustomizationObject
      ).status?.lastAppliedRevision,
    ).toBeUndefined();
  });

  it('manifests that reach another namespace fail: the account is bound in its own only', async () => {
    await start({
      [`${PATH}/deployment.yaml`]: deploymentYaml('shop:1.0.0').replace(
        'name: shop',
        'name: shop\n  namespace: kube-system',
      ),
    });
    tenantAccount(server);
    applyKustomization({ serviceAccountName: 'tenant', targetNamespace: undefined });
    await simulator.reconcileNow();
    expect(ready()).toMatchObject({
      status: 'False',
      reason: 'ReconciliationFailed',
      message: expect.stringContaining(
        `User "system:serviceaccount:${TENANT}:tenant" cannot patch resource "deployments" in API group "apps" in the namespace "kube-system"`,
      ),
    });
  });

  it('cluster-scoped manifests fail, whatever the target namespace', async () => {
    await start({
      ...STAGING_FILES,
      [`${PATH}/kustomization.yaml`]:
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n  - admin.yaml\n',
      [`${PATH}/admin.yaml`]:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: take-over\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: ServiceAccount\n    name: tenant\n    namespace: shop-staging\n',
    });
    tenantAccount(server);
    applyKustomization({ serviceAccountName: 'tenant' });
    await simulator.reconcileNow();
    expect(ready()).toMatchObject({
      status: 'False',
      reason: 'ReconciliationFailed',
      message: `ClusterRoleBinding/take-over dry-run failed (Forbidden): clusterrolebindings.rbac.authorization.k8s.io "take-over" is forbidden: User "system:serviceaccount:${TENANT}:tenant" cannot patch resource "clusterrolebindings" in API group "rbac.authorization.k8s.io" at the cluster scope`,
    });
  });

  it('a source in another namespace is refused (no cross-namespace references)', async () => {
    await start(STAGING_FILES);
    tenantAccount(server);
    tenantAccount(server, 'other');
    server.apply({
      ...KUSTOMIZATION,
      metadata: { name: 'borrowing', namespace: 'other' },
      spec: {
        interval: '5m',
        path: `./${PATH}`,
        sourceRef: { kind: 'GitRepository', name: 'shop', namespace: TENANT },
        serviceAccountName: 'tenant',
      },
    });
    await simulator.reconcileNow();
    expect(ready('other', 'borrowing')).toMatchObject({
      status: 'False',
      reason: 'AccessDenied',
      message: `cannot access GitRepository/${TENANT}/shop: cross-namespace references have been blocked`,
    });
  });

  describe('helm-controller', () => {
    const release = () =>
      server.get(
        HELM_RELEASE.apiVersion,
        HELM_RELEASE.kind,
        TENANT,
        'web',
      ) as HelmReleaseObject;

    it('installs a tenant HelmRelease that acts as the tenant account', async () => {
      await start(
        helmGitOpsFiles({ sourceName: 'shop', path: PATH, namespace: null, serviceAccountName: 'tenant' }),
      );
      tenantAccount(server);
      applyKustomization({ serviceAccountName: 'tenant' });
      await simulator.reconcileNow();
      await simulator.reconcileNow();
      expect(conditionOf(release().status, 'Ready')).toMatchObject({
        status: 'True',
        reason: 'InstallSucceeded',
      });
    });

    it('a HelmRelease acting as the default account fails its install', async () => {
      await start(
        helmGitOpsFiles({ sourceName: 'shop', path: PATH, namespace: null, serviceAccountName: 'default' }),
      );
      tenantAccount(server);
      applyKustomization({ serviceAccountName: 'tenant' });
      await simulator.reconcileNow();
      await simulator.reconcileNow();
      expect(conditionOf(release().status, 'Ready')).toMatchObject({
        status: 'False',
        reason: 'InstallFailed',
        message: expect.stringContaining(
          `User "system:serviceaccount:${TENANT}:default" cannot patch resource "secrets" in API group "" in the namespace "${TENANT}"`,
        ),
      });
      expect(release().status?.history ?? []).toEqual([]);
    });

    it('a chart source in another namespace is refused', async () => {
      await start(STAGING_FILES);
      tenantAccount(server);
      server.apply({
        ...HELM_RELEASE,
        metadata: { name: 'web', namespace: TENANT },
        spec: {
          serviceAccountName: 'tenant',
          chart: {
            spec: {
              chart: './charts/web',
              sourceRef: { kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system' },
            },
          },
        },
      });
      await simulator.reconcileNow();
      expect(conditionOf(release().status, 'Ready')).toMatchObject({
        status: 'False',
        reason: 'AccessDenied',
        message: 'cannot access GitRepository/flux-system/flux-system: cross-namespace references have been blocked',
      });
    });
  });
});
